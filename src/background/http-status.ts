/**
 * Pages that loaded but are unavailable: HTTP 404/410/451/5xx (and the CDN 52x family) on the
 * top-level document, 403 when the page is an error page rather than an article, and block
 * pages served with 200 or reached by a redirect. They get the in-page notice; an error with an
 * empty body goes to unavailable.html instead. Decided cheaply here from the response; only a
 * suspicious page gets the block-page check injected. No alarm for Cloudflare challenges, 401,
 * 429, soft-404 search pages with results, or Back/Forward.
 */
import browser from 'webextension-polyfill';
import { detectBlockPage } from '../core/blockpage/index.js';
import type { BlockPageVerdict } from '../core/types.js';
import { unavailablePath } from '../shared/copy-offer.js';
import type { NoticeInfo, PageProbe } from '../shared/page-check.js';
import { isBotChallenge } from '../shared/net-errors.js';
import { offerFrom, offerInputs, type OfferInputs } from './copies.js';
import { getTrouble, mainFrameRecord, sameDocument, setTrouble, type MainFrameRecord } from './main-frame.js';
import { markTab } from './toolbar.js';
import { handle } from './router.js';

export type { NoticeInfo, PageProbe };

export type Decision = { action: 'notice'; info: NoticeInfo } | { action: 'unavailable'; url: string; reason: string } | null;

/** 2xx documents shorter than this are worth a block-page check (block pages are small). */
const SHORT_PAGE_BYTES = 16 * 1024;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The party RFC 7725's `Link: <…>; rel="blocked-by"` names, if any. */
export function blockedByParty(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel\s*=\s*"?[^";]*\bblocked-by\b/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

function challengeHeaders(headers: Record<string, string>): boolean {
  return /challenge/i.test(headers['cf-mitigated'] ?? '');
}

/** Pure: should the page be checked (page-check.js injected)? Cheap, from the response alone. */
export function needsProbe(r: Pick<MainFrameRecord, 'status' | 'headers' | 'redirects' | 'url' | 'finalUrl'>): boolean {
  const status = r.status ?? 0;
  if (status === 401 || status === 407 || status === 429) return false;
  if (challengeHeaders(r.headers)) return false;
  if (status === 403 || status === 404 || status === 410 || status === 451 || (status >= 500 && status <= 599)) return true;
  if (status < 200 || status > 299) return false;
  if (r.redirects.some((u) => hostOf(u) !== hostOf(r.url))) return true;
  const length = Number(r.headers['content-length']);
  if (Number.isFinite(length) && length > 0 && length <= SHORT_PAGE_BYTES) return true;
  return detectBlockPage(null as unknown as Document, { url: r.finalUrl, status, headers: r.headers, redirects: r.redirects }).blocked;
}

function searchLike(url: string): boolean {
  try {
    const u = new URL(url);
    return /(^|\/)(search|suche|recherche|buscar|poisk)(\/|$)/i.test(u.pathname) || /(^|&)(q|s|query|search|keyword|k)=/i.test(u.search.slice(1));
  } catch {
    return false;
  }
}

/**
 * The block-page verdict on the response and the page together: what the response says (451,
 * a redirect to or a header of a block host) first, else the probe's verdict on the DOM. The
 * same as detectBlockPage(document, response), split because the DOM is in the page.
 */
function pageVerdict(r: Pick<MainFrameRecord, 'status' | 'headers' | 'redirects' | 'finalUrl'>, fromDom: BlockPageVerdict): BlockPageVerdict {
  const fromResponse = detectBlockPage(null as unknown as Document, { url: r.finalUrl, status: r.status, headers: r.headers, redirects: r.redirects });
  return fromResponse.blocked ? fromResponse : fromDom;
}

