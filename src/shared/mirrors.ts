/**
 * Publishers' mirrors, in the format of the public bypass-mirrors `mirrorSites.json`:
 *
 *   { "version": "2.0", "sites": [ { "main_domain": "example.com",
 *       "available_alternatives": [ { "proto": "https" | "tor" | …, "type": "mirror" | "eotk" | …,
 *         "url": "https://…", "created_at": "…", "updated_at": "…" } ] } ] }
 *
 * Parsing is tolerant: a malformed site or alternative is skipped (and counted), never fatal;
 * only input that is not such an object at all is an error. No network here: the caller fetches.
 */

export interface Mirror {
  /** Absolute URL of the mirror's root (or of the given path). */
  url: string;
  /** As listed: "https", "tor", "ipfs"…; "user" for mirrors the user added. */
  proto: string;
  /** As listed: "mirror", "eotk", "proxy"…; "user" for mirrors the user added. */
  type: string;
  createdAt: string | null;
  updatedAt: string | null;
  /** An onion address: needs Tor Browser (or another Tor client) to open. */
  needsTor: boolean;
  /** Added by the user rather than from a published list. */
  userAdded: boolean;
}

export interface MirrorSite {
  /** Lower case, without a leading `www.`. */
  mainDomain: string;
  mirrors: Mirror[];
}

export interface MirrorList {
  version: string | null;
  sites: MirrorSite[];
  /** Entries skipped as malformed. */
  skipped: number;
}

export type MirrorListResult = { ok: true; list: MirrorList } | { ok: false; error: 'malformed-json' | 'unexpected-shape' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lower case host without `www.` and trailing dot; null when not a plausible host name. */
export function normaliseDomain(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) {
    try {
      s = new URL(s).hostname;
    } catch {
      return null;
    }
  } else {
    s = s.replace(/[/?#].*$/, '').replace(/:\d+$/, '');
  }
  s = s.replace(/\.$/, '').replace(/^www\./, '');
  if (!/^(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?\.)+[a-z0-9\u00a1-\uffff-]{2,}$|^\[[0-9a-f:.]+\]$|^\d{1,3}(?:\.\d{1,3}){3}$/.test(s)) {
    return null;
  }
  return s;
}

function isOnionHost(host: string): boolean {
  return host.toLowerCase().replace(/\.$/, '').endsWith('.onion');
}

/** An absolute http(s) URL for a listed mirror; bare hosts get https (http for onions). */
function mirrorUrl(raw: string): URL | null {
  const s = raw.trim();
  if (!s) return null;
  let candidate = s;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    const host = s.replace(/[/?#].*$/, '');
    candidate = (isOnionHost(host.replace(/:\d+$/, '')) ? 'http://' : 'https://') + s;
  }
  try {
    const u = new URL(candidate);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (!u.hostname) return null;
    return u;
  } catch {
    return null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function makeMirror(raw: unknown, userAdded: boolean): Mirror | null {
  if (typeof raw === 'string') raw = { url: raw };
  if (!isObject(raw)) return null;
  const urlStr = str(raw['url']);
  if (!urlStr) return null;
  const u = mirrorUrl(urlStr);
  if (!u) return null;
  const needsTor = isOnionHost(u.hostname);
  return {
    url: u.href,
    proto: str(raw['proto'])?.toLowerCase() ?? (userAdded ? 'user' : needsTor ? 'tor' : u.protocol.slice(0, -1)),
    type: str(raw['type'])?.toLowerCase() ?? (userAdded ? 'user' : 'mirror'),
    createdAt: str(raw['created_at']),
    updatedAt: str(raw['updated_at']),
    needsTor,
    userAdded,
  };
}

/** Parse a mirrorSites.json document (text or already parsed). Never throws. */
export function parseMirrorList(input: unknown): MirrorListResult {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch {
      return { ok: false, error: 'malformed-json' };
    }
  }
  if (!isObject(data) || !Array.isArray(data['sites'])) return { ok: false, error: 'unexpected-shape' };
  const version = typeof data['version'] === 'string' || typeof data['version'] === 'number' ? String(data['version']) : null;
  const byDomain = new Map<string, MirrorSite>();
  let skipped = 0;
  for (const site of data['sites'] as unknown[]) {
    if (!isObject(site)) { skipped++; continue; }
    const domain = typeof site['main_domain'] === 'string' ? normaliseDomain(site['main_domain']) : null;
    const alts = site['available_alternatives'];
    if (!domain || !Array.isArray(alts)) { skipped++; continue; }
    const entry = byDomain.get(domain) ?? { mainDomain: domain, mirrors: [] };
    for (const alt of alts) {
      const m = makeMirror(alt, false);
      if (!m) { skipped++; continue; }
      if (!entry.mirrors.some((x) => x.url === m.url)) entry.mirrors.push(m);
    }
    byDomain.set(domain, entry);
  }
  return { ok: true, list: { version, sites: [...byDomain.values()], skipped } };
}

/** A mirror the user adds: for `domain`, at `url` (a host or URL). Null when either is unusable. */
export function userMirror(domain: string, url: string): { mainDomain: string; mirror: Mirror } | null {
  const d = normaliseDomain(domain);
  const m = makeMirror({ url }, true);
  return d && m ? { mainDomain: d, mirror: m } : null;
}

/**
 * Published lists and user mirrors merged per domain: user mirrors first (the user chose them),
 * then each list's in order; duplicates (same URL) dropped.
 */
export function mergeMirrorLists(lists: MirrorList[], user: Array<{ mainDomain: string; mirror: Mirror }> = []): MirrorSite[] {
  const byDomain = new Map<string, MirrorSite>();
  const add = (domain: string, m: Mirror): void => {
    const entry = byDomain.get(domain) ?? { mainDomain: domain, mirrors: [] };
    if (!entry.mirrors.some((x) => x.url === m.url)) entry.mirrors.push(m);
    byDomain.set(domain, entry);
  };
  for (const u of user) {
    const d = normaliseDomain(u.mainDomain);
    if (d) add(d, u.mirror);
  }
  for (const list of lists) for (const site of list.sites) for (const m of site.mirrors) add(site.mainDomain, m);
  return [...byDomain.values()];
}

/**
 * Mirrors for a page's URL: the site whose main domain is the page's host (with or without
 * `www.`), else the closest parent domain listed (news.example.com → example.com).
 * Mirrors on the page's own host are left out.
 */
export function findMirrors(pageUrl: string, sites: MirrorSite[]): Mirror[] {
  let host: string;
  try {
    host = new URL(pageUrl).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return [];
  }
  const bare = host.replace(/^www\./, '');
  const index = new Map(sites.map((s) => [s.mainDomain, s]));
  let site: MirrorSite | undefined;
  for (let d = bare; d.includes('.'); d = d.slice(d.indexOf('.') + 1)) {
    site = index.get(d);
    if (site) break;
  }
  if (!site) return [];
  return site.mirrors.filter((m) => {
    try {
      return new URL(m.url).hostname.toLowerCase().replace(/^www\./, '') !== bare;
    } catch {
      return false;
    }
  });
}

/**
 * The same page on a mirror: the page's path, query and fragment on the mirror's origin. When
 * the mirror URL has a path prefix (a proxy at `https://proxy.example/site/`), the page's path
 * goes under it. Null when either URL is unusable.
 */
export function mirrorPageUrl(pageUrl: string, mirror: Mirror | string): string | null {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return null;
  }
  const base = mirrorUrl(typeof mirror === 'string' ? mirror : mirror.url);
  if (!base) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${page.pathname}${page.search}${page.hash}`;
}
