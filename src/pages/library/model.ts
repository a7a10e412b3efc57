/** The library list's pure logic: filtering, sorting, dates, reading time (unit-tested). */
import type { EntryRecord } from '../../storage/schema.js';

export type SortKey = 'saved-desc' | 'saved-asc' | 'published-desc' | 'title' | 'site' | 'relevance';
export type ReadFilter = 'all' | 'unread' | 'read';
export type DateFilter = 'any' | '1d' | '7d' | '30d' | '365d';

export interface Filters {
  site: string;
  tag: string;
  read: ReadFilter;
  date: DateFilter;
  sort: SortKey;
}

export const defaultFilters: Filters = { site: '', tag: '', read: 'all', date: 'any', sort: 'saved-desc' };

const DAY = 86400000;
const dateWindow: Record<DateFilter, number> = { any: Infinity, '1d': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '365d': 365 * DAY };

export function siteOf(e: EntryRecord): string {
  return e.siteName || e.host;
}

export function applyFilters(entries: EntryRecord[], f: Filters, now = Date.now(), scores?: Map<string, number>): EntryRecord[] {
  const windowMs = dateWindow[f.date];
  const out = entries.filter(
    (e) =>
      !e.trashedAt &&
      (!scores || scores.has(e.url)) &&
      (!f.site || siteOf(e) === f.site) &&
      (!f.tag || e.tags.includes(f.tag)) &&
      (f.read === 'all' || (f.read === 'read') === !!e.readAt) &&
      (windowMs === Infinity || now - Date.parse(e.lastSavedAt) <= windowMs),
  );
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const sort = f.sort === 'relevance' && !scores ? 'saved-desc' : f.sort;
  const cmp: Record<SortKey, (a: EntryRecord, b: EntryRecord) => number> = {
    'saved-desc': (a, b) => b.lastSavedAt.localeCompare(a.lastSavedAt),
    'saved-asc': (a, b) => a.lastSavedAt.localeCompare(b.lastSavedAt),
    'published-desc': (a, b) => (b.publishedTime ?? b.lastSavedAt).localeCompare(a.publishedTime ?? a.lastSavedAt),
    title: (a, b) => collator.compare(a.title, b.title),
    site: (a, b) => collator.compare(siteOf(a), siteOf(b)) || b.lastSavedAt.localeCompare(a.lastSavedAt),
    relevance: (a, b) => (scores!.get(b.url) ?? 0) - (scores!.get(a.url) ?? 0),
  };
  return out.sort(cmp[sort]);
}

export function facets(entries: EntryRecord[]): { sites: string[]; tags: string[] } {
  const sites = new Set<string>();
  const tags = new Set<string>();
  for (const e of entries) {
    if (e.trashedAt) continue;
    sites.add(siteOf(e));
    e.tags.forEach((t) => tags.add(t));
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  return { sites: [...sites].sort(collator.compare), tags: [...tags].sort(collator.compare) };
}

/** Minutes to read at ~230 words a minute (wordCount counts CJK words by segmenter). */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230));
}

export function readerHref(url: string, version?: number): string {
  return `reader.html?url=${encodeURIComponent(url)}${version ? `&version=${version}` : ''}`;
}

// One formatter per locale: making one costs far more than formatting with it (two per row).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDay(iso: string | null, locale?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const key = locale ?? '';
  let format = dayFormats.get(key);
  if (!format) dayFormats.set(key, (format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' })));
  return format.format(d);
}

/** Rows drawn at first, and per "show more". */
export const FIRST_PAGE = 50;
/** Where the first-paint script (first-paint.ts) hands its rows to the full page. */
export const FIRST_ROWS_KEY = '__samizdatLibraryFirstRows';

/** The rows the first-paint script already drew, if it did (taken once). */
export function takeFirstRows(): EntryRecord[] | null {
  const g = globalThis as Record<string, unknown>;
  const rows = g[FIRST_ROWS_KEY];
  delete g[FIRST_ROWS_KEY];
  return Array.isArray(rows) ? (rows as EntryRecord[]) : null;
}
