/**
 * The always-on content script: decides whether this page is an article and tells the
 * background, which marks the toolbar button. It must stay tiny (≤ 8 KB) and cheap, so it
 * talks to the runtime API directly instead of bundling the polyfill, and anything heavier
 * is injected on demand: when detectArticle wants the block-page matcher's verdict (a page that
 * looks like an article but declares nothing of one), the background injects detect-full.js.
 * It re-runs when the background reports a single-page-app navigation.
 */
import { detectArticle } from '../core/detect-article.js';
import { takeBlockCheckAsked } from './blockpage-deferred.js';

// Test build only: when this script's own work began (its imported modules only define constants).
const scriptStart = __TEST__ ? performance.now() : 0;

type Runtime = typeof chrome.runtime;
const runtime: Runtime = ((globalThis as { browser?: { runtime: Runtime } }).browser ?? chrome).runtime;

/** The verdict last sent from this document (undefined: none yet). */
let sent: string | undefined;

function report(start: number): void {
  const detectStart = __TEST__ ? performance.now() : 0;
  takeBlockCheckAsked();
  const { isArticle, score } = detectArticle(document);
  const detectEnd = __TEST__ ? performance.now() : 0;
  // Only an article can be vetoed as a block page; anything else is settled here.
  const needsBlockCheck = takeBlockCheckAsked() && isArticle;
  // One message per verdict: a single-page app's re-detection that reaches the same verdict says
  // nothing (a tab's toolbar mark survives same-document navigations; a new document starts over).
  const verdict = `${isArticle} ${needsBlockCheck}`;
  if (verdict !== sent) {
    sent = verdict;
    runtime.sendMessage({ type: 'page-detected', payload: { isArticle, score, needsBlockCheck } })?.catch?.(() => undefined);
  }
  if (__TEST__) {
    // Test build only (the bench's browser section reads them): this script's own main-thread
    // time and its parts. Timestamps are taken first and the entries made after, so the entries'
    // own cost (the first User Timing call of a content script's world is slow) is not billed.
    const end = performance.now();
    performance.measure('samizdat:content-script-setup', { start, end: detectStart });
    performance.measure('samizdat:content-script-detect', { start: detectStart, end: detectEnd });
    performance.measure('samizdat:content-script-send', { start: detectEnd, end });
    performance.measure('samizdat:content-script', { start, end });
  }
}

runtime.onMessage.addListener((message: { type?: string }) => {
  if (message?.type === 'redetect') report(__TEST__ ? performance.now() : 0);
});
// The first run is billed from the script's start: the runtime lookup and the listener are its cost too.
report(scriptStart);
