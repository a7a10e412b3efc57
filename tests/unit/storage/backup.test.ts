import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { article, fakeFetch, freshDb, imageBytes, png } from './helpers.js';
import { saveArticle } from '../../../src/storage/save.js';
import { exportLibrary, importLibrary } from '../../../src/storage/backup.js';
import { setRead, setTags } from '../../../src/storage/library.js';
import { openLibrary } from '../../../src/storage/schema.js';

async function snapshot(dbName: string) {
  const db = await openLibrary(dbName);
  const images = await db.getAll('images');
  return {
    entries: await db.getAll('entries'),
    versions: await db.getAll('versions'),
    texts: await db.getAll('texts'),
    images: await Promise.all(images.map(async (i) => ({ id: i.id, type: i.type, bytes: new Uint8Array(await i.blob.arrayBuffer()) }))),
  };
}

async function filledLibrary() {
  const dbName = freshDb();
  const fetchImpl = fakeFetch({ ...imageBytes, 'https://img.news.test/zh.png': png(5, 7, [1, 2, 3]) });
  await saveArticle(article(), { dbName, httpStatus: 200, waybackCaptureUrl: 'https://web.archive.org/web/20261127/https://news.test/world/river-towns', images: { fetchImpl } });
  await saveArticle(article({ contentHtml: '<p>Corrected</p><img src="https://img.news.test/zh.png">', textContent: 'Corrected' }), { dbName, images: { fetchImpl } });
  await saveArticle(article({ url: 'https://news.test/zh', title: '北京图书馆', lang: 'zh', contentHtml: '<p>图书馆</p><img src="https://img.news.test/zh.png" alt="图">', textContent: '图书馆' }), { dbName, images: { fetchImpl } });
  await setTags('https://news.test/zh', ['中文', 'library'], { dbName });
  await setRead('https://news.test/world/river-towns', true, { dbName });
  return dbName;
}

describe('library backup', () => {
  it('round trip is lossless: every field and every image byte', async () => {
    const source = await filledLibrary();
    const file = await exportLibrary({ dbName: source });
    const names = Object.keys(unzipSync(file));
    expect(names).toContain('manifest.json');
    expect(names.filter((n) => n.startsWith('articles/'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('images/'))).toHaveLength(3);
    const target = freshDb();
    const result = await importLibrary(file, { dbName: target });
    expect(result).toEqual({ ok: true, articles: 2, versions: 3, skipped: 0 });
    const a = await snapshot(source);
    const b = await snapshot(target);
    const byUrl = <T extends { url: string }>(xs: T[]) => [...xs].sort((x, y) => x.url.localeCompare(y.url));
    expect(byUrl(b.entries)).toEqual(byUrl(a.entries));
    expect(b.versions).toEqual(a.versions);
    expect(byUrl(b.texts)).toEqual(byUrl(a.texts));
    const byId = (xs: typeof a.images) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(b.images)).toEqual(byId(a.images));
    expect(b.images.length).toBe(3);
  });

  it('importing twice creates no duplicates; merging keeps both sides', async () => {
    const source = await filledLibrary();
    const file = await exportLibrary({ dbName: source });
    expect(await importLibrary(file, { dbName: source })).toEqual({ ok: true, articles: 0, versions: 0, skipped: 3 });
    const target = freshDb();
    await saveArticle(article({ contentHtml: '<p>Locally different</p>', textContent: 'Locally different' }), { dbName: target, images: { fetchImpl: fakeFetch() } });
    await importLibrary(file, { dbName: target });
    const once = await snapshot(target);
    expect(await importLibrary(file, { dbName: target })).toMatchObject({ ok: true, articles: 0, versions: 0 });
    expect(await snapshot(target)).toEqual(once);
    const river = once.entries.find((e) => e.url.endsWith('river-towns'))!;
    expect(river.versionCount).toBe(3);
    expect(once.versions.filter((v) => v.url === river.url).map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('refuses corrupt and foreign files with a clear message and changes nothing', async () => {
    const source = await filledLibrary();
    const good = await exportLibrary({ dbName: source });
    const before = await snapshot(source);
    const files = unzipSync(good);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    const tampered = structuredClone(manifest);
    tampered.versions[0].article.contentHtml = '<p>Forged</p>';
    const imagePath = Object.keys(files).find((n) => n.startsWith('images/'))!;
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('just some text'), /not a zip file/],
      [good.slice(0, good.length / 2), /not a zip file|damaged/],
      [zipSync({ 'mimetype': strToU8('application/epub+zip') }), /no Samizdat manifest/],
      [zipSync({ 'manifest.json': strToU8('{"format":"other"}') }), /not a Samizdat library backup/],
      [zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify({ ...manifest, formatVersion: 99 })) }), /newer version/],
      [zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(tampered)) }), /does not match its SHA-256/],
      [zipSync({ ...files, [imagePath]: png(2, 2) }), /image is damaged/],
    ];
    for (const [file, message] of cases) {
      const result = await importLibrary(file, { dbName: source });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(message);
        expect(result.error).toMatch(/Nothing was changed/);
      }
    }
    expect(await snapshot(source)).toEqual(before);
  });
});
