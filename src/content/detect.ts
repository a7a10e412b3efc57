/**
 * The always-on content script: decides whether this page is an article and tells the
 * background, which marks the toolbar button. It must stay tiny (≤ 8 KB) and cheap, so it
 * talks to the runtime API directly instead of bundling the polyfill, and anything heavier
 * is injected on demand. It re-runs when the background reports a single-page-app navigation.
 */
import { detectArticle } from '../core/detect-article.js';

type Runtime = typeof chrome.runtime;
const runtime: Runtime = ((globalThis as { browser?: { runtime: Runtime } }).browser ?? chrome).runtime;

function report(): void {
  const { isArticle, score } = detectArticle(document);
  runtime.sendMessage({ type: 'page-detected', payload: { isArticle, score } })?.catch?.(() => undefined);
}

runtime.onMessage.addListener((message: { type?: string }) => {
  if (message?.type === 'redetect') report();
});
report();
