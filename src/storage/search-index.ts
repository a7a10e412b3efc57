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
import { articlePostings, type TermsRecord } from './postings.js';
import { bumpRevision, DELETED_POSTINGS_PREFIX, openLibrary, POSTINGS_PENDING_KEY, type LibraryDb } from './schema.js';
import { chunksFor, IndexBuilder, TermIndex, type SnapshotChunk, type SnapshotHead } from './term-index.js';
import { tokenize } from './text-terms.js';

/** The snapshot's head record in `meta`; its chunks are `${SNAPSHOT_KEY}:${gen}:${i}`. */
const SNAPSHOT_KEY = 'search-snapshot';
const chunkKey = (gen: string, i: number) => `${SNAPSHOT_KEY}:${gen}:${i}`;

interface StoredHead extends SnapshotHead {
  /**
   * 3: the articles deleted since are known from the deletion marks (schema.ts); 2 (written
   * before the marks existed): from listing every key of `terms`.
   */
  format: 2 | 3;
  /** The library revision read before the postings it was assembled from. */
  revision: number;
  /** Names this snapshot's chunks, so chunks of another (newer) snapshot are never mixed in. */
  gen: string;
}

/** Before format 2 the snapshot was one record: the head and a single chunk in one. */
interface StoredSingle extends Omit<SnapshotChunk, 'masks'> {
  revision: number;
  urls: string[];
  lengths: Uint32Array;
  masks?: Uint32Array;
}

export interface IndexProgress {
  done: number;
  total: number;
}

export interface IndexOptions {
  dbName?: string;
  onProgress?: (p: IndexProgress) => void;
  /** Postings per stored snapshot chunk (tests make them small to get many chunks). */
  chunkPostings?: number;
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

interface Changes {
  deleted: string[];
  changed: TermsRecord[];
}

const deletedRange = () => IDBKeyRange.bound(DELETED_POSTINGS_PREFIX, `${DELETED_POSTINGS_PREFIX}\uffff`);

/** The articles saved and deleted since a snapshot, or null when reassembling is the better deal. */
async function changesSince(db: LibraryDb, head: { revision: number; urls: string[]; format?: number }): Promise<Changes | null> {
  const tx = db.transaction(['terms', 'meta']);
  const byRev = tx.objectStore('terms').index('byRev');
  const changedRead = byRev.getAll(IDBKeyRange.lowerBound(head.revision, true));
  let deleted: string[];
  if (head.format === 3) {
    // The few deletion marks since the snapshot (a key range of `meta`), not every key of `terms`.
    const marks = await tx.objectStore('meta').getAll(deletedRange());
    deleted = marks.filter((m) => (m.value as number) > head.revision).map((m) => m.key.slice(DELETED_POSTINGS_PREFIX.length));
  } else {
    const present = new Set(await byRev.getAllKeys());
    deleted = head.urls.filter((url) => !present.has(url));
  }
  const changed = await changedRead;
  performance.mark('samizdat-index-changes-read');
  // Past this many changes, assembling everything (and storing a new snapshot) is the better deal.
  if (changed.length + deleted.length > Math.max(200, head.urls.length / 10)) return null;
  return { deleted, changed };
}

function bringUpToDate(index: TermIndex, since: Changes): TermIndex {
  // Deletions first: an article deleted and saved again since is in `changed` and comes back.
  for (const url of since.deleted) index.discard(url);
  for (const record of since.changed) index.add(record);
  return index;
}

/**
 * While a query's partial index is being read, the whole index's chunk reads wait: IndexedDB
 * serves requests in turn, and the query's few chunks should not queue behind the whole's.
 */
const queryReads = { active: 0, waiters: [] as (() => void)[] };

async function afterQueryReads(): Promise<void> {
  while (queryReads.active) await new Promise<void>((resolve) => queryReads.waiters.push(resolve));
}

async function withQueryReads<T>(run: () => Promise<T>): Promise<T> {
  queryReads.active++;
  try {
    return await run();
  } finally {
    if (--queryReads.active === 0) for (const wake of queryReads.waiters.splice(0)) wake();
  }
}

/**
 * The stored snapshot brought up to date, or null when there is none or rebuilding is cheaper.
 * Its chunks are read one request at a time, yielding between them, so typing stays responsive.
 */
async function fromSnapshot(db: LibraryDb, options: IndexOptions): Promise<TermIndex | null> {
  const stored = (await db.get('meta', SNAPSHOT_KEY))?.value as StoredHead | StoredSingle | undefined;
  performance.mark('samizdat-index-snapshot-read');
  if (!stored || typeof stored.revision !== 'number') return null;
  const since = await changesSince(db, stored);
  if (!since) return null;
  if (!('format' in stored)) return bringUpToDate(TermIndex.fromSnapshot(stored, [{ ...stored, masks: stored.masks ?? new Uint32Array(0) }]), since);
  // A snapshot from before the deletion marks, still exactly the library: from now on the marks
  // tell what is deleted after it (every delete writes one), so it is marked as such.
  if (stored.format === 2 && !since.deleted.length && !since.changed.length) await upgradeHead(db, stored);
  const chunks: SnapshotChunk[] = [];
  for (let i = 0; i < stored.firsts.length; i++) {
    await afterQueryReads();
    const chunk = (await db.get('meta', chunkKey(stored.gen, i)))?.value as SnapshotChunk | undefined;
    // Rewritten meanwhile (another tab stored a newer snapshot): this one is gone.
    if (!chunk) return null;
    chunks.push(chunk);
    options.onProgress?.({ done: i + 1, total: stored.firsts.length });
    await yieldToPage();
  }
  performance.mark('samizdat-index-chunks-read', { detail: chunks.length });
  return bringUpToDate(TermIndex.fromSnapshot(stored, chunks), since);
}

/** Rewrites a format-2 head as format 3, unless the snapshot was replaced meanwhile. */
async function upgradeHead(db: LibraryDb, head: StoredHead): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const current = (await tx.store.get(SNAPSHOT_KEY))?.value as StoredHead | undefined;
  if (current?.gen === head.gen && current.format === 2) await tx.store.put({ key: SNAPSHOT_KEY, value: { ...current, format: 3 } });
  await tx.done.catch(() => undefined);
}

