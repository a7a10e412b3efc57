/**
 * Shared by both page checks: send the measurements to the background, which decides, and show
 * the in-page notice if its answer holds one, with the instant part of the offer (the saved copy
 * and the plain archive links) so the links need no second round trip.
 */
import type { CopyOffer } from '../shared/copy-offer.js';
import type { NoticeInfo, PageProbe } from '../shared/page-check.js';
import { showNotice } from './notice.js';

type Runtime = typeof chrome.runtime;
const runtime: Runtime = ((globalThis as { browser?: { runtime: Runtime } }).browser ?? chrome).runtime;

export function runPageCheck(measure: () => PageProbe): void {
  // Test build only: the check's phases on the page's own clock (from its navigation start).
  if (__TEST__) performance.mark('samizdat:check-start');
  const probe = measure();
  if (__TEST__) performance.mark('samizdat:check-probed');
  void (runtime.sendMessage({ type: 'page-probe', payload: probe }) as Promise<{ notice: NoticeInfo | null; offer?: CopyOffer } | undefined>)
    .then((answer) => {
      if (answer?.notice) showNotice(answer.notice, answer.offer);
    })
    .catch(() => undefined);
}
