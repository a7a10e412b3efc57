/**
 * Opening the reader from a live page: the full engine is injected on demand (the always-on
 * script stays tiny), extracts from the live DOM — so pages that need scripts or a login work —
 * and the article is handed to reader.html in the same tab, so Back returns to the page.
 */
import browser from 'webextension-polyfill';
import type { Handoff } from '../shared/messages.js';
import { handoffKey, staleHandoffKeys, type StoredHandoff } from '../shared/handoff.js';
import { mainFrameRecord, sameDocument } from './main-frame.js';
import { handle } from './router.js';
import { runEngineInTab } from './extract-in-tab.js';

/** Articles waiting for the reader page, by page URL, when storage.session would not take them. */
const handoffs = new Map<string, Handoff>();

/**
 * Puts the article where the reader page reads it itself (shared/handoff.ts); kept here instead
 * when storage.session refuses it (quota), for the reader to ask for.
 */
async function storeHandoff(pageUrl: string, handoff: Handoff): Promise<void> {
  const stored: StoredHandoff = { handoff, at: Date.now() };
  try {
    await browser.storage.session.set({ [handoffKey(pageUrl)]: stored });
    handoffs.delete(pageUrl);
  } catch {
    handoffs.set(pageUrl, handoff);
  }
}

/** Drops handoffs no reader took (a tab closed before its reader loaded), off the click's path. */
async function dropStaleHandoffs(): Promise<void> {
  const stale = staleHandoffKeys(await browser.storage.session.get(null), Date.now());
  if (stale.length) await browser.storage.session.remove(stale);
}

export function readerUrl(pageUrl: string): string {
  return browser.runtime.getURL(`reader.html?url=${encodeURIComponent(pageUrl)}`);
}

/**
 * The HTTP status of the document in the tab: what webRequest recorded for its main-frame
 * response, else what the page's navigation timing says; null when neither knows.
 */
export function pageStatus(record: { finalUrl: string; status?: number } | undefined, pageUrl: string, timingStatus: number | undefined): number | null {
  if (record?.status !== undefined && sameDocument(record.finalUrl, pageUrl)) return record.status;
  return typeof timingStatus === 'number' && timingStatus > 0 ? timingStatus : null;
}

async function extractFromTab(tabId: number, pageUrl: string): Promise<Handoff | null> {
  const value = await runEngineInTab(tabId);
  if (!value?.article) return null;
  return { article: value.article, httpStatus: pageStatus(mainFrameRecord(tabId), pageUrl, value.httpStatus) };
}

/** The page a reader URL shows, or null when the URL is not our reader. */
export function readerTarget(url: string | undefined): string | null {
  if (!url || !url.startsWith(browser.runtime.getURL('reader.html'))) return null;
  return new URL(url).searchParams.get('url');
}

/** Leaves the reader for the page it shows: Back when the page is behind it, else load it. */
async function leaveReader(tabId: number, pageUrl: string): Promise<void> {
  try {
    await browser.tabs.goBack(tabId);
  } catch {
    await browser.tabs.update(tabId, { url: pageUrl });
  }
}

/**
 * The toolbar click, the shortcut and the page menu: open the reader for the tab's page — or,
 * when the tab already shows the reader, go back to the page (the button toggles).
 */
export async function openReaderForTab(tabId: number): Promise<{ ok: boolean; error?: string }> {
  const tab = await browser.tabs.get(tabId);
  const pageUrl = tab.url;
  const shown = readerTarget(pageUrl);
  if (shown) {
    await leaveReader(tabId, shown);
    return { ok: true };
  }
  if (!pageUrl || !/^https?:/.test(pageUrl)) return { ok: false, error: 'not-a-web-page' };
  try {
    const handoff = await extractFromTab(tabId, pageUrl);
    if (handoff) await storeHandoff(pageUrl, handoff);
  } catch {
    // The reader page falls back to fetching and extracting the URL itself.
  }
  await browser.tabs.update(tabId, { url: readerUrl(pageUrl) });
  setTimeout(() => void dropStaleHandoffs().catch(() => undefined), 5000);
  return { ok: true };
}

export function startReaderLaunch(): void {
  handle('take-handoff', ({ url }) => {
    const handoff = handoffs.get(url) ?? null;
    handoffs.delete(url);
    return handoff;
  });
  handle('open-reader', ({ tabId }) => openReaderForTab(tabId));
}
