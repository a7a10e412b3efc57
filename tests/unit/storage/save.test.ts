import { describe, expect, it } from 'vitest';
import { article, fakeFetch, freshDb, imageBytes, png } from './helpers.js';
import { saveArticle } from '../../../src/storage/save.js';
import { getSavedCopy, getVersionRecord, listEntries, listVersions, trashEntry, restoreEntry, purgeTrash, setTags } from '../../../src/storage/library.js';
import { openLibrary } from '../../../src/storage/schema.js';
import { sha256Hex } from '../../../src/storage/hash.js';
import { contentDigestInput } from '../../../src/storage/save.js';

describe('save pipeline', () => {
  it('saves the article, its images as blobs, and provenance; the copy loads nothing remote', async () => {
    const dbName = freshDb();
    const log: string[] = [];
    const result = await saveArticle(article(), { dbName, pageUrl: 'https://news.test/world/river-towns?utm=x', httpStatus: 200, images: { fetchImpl: fakeFetch(undefined, log) } });
    expect(result.ok).toBe(true);
    // One srcset candidate: the 1600w one, not every size.
    expect(log).toContain('https://img.news.test/b-1600.png');
    expect(log).not.toContain('https://img.news.test/b-400.png');
    const record = (await getVersionRecord('https://news.test/world/river-towns', undefined, { dbName }))!;
    expect(record.images).toHaveLength(2);
    expect(record.failures).toEqual([{ url: 'https://img.news.test/missing.png', reason: 'http-404' }]);
    expect(record.httpStatus).toBe(200);
    expect(record.sourceUrl).toBe('https://news.test/world/river-towns?utm=x');
    expect(record.sha256).toBe(await sha256Hex(contentDigestInput(record)));
    const html = record.article.contentHtml;
    expect(html).not.toMatch(/\s(?:src|srcset|poster)="https?:/);
    expect(html).toContain('href="https://news.test/world/more"');
    expect(html).toContain('&amp; towns');
    const copy = (await getSavedCopy('https://news.test/world/river-towns?utm=x#top', undefined, { dbName }))!;
    expect(copy.article.contentHtml).toMatch(/src="blob:/);
    expect(copy.article.contentHtml).not.toMatch(/\s(?:src|srcset|poster)="https?:/);
    expect(copy.article.leadImage?.url).toMatch(/^blob:/);
    const blobUrl = copy.article.contentHtml.match(/src="(blob:[^"]+)"/)![1]!;
    const bytes = new Uint8Array(await (await fetch(blobUrl)).arrayBuffer());
    expect(bytes).toEqual(imageBytes['https://img.news.test/lead.png']);
    copy.release();
  });

  it('keeps earlier versions; an unchanged page adds none', async () => {
    const dbName = freshDb();
    const fetchImpl = fakeFetch();
    const first = await saveArticle(article(), { dbName, images: { fetchImpl } });
    const again = await saveArticle(article(), { dbName, images: { fetchImpl } });
    expect(again).toMatchObject({ ok: true, version: 1, unchanged: true });
    const changed = await saveArticle(article({ contentHtml: '<p>Corrected: the river fell.</p>', textContent: 'Corrected: the river fell.' }), { dbName, images: { fetchImpl } });
    expect(first).toMatchObject({ ok: true, version: 1 });
    expect(changed).toMatchObject({ ok: true, version: 2 });
    expect((await listVersions('https://news.test/world/river-towns', { dbName })).map((v) => v.version)).toEqual([1, 2]);
    const v1 = (await getSavedCopy('https://news.test/world/river-towns', 1, { dbName }))!;
    expect(v1.article.textContent).toContain('rising');
    const v2 = (await getSavedCopy('https://news.test/world/river-towns', undefined, { dbName }))!;
    expect(v2.article.textContent).toContain('Corrected');
    expect(v2.versions).toHaveLength(2);
  });

  it('concurrent saves of one URL get distinct versions and lose nothing', async () => {
    const dbName = freshDb();
    const fetchImpl = fakeFetch();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => saveArticle(article({ contentHtml: `<p>Edit ${n}</p>`, textContent: `Edit ${n}` }), { dbName, images: { fetchImpl } })),
    );
    const versions = results.map((r) => (r.ok ? r.version : 0)).sort();
    expect(versions).toEqual([1, 2, 3, 4, 5]);
    const entries = await listEntries({ dbName });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.versionCount).toBe(5);
  });

  it('two tabs saving different versions of one URL at once keep both, numbered in commit order', async () => {
    const dbName = freshDb();
    const url = 'https://news.test/world/river-towns';
    const images = { ...imageBytes, 'https://img.news.test/tab-a.png': png(3, 3, [1, 2, 3]), 'https://img.news.test/tab-b.png': png(5, 5, [4, 5, 6]) };
    // Tab A starts first but its image arrives late; tab B commits in the meantime.
    let releaseA!: () => void;
    const slowA = new Promise<void>((resolve) => (releaseA = resolve));
    const plain = fakeFetch(images);
    const fetchA = (async (input: RequestInfo | URL) => {
      await slowA;
      return plain(input);
    }) as typeof fetch;
    const tabA = saveArticle(article({ contentHtml: '<p>Tab A: first edition</p><img src="https://img.news.test/tab-a.png">', textContent: 'Tab A: first edition', leadImage: null }), { dbName, images: { fetchImpl: fetchA } });
    const tabB = await saveArticle(article({ contentHtml: '<p>Tab B: corrected edition</p><img src="https://img.news.test/tab-b.png">', textContent: 'Tab B: corrected edition', leadImage: null }), { dbName, images: { fetchImpl: plain } });
    releaseA();
    const a = await tabA;
    expect(tabB).toMatchObject({ ok: true, version: 1 });
    expect(a).toMatchObject({ ok: true, version: 2 });
    const versions = await listVersions(url, { dbName });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const v1 = (await getSavedCopy(url, 1, { dbName }))!;
    const v2 = (await getSavedCopy(url, 2, { dbName }))!;
    expect(v1.article.textContent).toBe('Tab B: corrected edition');
    expect(v2.article.textContent).toBe('Tab A: first edition');
    const db = await openLibrary(dbName);
    expect(await db.count('images')).toBe(2); // each version's own image
    // The entry, its search text and its postings follow the version committed last.
    const entry = (await listEntries({ dbName }))[0]!;
    expect(entry).toMatchObject({ latestVersion: 2, versionCount: 2 });
    expect((await db.get('texts', url))?.text).toBe('Tab A: first edition');
    expect((await db.get('terms', url))?.terms.split('\n')).toContain('first');
  });

  it('delete can be undone; purge removes versions, text and unshared images', async () => {
    const dbName = freshDb();
    const fetchImpl = fakeFetch();
    await saveArticle(article(), { dbName, images: { fetchImpl } });
    await saveArticle(article({ url: 'https://news.test/other', contentHtml: '<p>x</p><img src="https://img.news.test/lead.png">' }), { dbName, images: { fetchImpl } });
    await setTags('https://news.test/world/river-towns', ['flood', ' Flood ', 'flood'], { dbName });
    {
      // Search postings are written with the text, and follow a tag change.
      const db = await openLibrary(dbName);
      expect(await db.count('terms')).toBe(2);
      expect((await db.get('terms', 'https://news.test/world/river-towns'))!.terms.split('\n')).toContain('flood');
    }
    await trashEntry('https://news.test/world/river-towns', { dbName });
    expect((await listEntries({ dbName })).map((e) => e.url)).toEqual(['https://news.test/other']);
    expect(await getSavedCopy('https://news.test/world/river-towns', undefined, { dbName })).toBeNull();
    await restoreEntry('https://news.test/world/river-towns', { dbName });
    expect((await listEntries({ dbName })).find((e) => e.url.endsWith('river-towns'))?.tags).toEqual(['flood', 'Flood']);
    await trashEntry('https://news.test/world/river-towns', { dbName });
    expect(await purgeTrash({ dbName })).toBe(1);
    const db = await openLibrary(dbName);
    expect(await db.count('versions')).toBe(1);
    expect(await db.count('texts')).toBe(1);
    expect(await db.getAllKeys('terms')).toEqual(['https://news.test/other']);
    // The lead image is shared with the other article and stays; the srcset image goes.
    expect(await db.count('images')).toBe(1);
  });
});

