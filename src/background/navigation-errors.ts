/**
 * Top-level navigations that fail at the network level (DNS, reset, refused, TLS, timeout…) or
 * end on Chrome's own page for an empty-body HTTP error: the tab goes to unavailable.html with
 * the reason. User aborts, replaced navigations, downloads and back/forward-cache restores
 * report no failure (src/shared/net-errors.ts maps them to null). A page still loading after the
 * configured time marks the icon and lets the popup offer copies, without leaving the page
 * (slow-load.ts keeps that watch across worker restarts).
 *
 * Back from unavailable.html must not trap the user: when the browser kept the failed page's own
 * history entry before ours, Back returns to it, the page fails again, and we would show
 * unavailable.html once more. A failure of the very page the tab just left unavailable.html for
 * (without the Retry button) is that Back: the tab goes one step further back instead.
 */
import browser from 'webextension-polyfill';
import { detectBlockPage } from '../core/blockpage/index.js';
import { loadCopySettings } from '../shared/copy-settings.js';
import { unavailablePath } from '../shared/copy-offer.js';
import { getTrouble, mainFrameRecord, sameDocument, setTrouble, type MainFrameRecord } from './main-frame.js';
import { SlowLoadWatch, type SlowLoadDeps } from './slow-load.js';
import { chromeWakeClock } from './wake-clock.js';
import { hasErrorCode, httpStatusReason, isBadPortUrl, isHttpErrorPageFailure, netErrorReason } from '../shared/net-errors.js';
import { markTab } from './toolbar.js';
import { handle } from './router.js';

const isWeb = (url: string) => /^https?:\/\//i.test(url);
/** How long a webRequest error given only in words waits for webNavigation's code of it. */
const WORDS_ONLY_WAIT_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last top-level navigation each tab started. */
const navigations = new Map<number, { url: string; at: number }>();
/** Failures already acted on (webNavigation and webRequest both report one), until our page commits. */
const handled = new Map<number, { url: string; at: number }>();
/** Each tab's last committed top-level document (Chrome reports no commit for its error pages). */
const committed = new Map<number, { url: string; at: number }>();
/** Tabs whose Retry button on unavailable.html was just pressed: a failure then is shown again. */
const retries = new Map<number, { url: string; at: number }>();
/** Tabs going from unavailable.html back into the failed page's own history entry. */
const backIntoFailure = new Map<number, string>();
/** The last failure each tab was sent to unavailable.html for (kept when our page commits). */
const acted = new Map<number, { url: string; at: number }>();

/** The URL the user wanted: the first of the redirect chain the failed URL belongs to. */
function originalUrl(url: string, record: MainFrameRecord | undefined): string {
  if (!record) return url;
  if (sameDocument(record.url, url) || record.redirects.some((r) => sameDocument(r, url))) return record.url;
  return url;
}

/** The page an unavailable.html URL is about, or null for any other URL. */
function unavailableSubject(url: string | undefined): string | null {
  const base = browser.runtime.getURL('unavailable.html');
  if (!url || !url.startsWith(base)) return null;
  return new URL(url).searchParams.get('url');
}

/**
 * The webRequest record of the request a webNavigation event is about. The two APIs' events are
 * not ordered against each other: Firefox can report a redirected navigation's failure (under
 * the redirect target's URL) before webRequest has told us of the redirect, which would name the
 * block host instead of the page the user asked for. So wait, briefly, until webRequest knows
 * the URL; a failure no request was made for (a refused scheme or port) goes on after the wait.
 */
async function recordFor(tabId: number, url: string, timeout = 1000): Promise<MainFrameRecord | undefined> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const record = mainFrameRecord(tabId);
    if (record && (sameDocument(record.url, url) || record.redirects.some((r) => sameDocument(r, url)))) return record;
    if (Date.now() >= deadline) return record;
    await sleep(25);
  }
}

