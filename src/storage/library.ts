/** Reading and curating the library: saved copies, the list, tags, read state, delete/undo. */
import type { Article } from '../core/types.js';
import { resolveImageRefs } from './html.js';
import { bumpRevision, heldWitnessKey, normalizeUrl, openLibrary, putSearchText, deleteSearchText, type EntryRecord, type ImageRecord, type LibraryDb, type VersionRecord } from './schema.js';

export interface SavedVersionInfo {
  version: number;
  savedAt: string;
  sha256: string;
}

export interface SavedCopy {
  /** contentHtml and leadImage point at blob: URLs of the stored images, ready to render. */
  article: Article;
  version: number;
  savedAt: string;
  versions: SavedVersionInfo[];
  sha256: string;
  sourceUrl: string;
  finalUrl: string;
  httpStatus: number | null;
  waybackCaptureUrl: string | null;
  /** Images that could not be saved, with why. */
  failedImages: { url: string; reason: string }[];
  tags: string[];
  /** Revokes the blob: URLs made for this copy (call when the view goes away). */
  release: () => void;
}

export interface ReadOptions {
  dbName?: string;
}

/** The entry a URL (canonical, page or final, fragment ignored) was saved under. */
export async function findEntry(url: string, options: ReadOptions = {}): Promise<EntryRecord | null> {
  const db = await openLibrary(options.dbName);
  const direct = await db.get('entries', url);
  if (direct) return direct;
  return (await db.getFromIndex('entries', 'byAlias', normalizeUrl(url))) ?? null;
}

export async function getVersionRecord(url: string, version?: number, options: ReadOptions = {}): Promise<VersionRecord | null> {
  const entry = await findEntry(url, options);
  if (!entry) return null;
  const db = await openLibrary(options.dbName);
  return (await db.get('versions', [entry.url, version ?? entry.latestVersion])) ?? null;
}

export async function listVersions(url: string, options: ReadOptions = {}): Promise<SavedVersionInfo[]> {
  const entry = await findEntry(url, options);
  if (!entry) return [];
  const db = await openLibrary(options.dbName);
  const range = IDBKeyRange.bound([entry.url, 0], [entry.url, Number.MAX_SAFE_INTEGER]);
  const all = await db.getAll('versions', range);
  return all.map((v) => ({ version: v.version, savedAt: v.savedAt, sha256: v.sha256 }));
}

export async function getImages(db: LibraryDb, ids: string[]): Promise<Map<string, ImageRecord>> {
  const tx = db.transaction('images');
  const out = new Map<string, ImageRecord>();
  await Promise.all(
    ids.map(async (id) => {
      const rec = await tx.store.get(id);
      if (rec) out.set(id, rec);
    }),
  );
  return out;
}

/**
 * The saved copy of `url` (latest version unless `version` is given), ready to render offline:
 * images become blob: URLs made here, so nothing remote is ever loaded.
 */
export async function getSavedCopy(url: string, version?: number, options: ReadOptions = {}): Promise<SavedCopy | null> {
  const entry = await findEntry(url, options);
  if (!entry || entry.trashedAt) return null;
  const db = await openLibrary(options.dbName);
  const record = await db.get('versions', [entry.url, version ?? entry.latestVersion]);
  if (!record) return null;
  const images = await getImages(db, record.imageIds);
  const made: string[] = [];
  const urls = new Map<string, string>();
  for (const [id, image] of images) {
    const objectUrl = URL.createObjectURL(image.blob);
    made.push(objectUrl);
    urls.set(id, objectUrl);
  }
  const resolve = (html: string) => resolveImageRefs(html, (id) => urls.get(id));
  const a = record.article;
  const article: Article = {
    ...a,
    contentHtml: resolve(a.contentHtml),
    leadImage: a.leadImage ? { ...a.leadImage, url: a.leadImage.url.startsWith('samizdat-image:') ? resolve(a.leadImage.url) : a.leadImage.url } : null,
  };
  return {
    article,
    version: record.version,
    savedAt: record.savedAt,
    versions: await listVersions(entry.url, options),
    sha256: record.sha256,
    sourceUrl: record.sourceUrl,
    finalUrl: record.finalUrl,
    httpStatus: record.httpStatus,
    waybackCaptureUrl: record.waybackCaptureUrl,
    failedImages: record.failures,
    tags: entry.tags,
    release: () => made.forEach((u) => URL.revokeObjectURL(u)),
  };
}

