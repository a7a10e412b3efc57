/**
 * The page check, injected on demand (one injection) into a page the background found
 * suspicious: it measures the page, sends the measurements to the background, which decides,
 * and shows the in-page notice if the answer holds one. (Asking by message instead of injecting
 * the probe, a call, the notice and a second call saves three script injections per page, each
 * a round trip that a loaded machine makes slow.)
 */
import type { NoticeInfo } from '../shared/page-check.js';
import { showNotice } from './notice.js';
import { probePage } from './page-probe.js';

type Runtime = typeof chrome.runtime;
const runtime: Runtime = ((globalThis as { browser?: { runtime: Runtime } }).browser ?? chrome).runtime;

void (runtime.sendMessage({ type: 'page-probe', payload: probePage() }) as Promise<{ notice: NoticeInfo | null } | undefined>)
  .then((answer) => {
    if (answer?.notice) showNotice(answer.notice);
  })
  .catch(() => undefined);
