/**
 * The offer of copies of an inaccessible page, as the background computes it and the
 * unavailable page, the in-page notice and the popup show it. Types plus the small pure
 * helpers they share (no extension API here, so unit tests use them directly).
 */
import { isPrivateAddress, mayLookUpAutomatically } from './archives.js';
import type { ArchiveId } from './copy-settings.js';

export { withoutQuery } from './archives.js';

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
  /** archive.today's "save this page" form, prefilled (the user submits it there). */
  archiveTodaySaveHref: string | null;
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

/** Hosts no lookup may ever name to a third party: loopback, private ranges, .onion, .local, intranet names. */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isPrivateAddress(h)) return true;
  if (h.endsWith('.internal') || h.endsWith('.lan') || h.endsWith('.home.arpa')) return true;
  if (!h.includes('.') && !h.includes(':')) return true; // single-label intranet names
  return !mayLookUpAutomatically(`http://${h.includes(':') ? `[${h}]` : h}/`);
}

export function isPrivateUrl(url: string): boolean {
  try {
    return !mayLookUpAutomatically(url) || isPrivateHost(new URL(url).hostname);
  } catch {
    return true;
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
