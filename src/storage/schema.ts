/**
 * The library's IndexedDB schema and its migrations. Every version's upgrade step is kept, so a
 * database created by any earlier release opens in the current one (tests/unit/storage/
 * migrations.test.ts creates a version-1 database by hand and upgrades it).
 *
 * v1  entries (by url) · versions (by [url, version], index byImage) · images (by sha256)
 * v2  entries gain `aliases` + `host` and the indexes byAlias, bySavedAt, byHost, byTag;
 *     texts (searchable text of each entry's latest version) and meta (revision, search cache)
 * v3  terms (each text's search postings, postings.ts; index byRev), written with its text; the
 *     old search cache (a serialised MiniSearch index) is dropped. Postings of texts written before v3
 *     are built afterwards in the background, resumably (search-index.ts, backfillPostings).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Article } from '../core/types.js';
import { articlePostings, type TermsRecord } from './postings.js';
import { DB_NAME, DB_VERSION } from './library-names.js';

export { DB_NAME, DB_VERSION };

/** One saved URL: what the library lists (small; the article body lives in versions). */
export interface EntryRecord {
  url: string;
  /** Every URL this entry answers to (canonical, page URL, final URL), normalised. */
  aliases: string[];
  host: string;
  title: string;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  excerpt: string | null;
  wordCount: number;
  latestVersion: number;
  versionCount: number;
  firstSavedAt: string;
  lastSavedAt: string;
  tags: string[];
  readAt: string | null;
  /** Set while a delete can still be undone; trashed entries are hidden and purged later. */
  trashedAt: string | null;
}

export interface StoredImage {
  /** SHA-256 (hex) of the bytes: the image's id. */
  id: string;
  /** The URL it was fetched from. */
  url: string;
  alt: string | null;
  type: string;
  bytes: number;
}

export interface ImageFailure {
  url: string;
  reason: string;
}

/** One saved copy of one URL. Never changed after it is written. */
export interface VersionRecord {
  url: string;
  version: number;
  savedAt: string;
  sourceUrl: string;
  finalUrl: string;
  httpStatus: number | null;
  waybackCaptureUrl: string | null;
  /** SHA-256 of the saved content (see contentDigestInput in save.ts). */
  sha256: string;
  /** contentHtml refers to images as samizdat-image:<id>; nothing in it loads anything remote. */
  article: Article;
  images: StoredImage[];
  imageIds: string[];
  failures: ImageFailure[];
}

export interface ImageRecord {
  id: string;
  blob: Blob;
  type: string;
}

