/**
 * The offer of copies of a page, best first: the user's saved copy, the publisher's mirrors,
 * then the archives (plain links always; the Wayback availability check only when allowed).
 * Pages ask in three parts so a slow mirror list or a dead archive never delays the rest:
 * 'copies' (instant: saved copy and plain links), 'copies-mirrors' and 'copies-lookup'.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import * as storage from '../storage/index.js';
import { archiveTodaySubmitUrl, waybackSaveUrl } from '../shared/archives.js';
import { loadCopySettings, type ArchiveId, type CopySettings } from '../shared/copy-settings.js';
import {
  lookupPolicy,
  readerPath,
  unavailablePath,
  withoutQuery,
  type ArchiveLink,
  type ArchiveLookup,
  type CopyOffer,
  type MirrorLink,
  type MirrorOffer,
  type PreserveResult,
  type SavedCopyInfo,
} from '../shared/copy-offer.js';
import { archiveLink, parseMirrorList, mirrorLinksFor, parseWaybackAvailability, type MirrorSites } from './copy-links.js';
import { getTrouble } from './main-frame.js';
import { handle } from './router.js';

/** Each lookup gives up after this long; a dead archive still shows its plain link. */
export const LOOKUP_TIMEOUT_MS = 5000;
const LOOKUP_CACHE_MS = 10 * 60 * 1000;
const MIRROR_LIST_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MIRROR_CACHE_KEY = 'mirrorListCache';

export async function fetchWithTimeout(url: string, timeoutMs = LOOKUP_TIMEOUT_MS, init: RequestInit = {}): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
  } finally {
    clearTimeout(timer);
  }
}

// ---- 1. the saved copy -------------------------------------------------------------------

type StorageApi = {
  findEntry?: (url: string) => Promise<{ lastSavedAt?: string; trashedAt?: string | null } | null>;
  getSavedCopy?: (url: string) => Promise<{ savedAt: string; release?: () => void } | null>;
};

/** Whether the library holds this page, without making blob: URLs (Chrome's worker has none). */
export async function savedCopyInfo(url: string): Promise<SavedCopyInfo | null> {
  const api = storage as unknown as StorageApi;
  try {
    if (typeof api.findEntry === 'function') {
      const entry = await api.findEntry(url);
      if (!entry || entry.trashedAt) return null;
      return { savedAt: entry.lastSavedAt ?? '', readerPath: readerPath(url) };
    }
    const copy = await api.getSavedCopy?.(url);
    copy?.release?.();
    return copy ? { savedAt: copy.savedAt, readerPath: readerPath(url) } : null;
  } catch {
    return null;
  }
}

// ---- 3. archives -------------------------------------------------------------------------

function enabledArchives(settings: CopySettings): ArchiveId[] {
  return settings.archives.filter((a) => a.enabled).map((a) => a.id);
}

function plainArchives(url: string, settings: CopySettings): ArchiveLink[] {
  return enabledArchives(settings).map((id) => archiveLink(id, url, settings));
}

function archiveReader(url: string, settings: CopySettings, timestamp = '2'): string | null {
  if (!enabledArchives(settings).includes('wayback')) return null;
  return readerPath(`${settings.endpoints.wayback}/web/${timestamp}id_/${url}`);
}

/** What an offer reads from storage: the copy settings and whether the library holds the page. */
export interface OfferInputs {
  settings: CopySettings;
  saved: SavedCopyInfo | null;
}

/** Reads an offer's inputs, both at once (a page check starts this while the page is probed). */
export async function offerInputs(url: string): Promise<OfferInputs> {
  const [settings, saved] = await Promise.all([loadCopySettings(), savedCopyInfo(url)]);
  return { settings, saved };
}

export async function baseOffer(url: string, reason: string): Promise<CopyOffer> {
  return offerFrom(url, reason, await offerInputs(url));
}

/** Pure: the instant part of the offer (saved copy, plain archive links), no lookup made. */
export function offerFrom(url: string, reason: string, { settings, saved }: OfferInputs): CopyOffer {
  return {
    url,
    reason,
    saved,
    archives: plainArchives(url, settings),
    withoutQuery: withoutQuery(url),
    lookups: lookupPolicy(url, reason, settings.autoLookups),
    archiveReaderPath: archiveReader(url, settings),
    archiveTodaySaveHref: enabledArchives(settings).includes('archive-today') ? archiveTodaySubmitUrl(url, settings.archiveTodayHost) : null,
  };
}

