/**
 * Pure helpers of the offer: archive links built from the configured endpoints, the Wayback
 * availability answer, and the bypass-mirrors list (`{version, sites: [{main_domain,
 * available_alternatives: [{proto, type, url, created_at, updated_at}]}]}`) and the mirror
 * URLs it gives for a page (the same path on the mirror host).
 */
import type { ArchiveId, CopySettings, CustomMirror } from '../shared/copy-settings.js';
import type { ArchiveLink, MirrorLink } from '../shared/copy-offer.js';

export const ARCHIVE_NAMES: Record<ArchiveId, string> = {
  wayback: 'Wayback Machine',
  'archive-today': 'archive.today',
  ghostarchive: 'Ghostarchive',
  megalodon: 'Megalodon',
};

/** archive.today's base URL from the setting: a host ("archive.ph", an onion) or a full base URL. */
export function archiveTodayBase(host: string): string {
  if (/^https?:\/\//i.test(host)) return host.replace(/\/+$/, '');
  return `${host.endsWith('.onion') ? 'http' : 'https'}://${host}`;
}

/** The plain link of one archive for a URL (the original URL appended as is where the archive allows). */
export function archiveHref(id: ArchiveId, url: string, settings: Pick<CopySettings, 'endpoints' | 'archiveTodayHost'>): string {
  switch (id) {
    case 'wayback':
      return `${settings.endpoints.wayback}/web/2/${url}`;
    case 'archive-today':
      return `${archiveTodayBase(settings.archiveTodayHost)}/newest/${url}`;
    case 'ghostarchive':
      return `${settings.endpoints.ghostarchive}/search?term=${encodeURIComponent(url)}`;
    case 'megalodon':
      return `${settings.endpoints.megalodon}/?url=${encodeURIComponent(url)}`;
  }
}

export function archiveLink(id: ArchiveId, url: string, settings: Pick<CopySettings, 'endpoints' | 'archiveTodayHost'>): ArchiveLink {
  return { id, name: ARCHIVE_NAMES[id], href: archiveHref(id, url, settings), state: 'plain' };
}

/** "20240131120000" → ISO 8601 (UTC), or null. */
export function waybackTimestampToIso(timestamp: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(timestamp);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/**
 * The Wayback availability API's answer: the closest capture when it is a 2xx one, null when
 * there is none (or only non-2xx captures), 'malformed' when the text is not the expected JSON.
 */
export function parseWaybackAvailability(text: string): { timestamp: string; date: string; url: string } | null | 'malformed' {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  if (typeof data !== 'object' || data === null || !('archived_snapshots' in data)) return 'malformed';
  const snapshots = (data as { archived_snapshots: unknown }).archived_snapshots;
  if (typeof snapshots !== 'object' || snapshots === null) return null;
  const closest = (snapshots as { closest?: unknown }).closest;
  if (typeof closest !== 'object' || closest === null) return null;
  const c = closest as Record<string, unknown>;
  const status = String(c.status ?? '');
  if (c.available === false || !/^2\d\d$/.test(status)) return null;
  const timestamp = String(c.timestamp ?? '');
  const date = waybackTimestampToIso(timestamp);
  if (!date || typeof c.url !== 'string') return null;
  return { timestamp, date, url: c.url };
}

export interface MirrorEntry {
  url: string;
  proto: string;
  type: string;
}
/** Mirrors by the site's domain (lower case, without "www."). */
export type MirrorSites = Record<string, MirrorEntry[]>;

export function bareDomain(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/** Parses a bypass-mirrors list; null when it is not one (malformed JSON, wrong shape). */
export function parseMirrorList(text: string): MirrorSites | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { sites?: unknown }).sites)) return null;
  const out: MirrorSites = {};
  for (const site of (data as { sites: unknown[] }).sites) {
    if (typeof site !== 'object' || site === null) continue;
    const s = site as Record<string, unknown>;
    if (typeof s.main_domain !== 'string' || !Array.isArray(s.available_alternatives)) continue;
    const domain = bareDomain(s.main_domain.replace(/^https?:\/\//i, '').replace(/\/.*$/, ''));
    const list = (out[domain] ??= []);
    for (const alt of s.available_alternatives as unknown[]) {
      if (typeof alt !== 'object' || alt === null) continue;
      const a = alt as Record<string, unknown>;
      if (typeof a.url !== 'string') continue;
      const proto = typeof a.proto === 'string' ? a.proto : '';
      let base = a.url.trim();
      if (!/^[a-z]+:\/\//i.test(base)) base = `${proto === 'tor' || /\.onion(\/|$)/.test(base) ? 'http' : 'https'}://${base}`;
      try {
        const parsed = new URL(base);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
        list.push({ url: parsed.href, proto, type: typeof a.type === 'string' ? a.type : 'mirror' });
      } catch {
        // skip entries that are not URLs
      }
    }
  }
  return out;
}

/** The same path (and query) on the mirror host; a mirror with a path prefix keeps it. */
export function mirrorUrl(pageUrl: string, mirrorBase: string): string | null {
  try {
    const page = new URL(pageUrl);
    const base = new URL(mirrorBase);
    const prefix = base.pathname.replace(/\/+$/, '');
    return `${base.origin}${prefix}${page.pathname}${page.search}${page.hash}`;
  } catch {
    return null;
  }
}

/** The mirrors for a page: the list's (for its domain) and the user's own, without duplicates. */
export function mirrorLinksFor(pageUrl: string, sites: MirrorSites, custom: CustomMirror[]): MirrorLink[] {
  let host: string;
  try {
    host = bareDomain(new URL(pageUrl).hostname);
  } catch {
    return [];
  }
  const candidates: { base: string; type: string; proto: string }[] = [
    ...custom.filter((m) => bareDomain(m.mainDomain) === host).map((m) => ({ base: m.url, type: 'custom', proto: '' })),
    ...(sites[host] ?? []).map((m) => ({ base: m.url, type: m.type, proto: m.proto })),
  ];
  const seen = new Set<string>();
  const links: MirrorLink[] = [];
  for (const c of candidates) {
    const href = mirrorUrl(pageUrl, c.base);
    if (!href || seen.has(href)) continue;
    seen.add(href);
    const mirrorHost = new URL(href).host;
    if (bareDomain(new URL(href).hostname) === host) continue; // not a mirror: the blocked site itself
    links.push({ href, host: mirrorHost, onion: c.proto === 'tor' || new URL(href).hostname.endsWith('.onion'), type: c.type });
  }
  // Onion mirrors last: they need Tor.
  return [...links.filter((l) => !l.onion), ...links.filter((l) => l.onion)];
}
