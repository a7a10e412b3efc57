/** Shared fixtures for the storage tests: articles, tiny real images, a fake fetch. */
import 'fake-indexeddb/auto';
import { deflateSync } from 'node:zlib';
import type { Article } from '../../../src/core/types.js';

let dbCounter = 0;
export const freshDb = () => `test-library-${process.pid}-${Date.now()}-${dbCounter++}`;

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A valid w×h PNG filled with one colour (so epubcheck and browsers accept it). */
export function png(w: number, h: number, rgb: [number, number, number] = [200, 30, 40]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(h * (1 + w * 3));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (1 + w * 3) + 1 + x * 3);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array())];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function article(over: Partial<Article> = {}): Article {
  return {
    url: 'https://news.test/world/river-towns',
    title: 'River towns brace for the flood',
    byline: 'Ana Reporter',
    siteName: 'News Test',
    publishedTime: '2026-11-20T08:00:00Z',
    lang: 'en',
    dir: 'ltr',
    excerpt: 'The river is rising.',
    leadImage: { url: 'https://img.news.test/lead.png', alt: 'Flooded street', caption: null },
    contentHtml:
      '<p>The river is rising &amp; towns prepare.</p><figure><img src="https://img.news.test/lead.png" alt="Flooded street"><figcaption>Water</figcaption></figure>' +
      '<p>Second <a href="/world/more">link</a>.</p><img srcset="https://img.news.test/b-400.png 400w, https://img.news.test/b-1600.png 1600w" src="https://img.news.test/b-400.png" alt="B">' +
      '<img src="https://img.news.test/missing.png" alt="Missing"><video poster="https://cdn.test/p.jpg" src="https://cdn.test/v.mp4"></video>',
    textContent: 'The river is rising & towns prepare.\n\nSecond link.',
    wordCount: 9,
    nextPageUrl: null,
    ...over,
  };
}

export const imageBytes: Record<string, Uint8Array> = {
  'https://img.news.test/lead.png': png(8, 6, [10, 120, 200]),
  'https://img.news.test/b-400.png': png(4, 4, [0, 0, 0]),
  'https://img.news.test/b-1600.png': png(16, 16, [250, 200, 0]),
};

export function fakeFetch(bytes: Record<string, Uint8Array> = imageBytes, log: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    log.push(url);
    const body = bytes[url];
    if (!body) return new Response('not found', { status: 404 });
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-type': 'image/png' } });
  }) as typeof fetch;
}