const lookupCache = new Map<string, { at: number; result: Promise<ArchiveLookup> }>();

async function waybackLookup(url: string, settings: CopySettings): Promise<ArchiveLink> {
  const link = archiveLink('wayback', url, settings);
  try {
    const response = await fetchWithTimeout(`${settings.endpoints.waybackAvailability}?url=${encodeURIComponent(url)}`);
    if (!response.ok) return { ...link, state: 'failed', message: `HTTP ${response.status}` };
    const parsed = parseWaybackAvailability(await response.text());
    if (parsed === 'malformed') return { ...link, state: 'failed', message: 'malformed' };
    if (!parsed) return { ...link, state: 'none' };
    const href = `${settings.endpoints.wayback}/web/${parsed.timestamp}/${url}`;
    return {
      ...link,
      href,
      state: 'found',
      capture: { timestamp: parsed.timestamp, date: parsed.date, href, readerPath: archiveReader(url, settings, parsed.timestamp) ?? readerPath(href) },
    };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'AbortError';
    return { ...link, state: 'failed', message: timedOut ? 'timeout' : 'unreachable' };
  }
}

/** The availability checks, in parallel, each within LOOKUP_TIMEOUT_MS; cached per URL. */
export async function lookupArchives(url: string): Promise<ArchiveLookup> {
  const settings = await loadCopySettings();
  const key = `${url}\n${JSON.stringify(settings.endpoints)}\n${JSON.stringify(settings.archives)}\n${settings.archiveTodayHost}`;
  const cached = lookupCache.get(key);
  if (cached && Date.now() - cached.at < LOOKUP_CACHE_MS) return cached.result;
  const result = (async (): Promise<ArchiveLookup> => {
    const archives = await Promise.all(
      enabledArchives(settings).map((id) => (id === 'wayback' ? waybackLookup(url, settings) : Promise.resolve(archiveLink(id, url, settings)))),
    );
    const wayback = archives.find((a) => a.id === 'wayback');
    return { archives, archiveReaderPath: wayback?.capture?.readerPath ?? archiveReader(url, settings) };
  })();
  lookupCache.set(key, { at: Date.now(), result });
  // A failed lookup is not worth keeping: the next click tries again.
  void result.then((r) => {
    if (r.archives.some((a) => a.state === 'failed')) lookupCache.delete(key);
  });
  return result;
}

// ---- 2. mirrors --------------------------------------------------------------------------

interface MirrorCache {
  fetchedAt: number;
  sources: string[];
  sites: MirrorSites;
}

async function mirrorSites(settings: CopySettings): Promise<{ sites: MirrorSites; message?: string }> {
  const stored = (await browser.storage.local.get(MIRROR_CACHE_KEY).catch(() => ({}))) as Record<string, MirrorCache | undefined>;
  const found = stored[MIRROR_CACHE_KEY];
  const cache = found && Array.isArray(found.sites) ? found : undefined;
  const sameSources = cache && JSON.stringify(cache.sources) === JSON.stringify(settings.mirrorListUrls);
  if (cache && sameSources && Date.now() - cache.fetchedAt < MIRROR_LIST_MAX_AGE_MS) return { sites: cache.sites };
  let message: string | undefined;
  for (const source of settings.mirrorListUrls) {
    try {
      const response = await fetchWithTimeout(source);
      if (!response.ok) {
        message = `HTTP ${response.status}`;
        continue;
      }
      const sites = parseMirrorList(await response.text());
      if (!sites) {
        message = 'malformed';
        continue;
      }
      const fresh: MirrorCache = { fetchedAt: Date.now(), sources: settings.mirrorListUrls, sites };
      await browser.storage.local.set({ [MIRROR_CACHE_KEY]: fresh }).catch(() => undefined);
      return { sites };
    } catch (error) {
      message = error instanceof Error && error.name === 'AbortError' ? 'timeout' : 'unreachable';
    }
  }
  // An old list beats none.
  if (cache && sameSources) return { sites: cache.sites };
  return { sites: [], ...(message ? { message } : {}) };
}

