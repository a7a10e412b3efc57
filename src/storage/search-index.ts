/**
 * The library's search index, persisted: built from the `texts` store (one small record per
 * article) and cached in `meta` with the library revision it was built at, so reopening the
 * library loads it instead of re-indexing. Built in slices so the page stays responsive.
 */
import type MiniSearch from 'minisearch';
import { createIndex, loadIndex, type SearchDoc } from './search.js';
import { openLibrary } from './schema.js';
import { getRevision } from './library.js';

const CACHE_KEY = 'search-index';

export interface IndexProgress {
  done: number;
  total: number;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function buildSearchIndex(options: { dbName?: string; onProgress?: (p: IndexProgress) => void; useCache?: boolean } = {}): Promise<MiniSearch<SearchDoc>> {
  const db = await openLibrary(options.dbName);
  const revision = await getRevision(options);
  if (options.useCache !== false) {
    const cached = (await db.get('meta', CACHE_KEY))?.value as { revision: number; json: string } | undefined;
    if (cached && cached.revision === revision) {
      try {
        return loadIndex(cached.json);
      } catch {
        // Rebuild below.
      }
    }
  }
  const entries = await db.getAll('entries');
  const live = new Set(entries.filter((e) => !e.trashedAt).map((e) => e.url));
  const keys = (await db.getAllKeys('texts')).filter((k) => live.has(k));
  const index = createIndex();
  const slice = 200;
  for (let i = 0; i < keys.length; i += slice) {
    const range = IDBKeyRange.bound(keys[i]!, keys[Math.min(i + slice, keys.length) - 1]!);
    const docs = (await db.getAll('texts', range)).filter((d) => live.has(d.url));
    index.addAll(docs);
    options.onProgress?.({ done: Math.min(i + slice, keys.length), total: keys.length });
    await yieldToPage();
  }
  if (options.useCache !== false) {
    // Only if nothing changed meanwhile; a stale cache is simply rebuilt next time.
    if ((await getRevision(options)) === revision) {
      await db.put('meta', { key: CACHE_KEY, value: { revision, json: JSON.stringify(index) } }).catch(() => undefined);
    }
  }
  return index;
}

/**
 * Brings a loaded index up to date for some articles (tags changed, articles imported or
 * deleted) without rebuilding it: each is taken out and, if it is still in the library, added
 * again from its current search text.
 */
export async function updateSearchIndex(index: MiniSearch<SearchDoc>, urls: string[], options: { dbName?: string } = {}): Promise<void> {
  const db = await openLibrary(options.dbName);
  const tx = db.transaction(['entries', 'texts']);
  const docs = await Promise.all(
    urls.map(async (url) => {
      const entry = await tx.objectStore('entries').get(url);
      return entry && !entry.trashedAt ? ((await tx.objectStore('texts').get(url)) ?? null) : null;
    }),
  );
  urls.forEach((url, i) => {
    if (index.has(url)) index.discard(url);
    const doc = docs[i];
    if (doc) index.add(doc);
  });
}