/** Pure: the reason to show for a failure, or null to leave the tab alone. */
export function failureReason(error: string, record: Pick<MainFrameRecord, 'status' | 'redirects' | 'finalUrl' | 'headers'> | undefined): string | null {
  // An event without an error string is no evidence of a failure.
  if (!error || !error.trim()) return null;
  let reason: string | null = netErrorReason(error);
  if (!reason) return null;
  if (isHttpErrorPageFailure(error)) {
    const status = record?.status;
    reason = status && status >= 400 ? httpStatusReason(status) : 'unknown';
  }
  // A redirect towards a block host that then fails to load is still a block.
  if (record && record.redirects.length > 0) {
    const verdict = detectBlockPage(null as unknown as Document, { url: record.finalUrl, redirects: record.redirects, headers: record.headers });
    if (verdict.blocked) return 'block-page';
  }
  return reason;
}

export async function onNavigationFailure(tabId: number, url: string, error: string, record = mainFrameRecord(tabId)): Promise<void> {
  if (tabId < 0 || !isWeb(url)) return;
  const reason = failureReason(error, record);
  if (!reason) return;
  // A newer navigation replaced this one: leave the tab alone.
  const nav = navigations.get(tabId);
  const original = originalUrl(url, record);
  if (nav && !sameDocument(nav.url, url) && !sameDocument(nav.url, original) && !record?.redirects.some((r) => sameDocument(r, nav.url))) return;
  const last = handled.get(tabId);
  if (last && sameDocument(last.url, original) && Date.now() - last.at < 3000) return;
  handled.set(tabId, { url: original, at: Date.now() });
  acted.set(tabId, { url: original, at: Date.now() });
  void slowLoads.stop(tabId);
  const back = backIntoFailure.get(tabId);
  backIntoFailure.delete(tabId);
  if (back && (sameDocument(back, original) || sameDocument(back, url))) {
    if (await skipBack(tabId, [url, original])) return;
  }
  await setTrouble(tabId, { url: original, reason });
  await sendToUnavailable(tabId, browser.runtime.getURL(unavailablePath(original, reason)), [url, original]);
  await markTab(tabId, 'unavailable');
}

const showsFailure = (current: string, failedUrls: string[]) => failedUrls.some((u) => sameDocument(current, u)) || /^(chrome-error:|about:neterror)/.test(current);

async function currentUrl(tabId: number): Promise<{ url: string; loading: boolean } | null> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab) return null;
  return { url: (tab as { pendingUrl?: string }).pendingUrl ?? tab.url ?? '', loading: tab.status === 'loading' };
}

/**
 * Back from unavailable.html landed on the failed page's own entry, which failed again: go one
 * more step back, to the page before it. Waits for the browser's error page to be committed first
 * (going back while the traversal is still pending would be measured from the wrong entry).
 * False when there is nothing to go back to.
 */
