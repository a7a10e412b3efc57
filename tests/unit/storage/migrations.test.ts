import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { article, freshDb } from './helpers.js';
import { DB_VERSION, openLibrary, closeLibrary } from '../../../src/storage/schema.js';
import { findEntry, getSavedCopy, listRecentEntries } from '../../../src/storage/library.js';
import { backfillPostings, buildSearchIndex } from '../../../src/storage/search-index.js';
import { search } from '../../../src/storage/search.js';

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
    expect([...db.objectStoreNames].sort()).toEqual(['entries', 'images', 'meta', 'terms', 'texts', 'versions']);
    const entry = (await findEntry('https://news.test/amp/river#x', { dbName: name }))!;
    expect(entry.url).toBe(a.url);
    expect(entry.host).toBe('news.test');
    expect(entry.tags).toEqual(['old']);
    expect(entry.readAt).toBeNull();
    expect(entry.trashedAt).toBeNull();
    expect((await db.get('texts', a.url))?.text).toBe('Old body');
    expect(await listRecentEntries(10, { dbName: name })).toHaveLength(1);
    expect((await getSavedCopy(a.url, undefined, { dbName: name }))?.article.textContent).toBe('Old body');
    // Its postings are built on first use, and the old article is searchable.
    expect(await db.count('terms')).toBe(0);
    expect(search(await buildSearchIndex({ dbName: name }), 'old bod').map((h) => h.url)).toEqual([a.url]);
    expect(await db.count('terms')).toBe(1);
    await closeLibrary(name);
  });

  it('upgrades a version-2 database: search postings built afterwards, resumably, old search cache dropped', async () => {
    const name = freshDb();
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        const entries = db.createObjectStore('entries', { keyPath: 'url' });
        for (const [index, path, multi] of [['byAlias', 'aliases', true], ['bySavedAt', 'lastSavedAt', false], ['byHost', 'host', false], ['byTag', 'tags', true]] as const) {
          entries.createIndex(index, path, { multiEntry: multi });
        }
        db.createObjectStore('versions', { keyPath: ['url', 'version'] }).createIndex('byImage', 'imageIds', { multiEntry: true });
        db.createObjectStore('images', { keyPath: 'id' });
        db.createObjectStore('texts', { keyPath: 'url' });
        db.createObjectStore('meta', { keyPath: 'key' });
      },
    });
    const urls = Array.from({ length: 7 }, (_, i) => `https://news.test/story-${i}`);
    for (const [i, url] of urls.entries()) {
      await v2.put('texts', { url, title: `Story ${i}`, siteName: 'news.test', text: `Body number${i} about the harbour`, tags: [] });
      await v2.put('entries', {
        url, aliases: [url], host: 'news.test', title: `Story ${i}`, siteName: null, byline: null, publishedTime: null, lang: 'en', dir: 'ltr', excerpt: null,
        wordCount: 5, latestVersion: 1, versionCount: 1, firstSavedAt: '2026-01-01T00:00:00.000Z', lastSavedAt: '2026-01-01T00:00:00.000Z', tags: [], readAt: null, trashedAt: null,
      });
    }
    await v2.put('meta', { key: 'search-index', value: { revision: 3, json: '{"a serialised MiniSearch index":1}' } });
    v2.close();

    const db = await openLibrary(name);
    expect(db.version).toBe(3);
    expect(await db.get('meta', 'search-index')).toBeUndefined();
    expect(await db.count('terms')).toBe(0);
    // Interrupted after one batch of 3: those 3 are stored; the next run builds only the rest.
    expect(await backfillPostings({ dbName: name, batch: 3, limit: 3 })).toBe(3);
    expect(await db.count('terms')).toBe(3);
    expect(await db.get('meta', 'postings-pending')).toBeDefined();
    expect(await backfillPostings({ dbName: name, batch: 3 })).toBe(4);
    // Done: the flag goes, so later opens do not list the stores' keys again.
    expect(await db.get('meta', 'postings-pending')).toBeUndefined();
    expect(await backfillPostings({ dbName: name })).toBe(0);
    const index = await buildSearchIndex({ dbName: name });
    expect(index.documentCount).toBe(7);
    expect(search(index, 'harbour').length).toBe(7);
    expect(search(index, 'number4').map((h) => h.url)).toEqual([urls[4]]);
    await closeLibrary(name);
  });

  it('creates the current schema from nothing', async () => {
    const name = freshDb();
    const db = await openLibrary(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('meta', 'postings-pending')).toBeUndefined(); // nothing to build
    expect([...db.transaction('entries').store.indexNames].sort()).toEqual(['byAlias', 'byHost', 'bySavedAt', 'byTag']);
  });
});