export interface TextRecord {
  url: string;
  title: string;
  siteName: string;
  text: string;
  tags: string[];
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface LibrarySchema extends DBSchema {
  entries: {
    key: string;
    value: EntryRecord;
    indexes: { byAlias: string; bySavedAt: string; byHost: string; byTag: string };
  };
  versions: { key: [string, number]; value: VersionRecord; indexes: { byImage: string } };
  images: { key: string; value: ImageRecord };
  texts: { key: string; value: TextRecord };
  meta: { key: string; value: MetaRecord };
  terms: { key: string; value: TermsRecord; indexes: { byRev: number } };
}

export type LibraryDb = IDBPDatabase<LibrarySchema>;
type UpgradeTx = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;

/** URLs are matched without their fragment. */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

function upgradeToV1(db: LibraryDb): void {
  db.createObjectStore('entries', { keyPath: 'url' });
  const versions = db.createObjectStore('versions', { keyPath: ['url', 'version'] });
  versions.createIndex('byImage', 'imageIds', { multiEntry: true });
  db.createObjectStore('images', { keyPath: 'id' });
}

async function upgradeToV2(db: LibraryDb, tx: UpgradeTx): Promise<void> {
  const entries = tx.objectStore('entries');
  entries.createIndex('byAlias', 'aliases', { multiEntry: true });
  entries.createIndex('bySavedAt', 'lastSavedAt');
  entries.createIndex('byHost', 'host');
  entries.createIndex('byTag', 'tags', { multiEntry: true });
  db.createObjectStore('texts', { keyPath: 'url' });
  db.createObjectStore('meta', { keyPath: 'key' });
  const versions = tx.objectStore('versions');
  const texts = tx.objectStore('texts');
  let cursor = await entries.openCursor();
  while (cursor) {
    const old = cursor.value as Partial<EntryRecord> & { url: string; latestVersion: number };
    const latest = await versions.get([old.url, old.latestVersion]);
    const entry: EntryRecord = {
      ...(old as EntryRecord),
      aliases: [...new Set([old.url, latest?.sourceUrl, latest?.finalUrl].filter((u): u is string => !!u).map(normalizeUrl))],
      host: hostOf(old.url),
      tags: old.tags ?? [],
      readAt: old.readAt ?? null,
      trashedAt: old.trashedAt ?? null,
    };
    await cursor.update(entry);
    if (latest) await texts.put(textRecordFor(entry, latest.article));
    cursor = await cursor.continue();
  }
}

/** Set while texts written before v3 may lack postings (search-index.ts builds them, then clears it). */
export const POSTINGS_PENDING_KEY = 'postings-pending';

/**
 * Meta key of a Wayback Machine capture made before its page was saved (the user preserved a
 * page they had not saved): the next save of that URL keeps it as the copy's witness.
 */
export function heldWitnessKey(url: string): string {
  return `wayback-witness:${normalizeUrl(url)}`;
}

function upgradeToV3(db: LibraryDb, tx: UpgradeTx, oldVersion: number): void {
  db.createObjectStore('terms', { keyPath: 'url' }).createIndex('byRev', 'rev');
  const meta = tx.objectStore('meta');
  void meta.delete('search-index');
  if (oldVersion > 0) void meta.put({ key: POSTINGS_PENDING_KEY, value: true });
}

export function textRecordFor(entry: EntryRecord, article: Article): TextRecord {
  return { url: entry.url, title: article.title, siteName: entry.siteName ?? entry.host, text: article.textContent, tags: entry.tags };
}

type WriteTx = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'readwrite'>;

/**
 * Writes an entry's search text and its postings, inside the caller's transaction (which must
 * include `texts` and `terms`): the index data can never disagree with the text.
 */
export async function putSearchText(tx: WriteTx, entry: EntryRecord, article: Article, rev: number): Promise<void> {
  const text = textRecordFor(entry, article);
  const [old, hasTerms] = await Promise.all([tx.objectStore('texts').get(text.url), tx.objectStore('terms').getKey(text.url)]);
  // Unchanged (an import of what is already here): tokenising it again would only cost time.
  if (old && hasTerms && old.title === text.title && old.siteName === text.siteName && old.text === text.text && old.tags.join('\n') === text.tags.join('\n')) return;
  await Promise.all([tx.objectStore('texts').put(text), tx.objectStore('terms').put({ ...articlePostings(text), rev })]);
}

/**
 * Marks of postings deleted (`meta`, key prefix + URL, value the revision of the delete): a
 * stored index snapshot learns what was deleted since it was taken from these few records,
 * instead of listing every key of `terms` (seconds on 10,000 articles in Chromium).
 */
export const DELETED_POSTINGS_PREFIX = 'search-deleted:';

/** Deletes an entry's search text and postings, inside the caller's transaction (with `meta`). */
export async function deleteSearchText(tx: WriteTx, url: string, rev: number): Promise<void> {
  await Promise.all([tx.objectStore('texts').delete(url), tx.objectStore('terms').delete(url), tx.objectStore('meta').put({ key: DELETED_POSTINGS_PREFIX + url, value: rev })]);
}

const openDbs = new Map<string, Promise<LibraryDb>>();

/** Opens (and upgrades) the library database; one connection per name per context. */
export function openLibrary(name = DB_NAME): Promise<LibraryDb> {
  let db = openDbs.get(name);
  if (!db) {
    db = openDB<LibrarySchema>(name, DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) upgradeToV1(database);
        if (oldVersion < 2) await upgradeToV2(database, tx);
        if (oldVersion < 3) upgradeToV3(database, tx, oldVersion);
      },
      blocking() {
        // A newer schema elsewhere wants to upgrade: let it, and reopen next time.
        void db?.then((d) => d.close());
        openDbs.delete(name);
      },
    });
    openDbs.set(name, db);
    db.catch(() => openDbs.delete(name));
  }
  return db;
}

/** Closes a cached connection (tests use fresh databases). */
export async function closeLibrary(name = DB_NAME): Promise<void> {
  const db = openDbs.get(name);
  openDbs.delete(name);
  if (db) (await db.catch(() => null))?.close();
}

/** Bumps the library's revision inside a write transaction (the search cache keys on it). */
export async function bumpRevision(tx: WriteTx): Promise<number> {
  const meta = tx.objectStore('meta');
  const current = (await meta.get('revision'))?.value;
  const next = (typeof current === 'number' ? current : 0) + 1;
  await meta.put({ key: 'revision', value: next });
  return next;
}