describe('witness', () => {
  it('keeps a Wayback capture URL on the latest copy without changing its SHA-256', async () => {
    const { setWaybackCapture } = await import('../../../src/storage/library.js');
    const dbName = freshDb();
    await saveArticle(article(), { dbName, images: { fetchImpl: fakeFetch() } });
    const before = (await getVersionRecord('https://news.test/world/river-towns', undefined, { dbName }))!;
    expect(await setWaybackCapture('https://news.test/world/river-towns', 'https://web.archive.org/web/20261127000000/https://news.test/world/river-towns', { dbName })).toBe(true);
    const after = (await getSavedCopy('https://news.test/world/river-towns', undefined, { dbName }))!;
    expect(after.waybackCaptureUrl).toMatch(/^https:\/\/web\.archive\.org\/web\/2026/);
    expect(after.sha256).toBe(before.sha256);
    expect(after.sha256).toBe(await sha256Hex(contentDigestInput(before)));
  });

  it('holds a capture made before the page was saved for its next save, under any of its URLs', async () => {
    const { setWaybackCapture } = await import('../../../src/storage/library.js');
    const dbName = freshDb();
    const capture = 'https://web.archive.org/web/20261128000000/https://news.test/world/river-towns?utm=x';
    // Preserved from the URL the user was on (not the canonical one): nothing saved yet.
    expect(await setWaybackCapture('https://news.test/world/river-towns?utm=x#top', capture, { dbName })).toBe(false);
    await saveArticle(article(), { dbName, pageUrl: 'https://news.test/world/river-towns?utm=x', images: { fetchImpl: fakeFetch() } });
    const first = (await getVersionRecord('https://news.test/world/river-towns', undefined, { dbName }))!;
    expect(first.waybackCaptureUrl).toBe(capture);
    expect(first.sha256).toBe(await sha256Hex(contentDigestInput(first)));
    // Taken once: a later, changed version is not witnessed by that older capture.
    await saveArticle(article({ contentHtml: '<p>The story as it reads now, changed since.</p>' }), { dbName, pageUrl: 'https://news.test/world/river-towns?utm=x', images: { fetchImpl: fakeFetch() } });
    const second = (await getVersionRecord('https://news.test/world/river-towns', undefined, { dbName }))!;
    expect(second.version).toBe(2);
    expect(second.waybackCaptureUrl).toBeNull();
    const db = await openLibrary(dbName);
    expect((await db.getAllKeys('meta')).filter((k) => String(k).startsWith('wayback-witness:'))).toEqual([]);
  });

  it('a capture given with the save wins over one held from before', async () => {
    const { setWaybackCapture } = await import('../../../src/storage/library.js');
    const dbName = freshDb();
    await setWaybackCapture('https://news.test/world/river-towns', 'https://web.archive.org/web/20261101000000/https://news.test/world/river-towns', { dbName });
    const given = 'https://web.archive.org/web/20261127000000id_/https://news.test/world/river-towns';
    await saveArticle(article(), { dbName, waybackCaptureUrl: given, images: { fetchImpl: fakeFetch() } });
    expect((await getVersionRecord('https://news.test/world/river-towns', undefined, { dbName }))!.waybackCaptureUrl).toBe(given);
  });
});