async function skipBack(tabId: number, failedUrls: string[]): Promise<boolean> {
  // Chrome keeps the tab's old URL (our page's) until the failed entry commits: wait for that.
  const deadline = Date.now() + 3000;
  let now = await currentUrl(tabId);
  while (now?.loading && Date.now() < deadline) {
    await sleep(50);
    now = await currentUrl(tabId);
  }
  if (!now) return true;
  if (!now.loading && !showsFailure(now.url, failedUrls)) return true; // it loaded after all, or the user went elsewhere
  try {
    await browser.tabs.goBack(tabId);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends the tab to unavailable.html. The browser may still be committing its own error page when
 * the error event arrives, which can cancel our navigation: check, and try again while the tab
 * shows the failure and is not loading (ours may just be slow to commit on a busy machine; a
 * second request would restart it and add a history entry), never once ours has committed or
 * the user has gone elsewhere. A plain navigation, never a replacing one: when ours overtakes
 * the error page, replacing would overwrite the page before the failed one (Firefox's
 * loadReplace did), losing it from Back.
 */
async function sendToUnavailable(tabId: number, target: string, failedUrls: string[]): Promise<void> {
  const sentAt = Date.now();
  await browser.tabs.update(tabId, { url: target }).catch(() => undefined);
  void (async () => {
    for (const delay of [500, 1000, 1500]) {
      await sleep(delay);
      const last = committed.get(tabId);
      if (last && last.at >= sentAt && unavailableSubject(last.url) !== null) return;
      const now = await currentUrl(tabId);
      if (!now) return;
      if (now.loading) continue; // ours, most likely, on its way
      if (!showsFailure(now.url, failedUrls)) return;
      await browser.tabs.update(tabId, { url: target }).catch(() => undefined);
    }
  })();
}

/** The page is slow: mark the icon and let the popup offer copies of the page asked for. */
async function onSlow(tabId: number, url: string): Promise<void> {
  await setTrouble(tabId, { url: originalUrl(url, mainFrameRecord(tabId)), reason: 'slow' });
  await markTab(tabId, 'unavailable');
}

const slowLoadDeps: SlowLoadDeps = {
  now: () => Date.now(),
  session: {
    get: (keys) => browser.storage.session.get(keys) as Promise<Record<string, unknown>>,
    set: (items) => browser.storage.session.set(items),
    remove: (key) => browser.storage.session.remove(key),
  },
  alarms: {
    // The test build loads unpacked, where Chrome lets an alarm fire at any time; a packed
    // extension's fires no sooner than 30 s after it is set. The test build keeps to that, so
    // the E2E shows what a user's Chrome does (the wake clock, not the alarm, on time).
    create: (name, info) => browser.alarms.create(name, __TEST__ && __BROWSER__ === 'chrome' ? { when: Math.max(info.when, Date.now() + 30_000) } : info),
    clear: (name) => browser.alarms.clear(name),
  },
  async stillLoading(tabId) {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    return tab?.status === 'loading';
  },
  onSlow,
};
const slowLoads = new SlowLoadWatch(slowLoadDeps);

/**
 * Whether what committed under a bad-port URL is the browser's refusal rather than the page. A
 * page that was served has a response status (webRequest) and takes a script; the browser's
 * error page has neither (no request was made, and extensions cannot script error pages).
 */
async function portRefused(tabId: number, url: string): Promise<boolean> {
  const record = mainFrameRecord(tabId);
  if (record?.status !== undefined && sameDocument(record.finalUrl, url)) return false;
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, injectImmediately: true, func: () => document.documentURI });
    return !(typeof result?.result === 'string' && sameDocument(result.result, url));
  } catch {
    return true;
  }
}

/** The page got far enough to read: no longer slow. */
async function loaded(tabId: number): Promise<void> {
  await slowLoads.stop(tabId);
  navigations.delete(tabId);
  backIntoFailure.delete(tabId);
  const trouble = await getTrouble(tabId);
  if (trouble.reason === 'slow') {
    await setTrouble(tabId, null);
    await markTab(tabId, 'default');
  }
}

