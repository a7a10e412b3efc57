import { describe, expect, it, afterEach } from 'vitest';
import { article, fakeFetch, freshDb, imageBytes, png } from './helpers.js';
import { saveArticle } from '../../../src/storage/save.js';
import { getSavedCopy, listEntries } from '../../../src/storage/library.js';
import { openLibrary } from '../../../src/storage/schema.js';
import { isQuotaError } from '../../../src/storage/quota.js';

const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
const realPut = proto.put;

describe('quota exhausted', () => {
  afterEach(() => {
    proto.put = realPut;
  });

  it('fails with a clear message and harms nothing already saved', async () => {
    const dbName = freshDb();
    const fetchImpl = fakeFetch({ ...imageBytes, 'https://img.news.test/new.png': png(3, 3) });
    expect((await saveArticle(article(), { dbName, images: { fetchImpl } })).ok).toBe(true);
    const db = await openLibrary(dbName);
    const before = { entries: await db.getAll('entries'), versions: await db.getAll('versions'), images: await db.getAllKeys('images'), texts: await db.getAll('texts'), meta: await db.getAll('meta') };

    // The disk fills up while the version record (written after the images) is stored.
    proto.put = function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'versions') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    const second = await saveArticle(article({ url: 'https://news.test/second', contentHtml: '<p>New</p><img src="https://img.news.test/new.png">' }), { dbName, images: { fetchImpl } });
    const changed = await saveArticle(article({ contentHtml: '<p>Changed body</p>' }), { dbName, images: { fetchImpl } });
    proto.put = realPut;

    for (const r of [second, changed]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.quota).toBe(true);
        expect(r.error).toMatch(/no more storage space/);
        expect(r.error).toMatch(/Nothing already saved was changed/);
      }
    }
    const after = { entries: await db.getAll('entries'), versions: await db.getAll('versions'), images: await db.getAllKeys('images'), texts: await db.getAll('texts'), meta: await db.getAll('meta') };
    expect(after).toEqual(before);
    expect((await listEntries({ dbName })).map((e) => e.url)).toEqual(['https://news.test/world/river-towns']);
    expect((await getSavedCopy('https://news.test/world/river-towns', undefined, { dbName }))?.article.textContent).toContain('rising');
  });

  it('recognises the quota errors browsers throw', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('network'))).toBe(false);
  });
});