/** Pure: what to do with a loaded page, given its response and the probe of its DOM. */
export function decide(r: Pick<MainFrameRecord, 'status' | 'headers' | 'redirects' | 'url' | 'finalUrl'>, measured: PageProbe): Decision {
  const probe: PageProbe = { ...measured, verdict: pageVerdict(r, measured.verdict) };
  const status = r.status ?? 0;
  const url = r.url;
  const empty = probe.textLength === 0 && probe.elementCount === 0;
  if (status >= 400 && empty) return { action: 'unavailable', url, reason: `http-${status}` };
  if (probe.challenge || challengeHeaders(r.headers) || isBotChallenge(status, r.headers, probe.sample)) return null;
  const info = (reason: string): NoticeInfo => {
    const out: NoticeInfo = { url, reason, status };
    const by = blockedByParty(r.headers['link']);
    if (by) out.blockedBy = by;
    if (probe.verdict.blocked) {
      if (probe.verdict.kind) out.kind = probe.verdict.kind;
      if (probe.verdict.country) out.country = probe.verdict.country;
    }
    return out;
  };
  if (status === 451) return { action: 'notice', info: info('http-451') };
  if (status === 404 || status === 410) {
    // Soft-404 search pages: the status says "not found" but the page lists results.
    if (searchLike(r.finalUrl) && probe.textLength > 1500 && probe.linkCount > 20) return null;
    return { action: 'notice', info: info(`http-${status}`) };
  }
  if (status >= 500 && status <= 599) return { action: 'notice', info: info(`http-${status}`) };
  if (status === 403) {
    if (probe.verdict.blocked) return { action: 'notice', info: info('block-page') };
    if (probe.articleLike || !probe.errorLike) return null;
    return { action: 'notice', info: info('http-403') };
  }
  if (status >= 200 && status <= 299 && probe.verdict.blocked) return { action: 'notice', info: info('block-page') };
  return null;
}

/**
 * Pure: an error status whose response declares an empty body (`content-length: 0`) goes to
 * unavailable.html at once, as Chrome's own error page would: nothing in the page to look at, so
 * no probe (two script injections saved; Firefox shows such responses as a blank page).
 */
export function emptyErrorResponse(r: Pick<MainFrameRecord, 'status' | 'headers' | 'url'>): Decision {
  const status = r.status ?? 0;
  if (status < 400 || status > 599 || r.headers['content-length']?.trim() !== '0') return null;
  return { action: 'unavailable', url: r.url, reason: `http-${status}` };
}

/**
 * Page checks injected and waiting to report, by tab; with the offer's storage reads, started
 * while the page runs the check so that the answer can carry the notice's links at once.
 */
const pendingChecks = new Map<number, { record: MainFrameRecord; inputs: Promise<OfferInputs | null>; settle: (d: Decision) => void }>();
/** A page check that has not reported by then is given up (the page went away or cannot run it). */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * Pure: whether the page's own verdicts (block page, article) are needed to decide. For 404,
 * 410, 451 and 5xx the status decides, and the page is only checked for an empty body, a bot
 * challenge or a soft-404: the light check (page-check-status.js) does.
 */
export function needsDomVerdict(r: Pick<MainFrameRecord, 'status'>): boolean {
  const status = r.status ?? 0;
  return status === 403 || (status >= 200 && status <= 299);
}

/**
 * Injects the page check (one injection): it measures the page and reports by message
 * ('page-probe'), and the answer tells it whether to show the notice.
 */
function checkPage(tabId: number, record: MainFrameRecord): Promise<Decision> {
  pendingChecks.get(tabId)?.settle(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle(null), CHECK_TIMEOUT_MS);
    const settle = (d: Decision) => {
      clearTimeout(timer);
      if (pendingChecks.get(tabId)?.settle === settle) pendingChecks.delete(tabId);
      resolve(d);
    };
    const inputs = offerInputs(record.url).catch(() => null);
    pendingChecks.set(tabId, { record, inputs, settle });
    const file = needsDomVerdict(record) ? 'page-check.js' : 'page-check-status.js';
    browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [file] }).catch(() => settle(null));
  });
}

/**
 * The response record of the document now in the tab. Firefox may deliver webRequest's
 * onHeadersReceived after webNavigation's onDOMContentLoaded, so wait for it briefly.
 */
