/**
 * Archive links and lookups (PRODUCT.md, `unavailable.html` and the in-page notice).
 *
 * Link formats: the original URL is appended as is, not encoded, where the archive takes it in
 * the path (Wayback, archive.today); search forms that take it as a query parameter get it
 * encoded. Every host is configurable (users pick mirrors or onions; tests use local fakes).
 */

export const WAYBACK_DEFAULT = 'https://web.archive.org';
export const WAYBACK_API_DEFAULT = 'https://archive.org';

/** archive.today's domains and its onion service (reached over Tor, plain http). */
export const ARCHIVE_TODAY_HOSTS = [
  'archive.ph', 'archive.today', 'archive.is', 'archive.li', 'archive.vn', 'archive.fo', 'archive.md',
  'archiveiya74codqgiixo33q62qlrqtkgmcitqx5u2oeqnmn5bpcbiyd.onion',
] as const;
export type ArchiveTodayHost = (typeof ARCHIVE_TODAY_HOSTS)[number];

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

/** `https://web.archive.org/web/2/<URL>` (latest capture), or a capture's 14-digit timestamp. */
export function waybackUrl(url: string, opts: { timestamp?: string; base?: string } = {}): string {
  const ts = opts.timestamp && /^\d{1,14}$/.test(opts.timestamp) ? opts.timestamp : '2';
  return `${trimSlash(opts.base ?? WAYBACK_DEFAULT)}/web/${ts}/${url}`;
}

/**
 * `https://archive.ph/newest/<URL>`; `host` is any of ARCHIVE_TODAY_HOSTS (default archive.ph) or
 * a full origin (`http://…onion`, a local fake). The onion is http (Tor provides the encryption).
 */
export function archiveTodayUrl(url: string, host: string = 'archive.ph'): string {
  return `${archiveTodayOrigin(host)}/newest/${url}`;
}