/**
 * Every entry that is not in the trash (small records: no article bodies). Read in slices of
 * `slice` entries, each its own request: one request for 10,000 entries holds the database for
 * seconds in a busy Chromium, and a search typed meanwhile would wait behind it.
 */
export async function listEntries(options: ReadOptions & { includeTrashed?: boolean; slice?: number } = {}): Promise<EntryRecord[]> {
  const db = await openLibrary(options.dbName);
  const slice = options.slice ?? 1000;
  const all: EntryRecord[] = [];
  for (let last: string | undefined; ; ) {
    const part = await db.getAll('entries', last === undefined ? undefined : IDBKeyRange.lowerBound(last, true), slice);
    for (const e of part) all.push(e);
    if (part.length < slice) break;
    last = part[part.length - 1]!.url;
  }
  return options.includeTrashed ? all : all.filter((e) => !e.trashedAt);
}

/**
 * The newest `count` entries, so the first rows paint before the rest loads. Two requests
 * instead of a cursor step per row: find the key `count` rows from the newest end, then read
 * everything from there up in one getAll.
 */
export async function listRecentEntries(count: number, options: ReadOptions = {}): Promise<EntryRecord[]> {
  const db = await openLibrary(options.dbName);
  const index = db.transaction('entries').store.index('bySavedAt');
  const margin = count + 20; // room for entries in the trash
  let cursor = await index.openKeyCursor(null, 'prev');
  if (!cursor) return [];
  const newest = cursor.key;
  cursor = await cursor.advance(margin - 1).catch(() => null);
  const range = cursor ? IDBKeyRange.lowerBound(cursor.key) : IDBKeyRange.upperBound(newest);
  const rows = await index.getAll(range, margin + 50);
  return rows
    .filter((e) => !e.trashedAt)
    .sort((a, b) => b.lastSavedAt.localeCompare(a.lastSavedAt))
    .slice(0, count);
}

async function updateEntry(url: string, change: (e: EntryRecord) => EntryRecord, options: ReadOptions): Promise<EntryRecord | null> {
  const db = await openLibrary(options.dbName);
  const tx = db.transaction(['entries', 'texts', 'terms', 'meta', 'versions'], 'readwrite');
  const entry = await tx.objectStore('entries').get(url);
  if (!entry) {
    await tx.done;
    return null;
  }
  const next = change(entry);
  await tx.objectStore('entries').put(next);
  const rev = await bumpRevision(tx);
  if (next.tags.join('\n') !== entry.tags.join('\n')) {
    const latest = await tx.objectStore('versions').get([url, next.latestVersion]);
    if (latest) await putSearchText(tx, next, latest.article, rev);
  }
  await tx.done;
  return next;
}

export function cleanTag(tag: string): string {
  return tag.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 60);
}

export function setTags(url: string, tags: string[], options: ReadOptions = {}): Promise<EntryRecord | null> {
  const clean = [...new Set(tags.map(cleanTag).filter(Boolean))];
  return updateEntry(url, (e) => ({ ...e, tags: clean }), options);
}

export function setRead(url: string, read: boolean, options: ReadOptions = {}): Promise<EntryRecord | null> {
  return updateEntry(url, (e) => ({ ...e, readAt: read ? (e.readAt ?? new Date().toISOString()) : null }), options);
}

/** Deleting is two steps so it can be undone: trash now, purge later. */
export function trashEntry(url: string, options: ReadOptions = {}): Promise<EntryRecord | null> {
  return updateEntry(url, (e) => ({ ...e, trashedAt: new Date().toISOString() }), options);
}

