/**
 * The offer of copies of an inaccessible page, as the background computes it and the
 * unavailable page, the in-page notice and the popup show it. Types plus the small pure
 * helpers they share (no extension API here, so unit tests use them directly).
 */
import type { ArchiveId } from './copy-settings.js';

export const REASONS = [
  'dns',
  'connection-reset',
  'connection-refused',
  'connection-closed',
  'timeout',
  'tls',
  'empty-response',
  'blocked-by-policy',
  'block-page',
  'unknown',
  'user',
  'slow',
] as const;

export interface SavedCopyInfo {
  savedAt: string;
  /** reader.html?url=… relative to the extension's root. */
  readerPath: string;
}

export interface ArchiveCapture {
  /** 14-digit Wayback timestamp. */
  timestamp: string;
  /** ISO 8601. */
  date: string;
  href: string;
  /** reader.html?url=<capture without the archive's toolbar> relative to the extension's root. */
  readerPath: string;
}

export interface ArchiveLink {
  id: ArchiveId;
  name: string;
  /** The plain link (always shown, lookups or not). */
  href: string;
  /** plain: no lookup made; found/none: the lookup's answer; failed: timeout, error or bad JSON. */
  state: 'plain' | 'found' | 'none' | 'failed';
  capture?: ArchiveCapture;
  message?: string;
}

export interface MirrorLink {
  href: string;
  host: string;
  onion: boolean;
  /** From the list ("mirror", "proxy", "tor"…) or "custom" for the user's own. */
  type: string;
}

/** Whether availability checks may run: now, on a click, or never (private hosts). */
export type LookupPolicy = 'auto' | 'ask' | 'never';

export interface CopyOffer {
  url: string;
  reason: string;
  saved: SavedCopyInfo | null;
  archives: ArchiveLink[];
  /** The URL without its query string, when it has one. */
  withoutQuery: string | null;
  lookups: LookupPolicy;
  /** reader.html?url=<latest archived copy> relative to the extension's root. */
  archiveReaderPath: string | null;
}

export interface MirrorOffer {
  mirrors: MirrorLink[];
  /** Why the list is empty or incomplete (unreachable list, malformed JSON…). */
  message?: string;
}

export interface ArchiveLookup {
  archives: ArchiveLink[];
  archiveReaderPath: string | null;
}

export interface PreserveResult {
  ok: boolean;
  captureUrl?: string;
  error?: string;
}

/** What the background knows about a tab's trouble, for the popup. */
export interface TabTrouble {
  url: string | null;
  /** null when the tab looks fine. */
  reason: string | null;
}

/** Hosts no lookup may ever name to a third party: loopback, private ranges, .onion, .local. */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.onion') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  if (!h.includes('.') && !h.includes(':')) return true; // intranet single-label names
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (h.includes(':')) return h === '::1' || h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('::ffff:');
  return false;
}

export function isPrivateUrl(url: string): boolean {
  try {
    return isPrivateHost(new URL(url).hostname);
  } catch {
    return true;
  }
}

/** The URL without its query string (and fragment), or null when it has none. */
export function withoutQuery(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.search) return null;
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** Lookups allowed after this failure? Never for private hosts, only on a click after DNS failure or when turned off. */
export function lookupPolicy(url: string, reason: string, autoLookups: boolean): LookupPolicy {
  if (!/^https?:/i.test(url) || isPrivateUrl(url)) return 'never';
  if (reason === 'dns' || !autoLookups) return 'ask';
  return 'auto';
}

/** The i18n key naming a failure reason in plain words. */
export function reasonMessageKey(reason: string): string {
  if (/^http-\d{3}$/.test(reason)) {
    const status = Number(reason.slice(5));
    if (status === 404) return 'reasonHttp404';
    if (status === 410) return 'reasonHttp410';
    if (status === 451) return 'reasonHttp451';
    if (status === 403) return 'reasonHttp403';
    if (status >= 520 && status <= 530) return 'reasonHttp52x';
    if (status >= 500) return 'reasonHttp5xx';
    return 'reasonHttpOther';
  }
  const known: Record<string, string> = {
    dns: 'reasonDns',
    'connection-reset': 'reasonConnectionReset',
    'connection-refused': 'reasonConnectionRefused',
    'connection-closed': 'reasonConnectionClosed',
    timeout: 'reasonTimeout',
    tls: 'reasonTls',
    'empty-response': 'reasonEmptyResponse',
    'blocked-by-policy': 'reasonBlockedByPolicy',
    'block-page': 'reasonBlockPage',
    user: 'reasonUser',
    slow: 'reasonSlow',
  };
  return known[reason] ?? 'reasonUnknown';
}

/** The `unavailable.html?…` path for a URL and reason. */
export function unavailablePath(url: string, reason: string): string {
  return `unavailable.html?url=${encodeURIComponent(url)}&reason=${encodeURIComponent(reason)}`;
}

export function readerPath(url: string): string {
  return `reader.html?url=${encodeURIComponent(url)}`;
}