export async function mirrorOffer(url: string): Promise<MirrorOffer> {
  const settings = await loadCopySettings();
  const { sites, message } = settings.mirrorListUrls.length ? await mirrorSites(settings) : { sites: [] as MirrorSites, message: undefined };
  const mirrors: MirrorLink[] = mirrorLinksFor(url, sites, settings.customMirrors);
  return message && mirrors.length === 0 ? { mirrors, message } : { mirrors };
}

// ---- "Preserve this page" ----------------------------------------------------------------

/** Submits a page to the Wayback Machine's Save Page Now (the user asked). */
export async function preservePage(url: string): Promise<PreserveResult> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, error: 'not-a-web-page' };
  const settings = await loadCopySettings();
  try {
    const response = await fetchWithTimeout(waybackSaveUrl(url, settings.endpoints.wayback), 60000);
    const location = response.headers.get('content-location');
    const capture = location ? new URL(location, settings.endpoints.wayback).href : /\/web\/\d{14}/.test(response.url) ? response.url : undefined;
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    if (!capture) return { ok: true };
    // The capture is kept with the saved copy (if there is one) as an independent witness.
    await storage.setWaybackCapture(url, capture).catch(() => false);
    return { ok: true, captureUrl: capture };
  } catch (error) {
    return { ok: false, error: error instanceof Error && error.name === 'AbortError' ? 'timeout' : 'unreachable' };
  }
}

// ---- messages ----------------------------------------------------------------------------

async function openInSenderTab(path: string, tabId: number | undefined): Promise<void> {
  const url = browser.runtime.getURL(path);
  if (tabId !== undefined) await browser.tabs.update(tabId, { url });
  else await browser.tabs.create({ url });
}

export function startCopies(): void {
  handle('copies', ({ url, reason }) => baseOffer(url, reason));
  handle('copies-mirrors', ({ url }) => mirrorOffer(url));
  handle('copies-lookup', async ({ url }) => {
    // The page asks only when allowed or clicked; private hosts never leave the machine.
    const settings = await loadCopySettings();
    if (lookupPolicy(url, 'user', settings.autoLookups) === 'never') {
      return { archives: plainArchives(url, settings), archiveReaderPath: archiveReader(url, settings) };
    }
    return lookupArchives(url);
  });
  handle('preserve-page', ({ url }) => preservePage(url));
  handle('open-saved-copy', async ({ url }, sender) => {
    await openInSenderTab(readerPath(url), sender.tab?.id);
    return { ok: true };
  });
}

// ---- menus -------------------------------------------------------------------------------

export const copyMenuIds = {
  findCopies: 'action-find-copies',
  archivedLink: 'link-archived-copy',
} as const;

/** "Find copies of this page" on the toolbar button, "Open archived copy of link" on links. */
export function copyMenuItems(t: (key: string) => string): Menus.CreateCreatePropertiesType[] {
  return [
    { id: copyMenuIds.findCopies, title: t('menuFindCopies'), contexts: ['action'] },
    { id: copyMenuIds.archivedLink, title: t('menuArchivedLink'), contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] },
  ];
}

/** Runs our menu items; false when the item is not ours. */
export async function onCopyMenuClick(info: Pick<Menus.OnClickData, 'menuItemId' | 'linkUrl'>, tab: Tabs.Tab | undefined): Promise<boolean> {
  const index = tab ? tab.index + 1 : undefined;
  if (info.menuItemId === copyMenuIds.findCopies) {
    const url = tab?.url;
    if (!url || !/^https?:\/\//i.test(url)) return true;
    const trouble = tab?.id !== undefined ? await getTrouble(tab.id) : null;
    const reason = trouble?.reason && trouble.url === url ? trouble.reason : 'user';
    await browser.tabs.create({ url: browser.runtime.getURL(unavailablePath(trouble?.url && trouble.reason ? trouble.url : url, reason)), index });
    return true;
  }
  if (info.menuItemId === copyMenuIds.archivedLink) {
    if (!info.linkUrl) return true;
    const settings = await loadCopySettings();
    const first = enabledArchives(settings)[0] ?? 'wayback';
    await browser.tabs.create({ url: archiveLink(first, info.linkUrl, settings).href, index });
    return true;
  }
  return false;
}
