/**
 * Injected on demand when the always-on script could not settle a page without the block-page
 * matcher (see blockpage-deferred.ts): the core's full detectArticle, block-page veto included.
 */
import { detectArticle } from '../core/detect-article.js';

type Runtime = typeof chrome.runtime;
const runtime: Runtime = ((globalThis as { browser?: { runtime: Runtime } }).browser ?? chrome).runtime;

const { isArticle, score } = detectArticle(document);
runtime.sendMessage({ type: 'page-detected', payload: { isArticle, score } })?.catch?.(() => undefined);
