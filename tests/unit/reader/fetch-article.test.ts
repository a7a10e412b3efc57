import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../src/core/types.js';
import { decodeHtml, fetchAndExtract, fetchedStatus, sniffCharset, withReadableBody } from '../../../src/pages/reader/fetch-article.js';

describe('decoding fetched pages', () => {
  it('takes the charset from the header, else from the page, else UTF-8', () => {
    expect(sniffCharset('text/html; charset=windows-1251', '')).toBe('windows-1251');
    expect(sniffCharset('text/html', '<head><meta charset="koi8-r">')).toBe('koi8-r');
    expect(sniffCharset(null, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')).toBe('windows-1256');
    expect(sniffCharset(null, '<p>nothing</p>')).toBe('utf-8');
  });

  it('decodes legacy Cyrillic pages', () => {
    // "Привет" in windows-1251.
    const bytes = new Uint8Array([0x3c, 0x70, 0x3e, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
    expect(decodeHtml(bytes.buffer, 'text/html; charset=windows-1251')).toBe('<p>Привет');
    expect(decodeHtml(new TextEncoder().encode('<p>سلام').buffer as ArrayBuffer, 'text/html; charset=bogus-charset')).toBe('<p>سلام');
  });
});

describe('withReadableBody', () => {
  const base: Article = {
    url: 'https://e.test/a', title: 'T', byline: null, siteName: null, publishedTime: null, lang: null, dir: null, excerpt: null,
    leadImage: { url: 'https://e.test/i.jpg', alt: null, caption: 'A caption' }, contentHtml: '', textContent: 'First <b>para</b>.\n\nA caption\n\nSecond.', wordCount: 3, nextPageUrl: null,
  };
  it('turns the text into escaped paragraphs when the body HTML is missing', () => {
    expect(withReadableBody(base)?.contentHtml).toBe('<p>First &lt;b&gt;para&lt;/b&gt;.</p>\n<p>Second.</p>');
  });
  it('leaves articles with a body alone', () => {
    const full = { ...base, contentHtml: '<p>x</p>' };
    expect(withReadableBody(full)).toBe(full);
    expect(withReadableBody(null)).toBeNull();
  });
});

describe('the reader\'s own fetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the HTTP status the page was served with, for the saved copy\'s provenance', async () => {
    const { JSDOM } = await import('jsdom');
    const paragraph = 'The council met on Tuesday to discuss the flood defences along the river, and residents spoke for hours. ';
    const html = `<html><head><title>Flood defences</title></head><body><article><h1>Flood defences</h1>${`<p>${paragraph.repeat(4)}</p>`.repeat(6)}</article></body></html>`;
    vi.stubGlobal('DOMParser', new JSDOM('').window.DOMParser);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(html, { status: 203, headers: { 'content-type': 'text/html; charset=utf-8' } })));
    const article = await fetchAndExtract('https://news.test/flood');
    expect(article?.title).toBe('Flood defences');
    expect(fetchedStatus(article!)).toBe(203);
    expect(fetchedStatus({ ...article! })).toBeUndefined(); // only the article it fetched
  });
});
