/**
 * What the browser tells us about each tab's top-level document request (webRequest): the URL
 * the user asked for, the redirects, the final status and a few headers; and what went wrong
 * with the tab (kept in storage.session too, as Chrome's worker may restart), for the popup.
 * navigation-errors.ts and http-status.ts read these.
 */
import browser, { type WebRequest } from 'webextension-polyfill';
import type { TabTrouble } from '../shared/copy-offer.js';

export interface MainFrameRecord {
  requestId: string;
  /** The URL first requested (before redirects). */
  url: string;
  /** Redirect targets, in order. */
  redirects: string[];
  /** The URL the response came from. */
  finalUrl: string;
  status?: number;
  /** Lower-case names; only the few we use. */
  headers: Record<string, string>;
  startedAt: number;
}

const KEPT_HEADERS = new Set(['link', 'server', 'location', 'content-type', 'content-length', 'cf-mitigated', 'cf-ray', 'retry-after', 'www-authenticate', 'x-squid-error', 'via']);

const records = new Map<number, MainFrameRecord>();

export function mainFrameRecord(tabId: number): MainFrameRecord | undefined {
  return records.get(tabId);
}

export function pickHeaders(headers: WebRequest.HttpHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers ?? []) {
    const name = h.name.toLowerCase();
    if (KEPT_HEADERS.has(name) && h.value !== undefined) out[name] = out[name] ? `${out[name]}, ${h.value}` : h.value;
  }
  return out;
}

export function sameDocument(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}

// ---- trouble, for the popup and the icon -------------------------------------------------

const troubles = new Map<number, TabTrouble>();
const troubleKey = (tabId: number) => `trouble:${tabId}`;

export async function setTrouble(tabId: number, trouble: TabTrouble | null): Promise<void> {
  if (trouble) {
    troubles.set(tabId, trouble);
    await browser.storage.session.set({ [troubleKey(tabId)]: trouble }).catch(() => undefined);
  } else {
    troubles.delete(tabId);
    await browser.storage.session.remove(troubleKey(tabId)).catch(() => undefined);
  }
}

export async function getTrouble(tabId: number): Promise<TabTrouble> {
  const known = troubles.get(tabId);
  if (known) return known;
  const stored = (await browser.storage.session.get(troubleKey(tabId)).catch(() => ({}))) as Record<string, TabTrouble | undefined>;
  return stored[troubleKey(tabId)] ?? { url: null, reason: null };
}

export function startMainFrameTracking(): void {
  const filter: WebRequest.RequestFilter = { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] };
  browser.webRequest.onBeforeRequest.addListener((d) => {
    if (d.tabId < 0) return;
    const current = records.get(d.tabId);
    if (current?.requestId === d.requestId) return; // a redirect's next hop
    records.set(d.tabId, { requestId: d.requestId, url: d.url, redirects: [], finalUrl: d.url, headers: {}, startedAt: Date.now() });
  }, filter);
  browser.webRequest.onBeforeRedirect.addListener((d) => {
    const r = records.get(d.tabId);
    if (!r || r.requestId !== d.requestId) return;
    r.redirects.push(d.redirectUrl);
    r.finalUrl = d.redirectUrl;
    // The status so far was the redirect's own: the next hop has not answered yet. (Firefox can
    // report the new page's DOMContentLoaded first; a 3xx left here would pass for its status.)
    delete r.status;
  }, filter);
  browser.webRequest.onHeadersReceived.addListener(
    (d) => {
      const r = records.get(d.tabId);
      if (!r || r.requestId !== d.requestId) return;
      r.status = d.statusCode;
      r.headers = pickHeaders(d.responseHeaders);
      r.finalUrl = d.url;
    },
    filter,
    ['responseHeaders'],
  );
  browser.tabs.onRemoved.addListener((tabId) => {
    records.delete(tabId);
    void setTrouble(tabId, null);
  });
}
