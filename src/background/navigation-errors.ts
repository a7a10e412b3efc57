/**
 * Top-level navigations that fail at the network level (DNS, reset, refused, TLS, timeout…) or
 * end on Chrome's own page for an empty-body HTTP error: the tab goes to unavailable.html with
 * the reason. User aborts, replaced navigations, downloads and back/forward-cache restores
 * report no failure (src/shared/net-errors.ts maps them to null). A page still loading after the
 * configured time marks the icon and lets the popup offer copies, without leaving the page.
 */
import browser from 'webextension-polyfill';
import { detectBlockPage } from '../core/blockpage/index.js';
import { loadCopySettings } from '../shared/copy-settings.js';
import { unavailablePath } from '../shared/copy-offer.js';
import { getTrouble, mainFrameRecord, sameDocument, setTrouble, type MainFrameRecord } from './main-frame.js';
import { httpStatusReason, isHttpErrorPageFailure, netErrorReason } from '../shared/net-errors.js';
import { markTab } from './toolbar.js';
import { handle } from './router.js';

const isWeb = (url: string) => /^https?:\/\//i.test(url);

/** The last top-level navigation each tab started. */
const navigations = new Map<number, { url: string; at: number }>();
/** Failures already acted on (webNavigation and webRequest both report one). */
const handled = new Map<number, { url: string; at: number }>();
const slowTimers = new Map<number, ReturnType<typeof setTimeout>>();

/** The URL the user wanted: the first of the redirect chain the failed URL belongs to. */
function originalUrl(url: string, record: MainFrameRecord | undefined): string {
  if (!record) return url;
  if (sameDocument(record.url, url) || record.redirects.some((r) => sameDocument(r, url))) return record.url;
  return url;
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

export async function onNavigationFailure(tabId: number, url: string, error: string): Promise<void> {
  if (tabId < 0 || !isWeb(url)) return;
  const record = mainFrameRecord(tabId);
  const reason = failureReason(error, record);
  if (!reason) return;
  // A newer navigation replaced this one: leave the tab alone.
  const nav = navigations.get(tabId);
  const original = originalUrl(url, record);
  if (nav && !sameDocument(nav.url, url) && !sameDocument(nav.url, original) && !record?.redirects.some((r) => sameDocument(r, nav.url))) return;
  const last = handled.get(tabId);
  if (last && sameDocument(last.url, original) && Date.now() - last.at < 3000) return;
  handled.set(tabId, { url: original, at: Date.now() });
  stopSlowTimer(tabId);
  await setTrouble(tabId, { url: original, reason });
  await sendToUnavailable(tabId, browser.runtime.getURL(unavailablePath(original, reason)), [url, original]);
  await markTab(tabId, 'unavailable');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends the tab to unavailable.html. The browser may still be committing its own error page when
 * the error event arrives, which can cancel our navigation: check, and try again while the tab
 * still shows the failure (never once the user has gone elsewhere).
 */
async function sendToUnavailable(tabId: number, target: string, failedUrls: string[]): Promise<void> {
  // Firefox can replace the failed entry, so Back returns to the page before it.
  const props: Record<string, unknown> = { url: target };
  if (__BROWSER__ === 'firefox') props.loadReplace = true;
  await browser.tabs.update(tabId, props as { url: string }).catch(() => undefined);
  void (async () => {
    for (const delay of [500, 1500]) {
      await sleep(delay);
      const tab = await browser.tabs.get(tabId).catch(() => null);
      if (!tab) return;
      const current = (tab as { pendingUrl?: string }).pendingUrl ?? tab.url ?? '';
      const stillFailed = failedUrls.some((u) => sameDocument(current, u)) || /^(chrome-error:|about:neterror)/.test(current);
      if (!stillFailed) return;
      await browser.tabs.update(tabId, props as { url: string }).catch(() => undefined);
    }
  })();
}

function stopSlowTimer(tabId: number): void {
  const timer = slowTimers.get(tabId);
  if (timer !== undefined) clearTimeout(timer);
  slowTimers.delete(tabId);
}

async function startSlowTimer(tabId: number, url: string): Promise<void> {
  stopSlowTimer(tabId);
  const { slowLoadSeconds } = await loadCopySettings();
  const nav = navigations.get(tabId);
  if (!nav || nav.url !== url) return;
  slowTimers.set(
    tabId,
    setTimeout(() => {
      slowTimers.delete(tabId);
      const still = navigations.get(tabId);
      if (!still || still.url !== url) return;
      void setTrouble(tabId, { url, reason: 'slow' }).then(() => markTab(tabId, 'unavailable'));
    }, slowLoadSeconds * 1000),
  );
}

/** The page got far enough to read: no longer slow. */
async function loaded(tabId: number): Promise<void> {
  stopSlowTimer(tabId);
  navigations.delete(tabId);
  const trouble = await getTrouble(tabId);
  if (trouble.reason === 'slow') {
    await setTrouble(tabId, null);
    await markTab(tabId, 'default');
  }
}

export function startNavigationErrors(): void {
  browser.webNavigation.onBeforeNavigate.addListener((d) => {
    if (d.frameId !== 0) return;
    if (!isWeb(d.url)) {
      navigations.delete(d.tabId);
      stopSlowTimer(d.tabId);
      return;
    }
    navigations.set(d.tabId, { url: d.url, at: Date.now() });
    void getTrouble(d.tabId).then((t) => (t.reason && t.url !== d.url ? setTrouble(d.tabId, null) : undefined));
    void startSlowTimer(d.tabId, d.url);
  });
  browser.webNavigation.onDOMContentLoaded.addListener((d) => {
    if (d.frameId === 0) void loaded(d.tabId);
  });
  browser.webNavigation.onErrorOccurred.addListener((d) => {
    if (d.frameId !== 0) return;
    stopSlowTimer(d.tabId);
    void onNavigationFailure(d.tabId, d.url, (d as { error?: string }).error ?? '');
  });
  browser.webRequest.onErrorOccurred.addListener(
    (d) => {
      if (d.tabId < 0) return;
      void onNavigationFailure(d.tabId, d.url, d.error);
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
  );
  browser.tabs.onRemoved.addListener((tabId) => {
    stopSlowTimer(tabId);
    navigations.delete(tabId);
    handled.delete(tabId);
  });
  handle('tab-trouble', ({ tabId }) => getTrouble(tabId));
}
