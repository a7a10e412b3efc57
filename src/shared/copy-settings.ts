/**
 * Settings for finding copies of inaccessible pages: which archives, in what order, where the
 * mirror lists come from, whether lookups may run by themselves, and the slow-load time.
 * Every endpoint is a setting so users can pick onion or mirror hosts and tests can point them
 * at local fakes. Persisted in browser.storage.local under COPY_SETTINGS_KEY; the pure part
 * (defaults, validation) has no extension API so unit tests can use it.
 */
import browser from 'webextension-polyfill';

export const ARCHIVE_IDS = ['wayback', 'archive-today', 'ghostarchive', 'megalodon'] as const;
export type ArchiveId = (typeof ARCHIVE_IDS)[number];

/** archive.today's domains and its onion address (all serve the same archive). */
export const ARCHIVE_TODAY_HOSTS = [
  'archive.ph',
  'archive.today',
  'archive.is',
  'archive.li',
  'archive.vn',
  'archive.md',
  'archive.fo',
  'archiveiya74codqgiixo33q62qlrqtkgmcitqx5u2oeqnmn5bpcbiyd.onion',
] as const;

/** The public bypass-mirrors list: the raw file first, then a CDN copy (the first is blocked in places). */
export const DEFAULT_MIRROR_LIST_URLS = [
  'https://raw.githubusercontent.com/OpenTechFund/bypass-mirrors/master/mirrorSites.json',
  'https://cdn.jsdelivr.net/gh/OpenTechFund/bypass-mirrors@master/mirrorSites.json',
];

export interface CustomMirror {
  /** The site's own domain, e.g. "example.org". */
  mainDomain: string;
  /** The mirror's base URL, e.g. "https://mirror.example.net" or an onion address. */
  url: string;
}

export interface ArchiveChoice {
  id: ArchiveId;
  enabled: boolean;
}

export interface CopySettings {
  /** In the order they are offered. */
  archives: ArchiveChoice[];
  /** A host of ARCHIVE_TODAY_HOSTS, another host the user trusts, or a full base URL (http://host:port). */
  archiveTodayHost: string;
  /** Availability checks after a real failure, without a click. Off: only on a click. */
  autoLookups: boolean;
  /** A top-level page still loading after this many seconds gets the offer of copies. */
  slowLoadSeconds: number;
  mirrorListUrls: string[];
  customMirrors: CustomMirror[];
  /** Base URLs (scheme + host [+ port]), no trailing slash. */
  endpoints: {
    /** Wayback Machine pages: <base>/web/<timestamp>/<URL>, Save Page Now <base>/save/<URL>. */
    wayback: string;
    /** The Wayback availability API, called as <url>?url=<encoded URL>. */
    waybackAvailability: string;
    ghostarchive: string;
    megalodon: string;
  };
}

export const DEFAULT_COPY_SETTINGS: Readonly<CopySettings> = Object.freeze({
  archives: ARCHIVE_IDS.map((id) => ({ id, enabled: true })),
  archiveTodayHost: 'archive.ph',
  autoLookups: true,
  slowLoadSeconds: 15,
  mirrorListUrls: [...DEFAULT_MIRROR_LIST_URLS],
  customMirrors: [],
  endpoints: {
    wayback: 'https://web.archive.org',
    waybackAvailability: 'https://archive.org/wayback/available',
    ghostarchive: 'https://ghostarchive.org',
    megalodon: 'https://megalodon.jp',
  },
});

export const COPY_SETTINGS_KEY = 'copySettings';

/** http(s) URL without a trailing slash, or null. */
export function cleanBaseUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** A bare host name with an optional port ("archive.ph", "archive.test:8080"), or null. */
export function cleanHost(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const host = value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return /^[a-z0-9.-]+(:\d{1,5})?$/.test(host) && host.includes('.') ? host : null;
}

function cleanMirror(value: unknown): CustomMirror | null {
  if (typeof value !== 'object' || value === null) return null;
  const { mainDomain, url } = value as Record<string, unknown>;
  const domain = cleanHost(mainDomain)?.replace(/^www\./, '').replace(/:\d+$/, '');
  const base = cleanBaseUrl(url);
  return domain && base ? { mainDomain: domain, url: base } : null;
}

/** Any stored value (old, partial, corrupt) becomes valid settings. */
export function normalizeCopySettings(raw: unknown): CopySettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_COPY_SETTINGS;

  const archives: ArchiveChoice[] = [];
  if (Array.isArray(r.archives)) {
    for (const item of r.archives as unknown[]) {
      const { id, enabled } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      if ((ARCHIVE_IDS as readonly unknown[]).includes(id) && !archives.some((a) => a.id === id)) {
        archives.push({ id: id as ArchiveId, enabled: enabled !== false });
      }
    }
  }
  for (const id of ARCHIVE_IDS) if (!archives.some((a) => a.id === id)) archives.push({ id, enabled: true });

  const seconds = typeof r.slowLoadSeconds === 'number' && Number.isFinite(r.slowLoadSeconds) ? Math.round(r.slowLoadSeconds) : d.slowLoadSeconds;
  const listUrls = Array.isArray(r.mirrorListUrls) ? (r.mirrorListUrls as unknown[]).map(cleanBaseUrl).filter((u): u is string => u !== null) : null;
  const mirrors = Array.isArray(r.customMirrors) ? (r.customMirrors as unknown[]).map(cleanMirror).filter((m): m is CustomMirror => m !== null) : [];
  const e = (typeof r.endpoints === 'object' && r.endpoints !== null ? r.endpoints : {}) as Record<string, unknown>;

  return {
    archives,
    archiveTodayHost: (typeof r.archiveTodayHost === 'string' && /^https?:\/\//i.test(r.archiveTodayHost) ? cleanBaseUrl(r.archiveTodayHost) : cleanHost(r.archiveTodayHost)) ?? d.archiveTodayHost,
    autoLookups: typeof r.autoLookups === 'boolean' ? r.autoLookups : d.autoLookups,
    slowLoadSeconds: Math.min(600, Math.max(1, seconds)),
    mirrorListUrls: listUrls ?? [...d.mirrorListUrls],
    customMirrors: mirrors,
    endpoints: {
      wayback: cleanBaseUrl(e.wayback) ?? d.endpoints.wayback,
      waybackAvailability: cleanBaseUrl(e.waybackAvailability) ?? d.endpoints.waybackAvailability,
      ghostarchive: cleanBaseUrl(e.ghostarchive) ?? d.endpoints.ghostarchive,
      megalodon: cleanBaseUrl(e.megalodon) ?? d.endpoints.megalodon,
    },
  };
}

export async function loadCopySettings(): Promise<CopySettings> {
  try {
    const stored = (await browser.storage.local.get(COPY_SETTINGS_KEY)) as Record<string, unknown>;
    return normalizeCopySettings(stored[COPY_SETTINGS_KEY]);
  } catch {
    return normalizeCopySettings(undefined);
  }
}

export async function saveCopySettings(settings: CopySettings): Promise<CopySettings> {
  const valid = normalizeCopySettings(settings);
  await browser.storage.local.set({ [COPY_SETTINGS_KEY]: valid });
  return valid;
}