export function restoreEntry(url: string, options: ReadOptions = {}): Promise<EntryRecord | null> {
  return updateEntry(url, (e) => ({ ...e, trashedAt: null }), options);
}

/**
 * Removes trashed entries (all of them, or those trashed before `olderThan`), their versions,
 * their search text and every image no remaining version uses — in one transaction.
 */
export async function purgeTrash(options: ReadOptions & { olderThan?: Date } = {}): Promise<number> {
  const db = await openLibrary(options.dbName);
  const due = (e: EntryRecord) => !!e.trashedAt && (!options.olderThan || new Date(e.trashedAt) < options.olderThan);
  // Found with one read first: the page calls this on every open, and a write transaction
  // walking 10,000 entries would hold up everything else for seconds.
  const urls = (await db.getAll('entries')).filter(due).map((e) => e.url);
  if (!urls.length) return 0;
  const tx = db.transaction(['entries', 'versions', 'images', 'texts', 'terms', 'meta'], 'readwrite');
  const entries = tx.objectStore('entries');
  const versions = tx.objectStore('versions');
  const images = tx.objectStore('images');
  let purged = 0;
  let rev: number | undefined;
  const candidates = new Set<string>();
  for (const url of urls) {
    const e = await entries.get(url);
    if (!e || !due(e)) continue; // restored meanwhile
    const range = IDBKeyRange.bound([e.url, 0], [e.url, Number.MAX_SAFE_INTEGER]);
    for (const v of await versions.getAll(range)) v.imageIds.forEach((id) => candidates.add(id));
    await versions.delete(range);
    rev ??= await bumpRevision(tx);
    await deleteSearchText(tx, e.url, rev);
    await entries.delete(e.url);
    purged++;
  }
  for (const id of candidates) {
    if ((await versions.index('byImage').count(id)) === 0) await images.delete(id);
  }
  await tx.done;
  return purged;
}

/** Deletes at once, without undo. */
export async function deleteEntry(url: string, options: ReadOptions = {}): Promise<void> {
  await trashEntry(url, options);
  const db = await openLibrary(options.dbName);
  const e = await db.get('entries', url);
  if (e?.trashedAt) await purgeTrash({ ...options, olderThan: new Date(Date.now() + 1000) });
}

export async function getRevision(options: ReadOptions = {}): Promise<number> {
  const db = await openLibrary(options.dbName);
  const v = (await db.get('meta', 'revision'))?.value;
  return typeof v === 'number' ? v : 0;
}

/** The searchable text of some entries (for result snippets). */
export async function getTexts(urls: string[], options: ReadOptions = {}): Promise<Map<string, string>> {
  const db = await openLibrary(options.dbName);
  const tx = db.transaction('texts');
  const out = new Map<string, string>();
  await Promise.all(
    urls.map(async (url) => {
      const rec = await tx.store.get(url);
      if (rec) out.set(url, rec.text);
    }),
  );
  return out;
}

/**
 * Records a Wayback Machine capture of a page as an independent witness: on its latest saved copy
 * (the SHA-256 covers the content, not this field, so it may be added later), or, when the page
 * is not saved yet, held for its next save. True when a saved copy took it.
 */
export async function setWaybackCapture(url: string, captureUrl: string, options: ReadOptions = {}): Promise<boolean> {
  const entry = await findEntry(url, options);
  const db = await openLibrary(options.dbName);
  if (!entry) {
    await db.put('meta', { key: heldWitnessKey(url), value: captureUrl });
    return false;
  }
  const tx = db.transaction(['versions', 'meta'], 'readwrite');
  const record = await tx.objectStore('versions').get([entry.url, entry.latestVersion]);
  if (record) {
    await tx.objectStore('versions').put({ ...record, waybackCaptureUrl: captureUrl });
    await bumpRevision(tx);
  }
  await tx.done;
  return !!record;
}
