import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { article, freshDb } from './helpers.js';
import { DB_VERSION, openLibrary, closeLibrary } from '../../../src/storage/schema.js';
import { findEntry, getSavedCopy, listRecentEntries } from '../../../src/storage/library.js';

describe('schema migrations', () => {
  it('opens a version-1 database (as the first release wrote it) and upgrades its data', async () => {
    const name = freshDb();
    // Exactly the v1 layout: entries, versions (byImage), images; entries without aliases/host.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('entries', { keyPath: 'url' });
        db.createObjectStore('versions', { keyPath: ['url', 'version'] }).createIndex('byImage', 'imageIds', { multiEntry: true });
        db.createObjectStore('images', { keyPath: 'id' });
      },
    });
    const a = article({ contentHtml: '<p>Old body</p>', textContent: 'Old body', leadImage: null });
    await v1.put('entries', {
      url: a.url, title: a.title, siteName: a.siteName, byline: a.byline, publishedTime: a.publishedTime, lang: 'en', dir: 'ltr',
      excerpt: a.excerpt, wordCount: 2, latestVersion: 1, versionCount: 1, firstSavedAt: '2026-01-01T00:00:00.000Z', lastSavedAt: '2026-01-01T00:00:00.000Z', tags: ['old'],
    });
    await v1.put('versions', {
      url: a.url, version: 1, savedAt: '2026-01-01T00:00:00.000Z', sourceUrl: 'https://news.test/amp/river', finalUrl: 'https://news.test/amp/river',
      httpStatus: 200, waybackCaptureUrl: null, sha256: 'x', article: a, images: [], imageIds: [], failures: [],
    });
    v1.close();

    const db = await openLibrary(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['entries', 'images', 'meta', 'texts', 'versions']);
    const entry = (await findEntry('https://news.test/amp/river#x', { dbName: name }))!;
    expect(entry.url).toBe(a.url);
    expect(entry.host).toBe('news.test');
    expect(entry.tags).toEqual(['old']);
    expect(entry.readAt).toBeNull();
    expect(entry.trashedAt).toBeNull();
    expect((await db.get('texts', a.url))?.text).toBe('Old body');
    expect(await listRecentEntries(10, { dbName: name })).toHaveLength(1);
    expect((await getSavedCopy(a.url, undefined, { dbName: name }))?.article.textContent).toBe('Old body');
    await closeLibrary(name);
  });

  it('creates the current schema from nothing', async () => {
    const name = freshDb();
    const db = await openLibrary(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('entries').store.indexNames].sort()).toEqual(['byAlias', 'byHost', 'bySavedAt', 'byTag']);
  });
});
