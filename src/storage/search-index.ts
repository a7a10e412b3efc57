/**
 * The library's search index when the page first needs it. Each article's postings are written
 * with its text, in the same transaction (the `terms` store), so nothing is tokenised on open:
 *  - usually a stored snapshot of the assembled index (one record of typed arrays, in `meta`) is
 *    read and brought up to date with the postings written since (index byRev) and without the
 *    articles deleted since;
 *  - with no snapshot, or too much changed since, the index is assembled from all stored postings
 *    (read in slices so the page stays responsive) and a new snapshot is written.
 * Texts without postings (written before schema v3, or by tools that wrote only `texts`) get
 * theirs built first, a few per transaction, so an interrupted run resumes where it stopped.
 */
import { articlePostings } from './postings.js';
import { bumpRevision, openLibrary, POSTINGS_PENDING_KEY, type LibraryDb } from './schema.js';
import { IndexBuilder, TermIndex, type IndexSnapshot } from './term-index.js';

const SNAPSHOT_KEY = 'search-snapshot';

interface StoredSnapshot extends IndexSnapshot {
  /** The library revision read before the postings it was assembled from. */
  revision: number;
}

export interface IndexProgress {
  done: number;
  total: number;
}

export interface IndexOptions {
  dbName?: string;
  onProgress?: (p: IndexProgress) => void;
  /** Set when a new snapshot is being stored: settles once it is written (or failed). */
  snapshotWritten?: Promise<void>;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Texts without postings. Listing keys walks a store's records (Chromium keeps values with
 * keys), which on 10,000 articles takes seconds, so it is done only while the upgrade's flag
 * says some may be missing; every write since v3 stores both together.
 */
async function missingPostings(db: LibraryDb): Promise<string[]> {
  const have = new Set(await db.getAllKeysFromIndex('terms', 'byRev'));
  return (await db.getAllKeys('texts')).filter((url) => !have.has(url));
}

/**
 * Builds the postings of every text that has none, `batch` texts per transaction (each batch
 * is complete or absent, so stopping anywhere loses at most one batch of work). Returns how
 * many were built; `limit` stops early (tests interrupt it that way).
 */
export async function backfillPostings(options: IndexOptions & { batch?: number; limit?: number } = {}): Promise<number> {
  const db = await openLibrary(options.dbName);
  if (!(await db.get('meta', POSTINGS_PENDING_KEY))) return 0;
  const missing = await missingPostings(db);
  const todo = missing.slice(0, options.limit ?? missing.length);
  const batch = options.batch ?? 25;
  let done = 0;
  for (let i = 0; i < todo.length; i += batch) {
    const tx = db.transaction(['texts', 'terms', 'meta'], 'readwrite');
    const rev = await bumpRevision(tx);
    for (const url of todo.slice(i, i + batch)) {
      // Read and written in one transaction: a text changed meanwhile gets its own postings.
      const [text, has] = await Promise.all([tx.objectStore('texts').get(url), tx.objectStore('terms').getKey(url)]);
      if (text && !has) await tx.objectStore('terms').put({ ...articlePostings(text), rev });
    }
    await tx.done;
    done = Math.min(i + batch, todo.length);
    options.onProgress?.({ done, total: todo.length });
    await yieldToPage();
  }
  if (todo.length === missing.length) await db.delete('meta', POSTINGS_PENDING_KEY);
  return done;
}

/** The snapshot brought up to date, or null when there is none or rebuilding is cheaper. */
async function fromSnapshot(db: LibraryDb): Promise<TermIndex | null> {
  const snap = (await db.get('meta', SNAPSHOT_KEY))?.value as StoredSnapshot | undefined;
  performance.mark('samizdat-index-snapshot-read');
  if (!snap || typeof snap.revision !== 'number') return null;
  // Which articles still have postings: read from the small byRev index, not the store.
  const byRev = db.transaction('terms').store.index('byRev');
  const [keys, changed] = await Promise.all([byRev.getAllKeys(), byRev.getAll(IDBKeyRange.lowerBound(snap.revision, true))]);
  performance.mark('samizdat-index-changes-read');
  // Past this many changes, assembling everything (and storing a new snapshot) is the better deal.
  if (changed.length > Math.max(200, keys.length / 10)) return null;
  const index = TermIndex.fromSnapshot(snap);
  const present = new Set(keys);
  for (const url of snap.urls) if (!present.has(url)) index.discard(url);
  for (const record of changed) index.add(record);
  return index;
}

/** Every stored postings record assembled into a new index, and stored as the new snapshot. */
async function assembleAll(db: LibraryDb, options: IndexOptions): Promise<TermIndex> {
  // Read first: postings written after it have a higher rev and are applied on the next open.
  const revision = ((await db.get('meta', 'revision'))?.value as number | undefined) ?? 0;
  const total = await db.countFromIndex('terms', 'byRev');
  const builder = new IndexBuilder();
  const slice = 500;
  let last: string | undefined;
  for (;;) {
    const records = await db.getAll('terms', last === undefined ? undefined : IDBKeyRange.lowerBound(last, true), slice);
    if (!records.length) break;
    builder.push(records);
    last = records[records.length - 1]!.url;
    options.onProgress?.({ done: builder.articles, total: Math.max(total, builder.articles) });
    await yieldToPage();
  }
  const index = builder.finish();
  const snap = index.snapshot();
  if (snap) {
    const value: StoredSnapshot = { ...snap, revision };
    // Not awaited by the search: the index is usable now; a failed write only costs the next open.
    options.snapshotWritten = db.put('meta', { key: SNAPSHOT_KEY, value }).then(() => undefined, () => undefined);
  }
  return index;
}

/** The whole library's index (postings built first where missing). */
export async function buildSearchIndex(options: IndexOptions = {}): Promise<TermIndex> {
  await backfillPostings(options);
  // Marks (here and below) let the benchmark's debug output show where opening spends its time.
  performance.mark('samizdat-index-backfilled');
  const db = await openLibrary(options.dbName);
  return (await fromSnapshot(db)) ?? (await assembleAll(db, options));
}

/**
 * Brings a loaded index up to date for some articles (tags changed, articles saved or deleted)
 * without assembling it again: each is taken out and, if it is still in the library and not in
 * the trash, added again from its stored postings.
 */
export async function updateSearchIndex(index: TermIndex, urls: string[], options: { dbName?: string } = {}): Promise<void> {
  const db = await openLibrary(options.dbName);
  const tx = db.transaction(['entries', 'terms']);
  const records = await Promise.all(
    urls.map(async (url) => {
      const entry = await tx.objectStore('entries').get(url);
      return entry && !entry.trashedAt ? ((await tx.objectStore('terms').get(url)) ?? null) : null;
    }),
  );
  urls.forEach((url, i) => {
    const record = records[i];
    if (record) index.add(record);
    else index.discard(url);
  });
}