/**
 * An index for one query while the whole index is still loading: the snapshot's head and only
 * the chunks holding the query's words (and every word its last word begins), brought up to date
 * like the whole. Exact and prefix matches are those of the whole index; typos are not looked up
 * (`complete` is false). Null when there is no usable snapshot (the first open assembles one).
 */
export async function partialSearchIndex(query: string, options: { dbName?: string } = {}): Promise<TermIndex | null> {
  const terms = [...new Set(tokenize(query))];
  if (!terms.length) return null;
  const db = await openLibrary(options.dbName);
  return withQueryReads(async () => {
    // One transaction: the head and its chunks are read as one consistent state.
    const tx = db.transaction('meta');
    const stored = (await tx.store.get(SNAPSHOT_KEY))?.value as StoredHead | StoredSingle | undefined;
    performance.mark('samizdat-partial-head');
    if (!stored || typeof stored.revision !== 'number' || !('format' in stored)) return null;
    const need = chunksFor(stored.firsts, terms, terms[terms.length - 1]!);
    // The changes since the snapshot are read alongside its chunks.
    const [chunks, since] = await Promise.all([
      Promise.all(need.map(async (i) => (await tx.store.get(chunkKey(stored.gen, i)))?.value as SnapshotChunk | undefined)),
      changesSince(db, stored),
    ]);
    performance.mark('samizdat-partial-chunks', { detail: need.length });
    if (chunks.some((c) => !c) || !since) return null;
    return bringUpToDate(TermIndex.fromSnapshot(stored, chunks as SnapshotChunk[], false), since);
  });
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
  const snap = index.snapshot(options.chunkPostings);
  if (snap) {
    const head: StoredHead = { ...snap.head, format: 3, revision, gen: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` };
    // Not awaited by the search: the index is usable now; a failed write only costs the next open.
    options.snapshotWritten = writeSnapshot(db, head, snap.chunks).then(() => undefined, () => undefined);
  }
  return index;
}

/**
 * Head and chunks in one transaction (the old chunks deleted in it): readers see all of one
 * snapshot. The deletion marks it already reflects (at or before its revision) go with them.
 */
async function writeSnapshot(db: LibraryDb, head: StoredHead, chunks: SnapshotChunk[]): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  void tx.store.delete(IDBKeyRange.bound(`${SNAPSHOT_KEY}:`, `${SNAPSHOT_KEY}:\uffff`));
  chunks.forEach((value, i) => void tx.store.put({ key: chunkKey(head.gen, i), value }));
  void tx.store.put({ key: SNAPSHOT_KEY, value: head });
  for (const mark of await tx.store.getAll(deletedRange())) if ((mark.value as number) <= head.revision) void tx.store.delete(mark.key);
  await tx.done;
}

/** The whole library's index (postings built first where missing). */
export async function buildSearchIndex(options: IndexOptions = {}): Promise<TermIndex> {
  await backfillPostings(options);
  // Marks (here and below) let the benchmark's debug output show where opening spends its time.
  performance.mark('samizdat-index-backfilled');
  const db = await openLibrary(options.dbName);
  return (await fromSnapshot(db, options)) ?? (await assembleAll(db, options));
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