function archiveTodayOrigin(host: string): string {
  const h = host.trim();
  if (/^https?:\/\//i.test(h)) return trimSlash(h);
  return h.toLowerCase().endsWith('.onion') ? `http://${h}` : `https://${h}`;
}

/** archive.today's "save this page" form, prefilled. */
export function archiveTodaySubmitUrl(url: string, host: string = 'archive.ph'): string {
  return `${archiveTodayOrigin(host)}/?url=${encodeURIComponent(url)}`;
}

/** Ghostarchive's search for captures of the URL. */
export function ghostarchiveUrl(url: string, base = 'https://ghostarchive.org'): string {
  return `${trimSlash(base)}/search?term=${encodeURIComponent(url)}`;
}

/** Megalodon (ウェブ魚拓): the list of captures of the URL. */
export function megalodonUrl(url: string, base = 'https://megalodon.jp'): string {
  return `${trimSlash(base)}/?url=${encodeURIComponent(url)}`;
}

/** The Wayback Machine's Save Page Now for the URL. */
export function waybackSaveUrl(url: string, base = WAYBACK_DEFAULT): string {
  return `${trimSlash(base)}/save/${url}`;
}

/**
 * The page a Wayback-style capture (`<archive>/web/<timestamp>[flags]/<page URL>`, the form the
 * reader opens archived copies in) is a copy of, or null for any other URL.
 */
export function capturedPageUrl(url: string): string | null {
  const match = /^https?:\/\/[^/]+\/web\/\d{1,14}[a-z_]*\/(https?:\/\/.+)$/i.exec(url);
  return match ? match[1]! : null;
}

/** The URL without its query string (and fragment), or null when it has no query string. */
export function withoutQuery(url: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const hash = url.indexOf('#');
  if (hash >= 0 && hash < q) return null; // "?" inside the fragment
  const base = url.slice(0, q);
  return base && base !== url ? base : null;
}

/** The availability API's URL for a page. */
export function waybackAvailabilityApiUrl(url: string, base = WAYBACK_API_DEFAULT): string {
  return `${trimSlash(base)}/wayback/available?url=${encodeURIComponent(url)}`;
}

export interface WaybackCapture {
  /** The capture's URL on the Wayback Machine (https). */
  url: string;
  /** 14-digit capture timestamp (YYYYMMDDhhmmss, UTC). */
  timestamp: string;
  /** The same as an ISO 8601 date, or null when the timestamp is not a valid date. */
  date: string | null;
  /** HTTP status the capture recorded. */
  status: number;
}

export type WaybackAvailability =
  | { ok: true; capture: WaybackCapture | null }
  | { ok: false; error: 'malformed-json' | 'unexpected-shape' };

/**
 * Parse `https://archive.org/wayback/available?url=…`'s answer (text or parsed JSON):
 * `{ archived_snapshots: { closest: { available, url, timestamp, status } } }`.
 * Only available 2xx captures count (a capture of a 404 or of a block page is no copy).
 * Never throws: malformed JSON is a typed error.
 */
export function parseWaybackAvailability(body: unknown): WaybackAvailability {
  let data: unknown = body;
  if (typeof body === 'string') {
    try {
      data = JSON.parse(body);
    } catch {
      return { ok: false, error: 'malformed-json' };
    }
  }
  if (!isObject(data)) return { ok: false, error: 'unexpected-shape' };
  const snaps = data['archived_snapshots'];
  if (snaps === undefined || snaps === null) return { ok: true, capture: null };
  if (!isObject(snaps)) return { ok: false, error: 'unexpected-shape' };
  const closest = snaps['closest'];
  if (closest === undefined || closest === null) return { ok: true, capture: null };
  if (!isObject(closest)) return { ok: false, error: 'unexpected-shape' };
  const available = closest['available'];
  const url = closest['url'];
  const timestamp = closest['timestamp'];
  const status = Number(closest['status']);
  if (available !== true && available !== 'true') return { ok: true, capture: null };
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { ok: false, error: 'unexpected-shape' };
  if (typeof timestamp !== 'string' || !/^\d{4,14}$/.test(timestamp)) return { ok: false, error: 'unexpected-shape' };
  if (!(status >= 200 && status <= 299)) return { ok: true, capture: null };
  return {
    ok: true,
    capture: { url: url.replace(/^http:\/\//i, 'https://'), timestamp, date: timestampToIso(timestamp), status },
  };
}

/** `20130919044612` → `2013-09-19T04:46:12Z` (missing parts are zero / January / first). */
export function timestampToIso(ts: string): string | null {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/.exec(ts);
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m.slice(1).map((x) => x) as string[];
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 19) + 'Z' !== iso) return null;
  return iso;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface LookupPolicy {
  /** Why the page is unavailable; after a DNS failure no automatic lookup (typos would leak). */
  reason?: string;
  /** Further host suffixes never looked up automatically (e.g. `.internal`, `.lan`). */
  excludeSuffixes?: string[];
}

const NEVER_SUFFIXES = ['.onion', '.local', '.localhost'];

/**
 * May we ask a third party (an archive's API) about this URL without the user asking?
 * Never for non-http(s) URLs, localhost, `.local`, `.localhost`, `.onion`, IP literals in
 * private/loopback/link-local ranges, configured suffixes, or after a DNS failure.
 */
export function mayLookUpAutomatically(url: string, policy: LookupPolicy = {}): boolean {
  if (policy.reason === 'dns') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (!host || host === 'localhost') return false;
  for (const s of [...NEVER_SUFFIXES, ...(policy.excludeSuffixes ?? [])]) {
    const suffix = s.toLowerCase().startsWith('.') ? s.toLowerCase() : `.${s.toLowerCase()}`;
    if (host.endsWith(suffix) || host === suffix.slice(1)) return false;
  }
  if (isPrivateAddress(host)) return false;
  return true;
}

/** IPv4/IPv6 literal in a private, loopback, link-local, CGNAT or unspecified range. */
export function isPrivateAddress(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = parseIPv4(h);
  if (v4) return privateV4(v4);
  if (!h.includes(':')) return false;
  const v6 = parseIPv6(h);
  if (!v6) return false;
  if (v6.every((x) => x === 0)) return true; // ::
  if (v6.slice(0, 7).every((x) => x === 0) && v6[7] === 1) return true; // ::1
  const first = v6[0]!;
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  // IPv4-mapped ::ffff:a.b.c.d
  if (v6.slice(0, 5).every((x) => x === 0) && v6[5] === 0xffff) {
    return privateV4([v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255]);
  }
  return false;
}

function privateV4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return false;
  return a === 10 || a === 127 || a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127);
}

function parseIPv4(h: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function parseIPv6(h: string): number[] | null {
  let s = h.replace(/%.*$/, '');
  // Embedded IPv4 tail.
  const tail = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  if (tail) {
    const v4 = parseIPv4(tail[1]!);
    if (!v4) return null;
    s = s.slice(0, -tail[1]!.length) + ((v4[0]! << 8) | v4[1]!).toString(16) + ':' + ((v4[2]! << 8) | v4[3]!).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : fill < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...rest];
  const out: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    out.push(parseInt(g, 16));
  }
  return out.length === 8 ? out : null;
}