async function responseOf(tabId: number, pageUrl: string): Promise<MainFrameRecord | null> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const record = mainFrameRecord(tabId);
    if (record && record.status !== undefined && sameDocument(record.finalUrl, pageUrl)) return record;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tabs whose last commit was a Back/Forward (including bfcache restores). */
const backForward = new Map<number, string>();
/** The response last checked in each tab (its webRequest requestId). */
const checked = new Map<number, string>();

export async function checkLoadedPage(tabId: number, pageUrl: string): Promise<Decision> {
  const record = await responseOf(tabId, pageUrl);
  if (!record) return null;
  // DOMContentLoaded and load both ask; one check per response.
  if (checked.get(tabId) === record.requestId) return null;
  checked.set(tabId, record.requestId);
  if (backForward.get(tabId) === pageUrl) return null;
  if (!needsProbe(record)) return null;
  const decision = emptyErrorResponse(record) ?? (await checkPage(tabId, record));
  if (!decision) return null;
  if (decision.action === 'unavailable') {
    await setTrouble(tabId, { url: decision.url, reason: decision.reason });
    await browser.tabs.update(tabId, { url: browser.runtime.getURL(unavailablePath(decision.url, decision.reason)) });
  }
  // A notice: the page check shows it with the answer to its report (see 'page-probe').
  await markTab(tabId, 'unavailable');
  // The always-on script reports the page a moment later and the toolbar re-marks it: mark again.
  const trouble = decision.action === 'notice' ? decision.info : decision;
  setTimeout(() => {
    void getTrouble(tabId).then((now) => (now.reason === trouble.reason && now.url === trouble.url ? markTab(tabId, 'unavailable') : undefined));
  }, 1500);
  return decision;
}

export function startHttpStatus(): void {
  browser.webNavigation.onCommitted.addListener((d) => {
    if (d.frameId !== 0) return;
    const qualifiers = (d as { transitionQualifiers?: string[] }).transitionQualifiers ?? [];
    if (qualifiers.includes('forward_back')) backForward.set(d.tabId, d.url);
    else backForward.delete(d.tabId);
  });
  const check = (d: { frameId: number; tabId: number; url: string }) => {
    if (d.frameId !== 0 || !/^https?:/i.test(d.url)) return;
    void checkLoadedPage(d.tabId, d.url).catch(() => undefined);
  };
  browser.webNavigation.onDOMContentLoaded.addListener(check);
  browser.webNavigation.onCompleted.addListener(check);
  browser.tabs.onRemoved.addListener((tabId) => {
    backForward.delete(tabId);
    checked.delete(tabId);
    pendingChecks.get(tabId)?.settle(null);
  });
  handle('page-probe', async (probe, sender) => {
    const tabId = sender.tab?.id;
    const pending = tabId === undefined || sender.frameId !== 0 ? undefined : pendingChecks.get(tabId);
    if (tabId === undefined || !pending) return { notice: null };
    if (!probe || typeof probe !== 'object' || !probe.verdict) {
      pending.settle(null);
      return { notice: null };
    }
    const decision = decide(pending.record, probe);
    pending.settle(decision);
    if (decision?.action !== 'notice') return { notice: null };
    const { info } = decision;
    // Recorded before the notice appears, as the popup and toolbar read it: setTrouble keeps it in
    // memory at once, and its copy in storage.session (for a restarted worker) need not hold up
    // the notice. The offer's inputs have been read since the check was injected.
    void setTrouble(tabId, { url: info.url, reason: info.reason });
    const inputs = await pending.inputs;
    return inputs ? { notice: info, offer: offerFrom(info.url, info.reason, inputs) } : { notice: info };
  });
  handle('open-copies', async ({ url, reason }, sender) => {
    const path = unavailablePath(url, reason);
    if (sender.tab?.id !== undefined) await browser.tabs.update(sender.tab.id, { url: browser.runtime.getURL(path) });
    else await browser.tabs.create({ url: browser.runtime.getURL(path) });
    return { ok: true };
  });
}