describe('listing', () => {
  it('lists the newest entries first, skipping the trash', async () => {
    const { listRecentEntries } = await import('../../../src/storage/library.js');
    const dbName = freshDb();
    const fetchImpl = fakeFetch({});
    for (let i = 0; i < 30; i++) {
      const at = new Date(Date.UTC(2026, 0, 1 + i));
      await saveArticle(article({ url: `https://news.test/${i}`, leadImage: null, contentHtml: `<p>${i}</p>` }), { dbName, now: () => at, images: { fetchImpl } });
    }
    await trashEntry('https://news.test/29', { dbName });
    const recent = await listRecentEntries(5, { dbName });
    expect(recent.map((e) => e.url)).toEqual(['https://news.test/28', 'https://news.test/27', 'https://news.test/26', 'https://news.test/25', 'https://news.test/24']);
    expect((await listRecentEntries(100, { dbName })).length).toBe(29);
  });
});

describe('listing the library', () => {
  it('reads every entry in slices, in key order, the trash left out unless asked', async () => {
    const dbName = freshDb();
    const fetchImpl = fakeFetch();
    for (const n of [3, 1, 5, 2, 4]) expect((await saveArticle(article({ url: `https://news.test/${n}`, leadImage: null }), { dbName, images: { fetchImpl } })).ok).toBe(true);
    await trashEntry('https://news.test/2', { dbName });
    const urls = (list: { url: string }[]) => list.map((e) => e.url);
    expect(urls(await listEntries({ dbName, slice: 2 }))).toEqual(['https://news.test/1', 'https://news.test/3', 'https://news.test/4', 'https://news.test/5']);
    expect(urls(await listEntries({ dbName, slice: 2, includeTrashed: true }))).toEqual([1, 2, 3, 4, 5].map((n) => `https://news.test/${n}`));
    expect(await listEntries({ dbName, slice: 5, includeTrashed: true })).toEqual(await listEntries({ dbName, includeTrashed: true }));
  });
});
