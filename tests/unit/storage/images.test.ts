/**
 * Images that cannot be kept: over the size cap, or too slow for the save's time budget. Either
 * way the article is saved with what could be fetched, and each one left out is recorded with
 * the reason (the reader shows it; every export includes it).
 */
import { describe, expect, it } from 'vitest';
import { article, freshDb, png } from './helpers.js';
import { saveArticle } from '../../../src/storage/save.js';
import { getVersionRecord } from '../../../src/storage/library.js';
import { openLibrary } from '../../../src/storage/schema.js';
import { fetchImages } from '../../../src/storage/images.js';

const small = png(4, 4, [0, 0, 0]);
/** `size` bytes that begin as a PNG does (the type is sniffed from the first bytes). */
function imageOfSize(size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(small.subarray(0, Math.min(size, small.byteLength)));
  return out;
}
const big = imageOfSize(2000);

function pageWith(images: string[]) {
  return article({ leadImage: null, contentHtml: `<p>The river is rising.</p>${images.map((u) => `<img src="${u}" alt="">`).join('')}`, textContent: 'The river is rising.' });
}

/** A fetch whose answers come after `delays[url]` ms (or never), and which honours abort like the real one. */
function slowFetch(bytes: Record<string, Uint8Array>, delays: Record<string, number>, started: string[] = []): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    started.push(url);
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      const delay = delays[url] ?? 0;
      const timer = Number.isFinite(delay) ? setTimeout(() => resolve(new Response(bytes[url] as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'image/png' } })), delay) : undefined;
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }) as typeof fetch;
}

describe('image size cap', () => {
  it('does not store an image over the cap and records it as not fetched, too large', async () => {
    const dbName = freshDb();
    // One over the cap (read, then refused) and one over 4× the cap (refused by its declared size, unread).
    const over4 = imageOfSize(8192);
    const fetchImpl = (async (input: RequestInfo | URL) => {
      const url = String(input);
      const body = url.endsWith('small.png') ? small : url.endsWith('big.png') ? big : over4;
      return new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'image/png', 'content-length': String(body.byteLength) } });
    }) as typeof fetch;
    const urls = ['https://img.news.test/small.png', 'https://img.news.test/big.png', 'https://img.news.test/huge.png'];
    const result = await saveArticle(pageWith(urls), { dbName, images: { fetchImpl, maxBytes: 1024 } });
    expect(result).toMatchObject({ ok: true, failedImages: 2 });
    const record = (await getVersionRecord(article().url, undefined, { dbName }))!;
    expect(record.failures).toEqual([
      { url: 'https://img.news.test/big.png', reason: 'too-large' },
      { url: 'https://img.news.test/huge.png', reason: 'too-large' },
    ]);
    expect(record.images.map((i) => i.url)).toEqual(['https://img.news.test/small.png']);
    const stored = await (await openLibrary(dbName)).getAll('images');
    expect(stored.map((i) => i.blob.size)).toEqual([small.byteLength]);
    // The copy refers to no remote image, kept or not.
    expect(record.article.contentHtml).not.toMatch(/\ssrc="https?:/);
  });

  it("caps an article's images in total as well", async () => {
    const bytes = { 'https://img.news.test/1.png': png(4, 4, [1, 1, 1]), 'https://img.news.test/2.png': png(4, 4, [2, 2, 2]) };
    const size = bytes['https://img.news.test/1.png'].byteLength;
    const { images, failures } = await fetchImages(Object.keys(bytes), { fetchImpl: slowFetch(bytes, {}), maxTotalBytes: size + 10 });
    expect(images.map((i) => i.url)).toEqual(['https://img.news.test/1.png']);
    expect(failures).toEqual([{ url: 'https://img.news.test/2.png', reason: 'article-too-large' }]);
  });
});

describe('saving when the site is slow', () => {
  it('completes within its time budget with the images that came, recording the rest; the text is never lost', async () => {
    const dbName = freshDb();
    const urls = Array.from({ length: 8 }, (_, i) => `https://img.news.test/${i}.png`);
    const bytes = Object.fromEntries(urls.map((u, i) => [u, png(4, 4, [i, i, i])]));
    // Two images come at once; one after 30 s (past the budget); one never; the rest are queued
    // behind them (concurrency 2) and are never started before the budget runs out.
    const delays: Record<string, number> = { [urls[2]!]: 30000, [urls[3]!]: Infinity };
    for (const u of urls.slice(4)) delays[u] = 30000;
    const started: string[] = [];
    // Without the budget this save would never finish (one image never answers): the test times out.
    const result = await saveArticle(pageWith(urls), { dbName, images: { fetchImpl: slowFetch(bytes, delays, started), budgetMs: 400, concurrency: 2 } });
    expect(result).toMatchObject({ ok: true, version: 1, failedImages: 6 });
    const record = (await getVersionRecord(article().url, undefined, { dbName }))!;
    expect(record.article.textContent).toBe('The river is rising.');
    expect(record.images.map((i) => i.url)).toEqual(urls.slice(0, 2));
    expect(record.failures).toEqual(urls.slice(2).map((url) => ({ url, reason: 'timeout' })));
    // Images still queued when the time ran out were never requested.
    expect(started.length).toBeLessThan(urls.length);
  });

  it('gives each image its own timeout within the budget', async () => {
    const bytes = { 'https://img.news.test/a.png': small, 'https://img.news.test/b.png': small };
    const { images, failures } = await fetchImages(Object.keys(bytes), { fetchImpl: slowFetch(bytes, { 'https://img.news.test/a.png': 5000 }), timeoutMs: 100, budgetMs: 10000 });
    expect(images.map((i) => i.url)).toEqual(['https://img.news.test/b.png']);
    expect(failures).toEqual([{ url: 'https://img.news.test/a.png', reason: 'timeout' }]);
  });
});