export function startNavigationErrors(): void {
  // Chrome: the offscreen clock that wakes a stopped worker at a deadline. Handed a deadline only
  // for a load still pending after 2 s; the document closes 30 s after the last watch ends.
  if (__BROWSER__ === 'chrome') slowLoadDeps.wakeClock = chromeWakeClock(2000, 30_000);
  // Listeners first (an alarm may be what woke the worker), then the watches of a past life.
  browser.alarms.onAlarm.addListener((alarm) => void slowLoads.onAlarm(alarm.name));
  browser.webNavigation.onBeforeNavigate.addListener((d) => {
    if (d.frameId !== 0) return;
    if (!isWeb(d.url)) {
      navigations.delete(d.tabId);
      void slowLoads.stop(d.tabId);
      return;
    }
    navigations.set(d.tabId, { url: d.url, at: Date.now() });
    // Leaving unavailable.html for the page it is about, other than by Retry: that is Back.
    // (Firefox starts a second navigation for its error page, so the Retry mark is kept a while.)
    const subject = unavailableSubject(committed.get(d.tabId)?.url);
    const retry = retries.get(d.tabId);
    const retried = !!retry && sameDocument(retry.url, d.url) && Date.now() - retry.at < 10_000;
    if (subject && sameDocument(subject, d.url) && !retried) backIntoFailure.set(d.tabId, d.url);
    else backIntoFailure.delete(d.tabId);
    void getTrouble(d.tabId).then((t) => (t.reason && t.url !== d.url ? setTrouble(d.tabId, null) : undefined));
    void slowLoads.start(d.tabId, d.url, loadCopySettings().then((s) => s.slowLoadSeconds));
  });
  browser.webNavigation.onCommitted.addListener((d) => {
    if (d.frameId !== 0) return;
    committed.set(d.tabId, { url: d.url, at: Date.now() });
    backIntoFailure.delete(d.tabId);
    // Our page is in: a failure reported from now on is a new attempt (Retry, Back), not a duplicate.
    if (unavailableSubject(d.url) !== null) handled.delete(d.tabId);
    // Firefox refuses a page on a bad port with no error event and no onBeforeNavigate: its error
    // page commits under the URL. (Chrome reports ERR_UNSAFE_PORT; the duplicate is ignored.)
    // A user who allowed the port (Firefox's network.security.ports.banned.override, Chrome's
    // --explicitly-allowed-ports) gets the page itself: only a refusal is a failure.
    if (isWeb(d.url) && isBadPortUrl(d.url)) {
      void portRefused(d.tabId, d.url).then((refused) => {
        if (!refused) return;
        navigations.set(d.tabId, { url: d.url, at: Date.now() });
        return onNavigationFailure(d.tabId, d.url, 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED');
      });
    }
  });
  browser.webNavigation.onDOMContentLoaded.addListener((d) => {
    if (d.frameId === 0) void loaded(d.tabId);
  });
  browser.webNavigation.onErrorOccurred.addListener((d) => {
    if (d.frameId !== 0) return;
    void slowLoads.stop(d.tabId);
    const error = (d as { error?: string }).error ?? '';
    void recordFor(d.tabId, d.url).then((record) => onNavigationFailure(d.tabId, d.url, error, record));
  });
  browser.webRequest.onErrorOccurred.addListener(
    (d) => {
      if (d.tabId < 0) return;
      if (hasErrorCode(d.error)) {
        void onNavigationFailure(d.tabId, d.url, d.error);
        return;
      }
      // Firefox names certificate and TLS failures here only in words, in the UI's language;
      // webNavigation reports the same failure with its nsresult. Let that one decide, and act
      // on this one (as `unknown`) only if it never came.
      const record = mainFrameRecord(d.tabId);
      const since = record?.requestId === d.requestId ? record.startedAt : Date.now() - 3000;
      void sleep(WORDS_ONLY_WAIT_MS).then(() => {
        const done = acted.get(d.tabId);
        const original = originalUrl(d.url, mainFrameRecord(d.tabId));
        if (done && done.at >= since && (sameDocument(done.url, original) || sameDocument(done.url, d.url))) return;
        return onNavigationFailure(d.tabId, d.url, d.error);
      });
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
  );
  browser.tabs.onRemoved.addListener((tabId) => {
    void slowLoads.stop(tabId);
    for (const map of [navigations, handled, committed, retries, backIntoFailure, acted]) map.delete(tabId);
  });
  const resumed = slowLoads.resume();
  handle('tab-trouble', async ({ tabId }) => {
    await resumed;
    return getTrouble(tabId);
  });
  // The offscreen wake clock's deadline (Chrome): this message may be what started the worker.
  handle('wake-clock-due', async ({ tabId }) => {
    await resumed;
    await slowLoads.settle(tabId);
  });
  handle('retry-page', ({ url }, sender) => {
    if (sender.tab?.id !== undefined) retries.set(sender.tab.id, { url, at: Date.now() });
    return { ok: true };
  });
}
