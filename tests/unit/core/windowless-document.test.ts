/**
 * Documents from DOMParser have no window (defaultView is null). The reader's fetch path parses
 * pages that way, so the engine must still produce the article's HTML there, using the window of
 * the realm that made the document.
 */
import { JSDOM } from 'jsdom';
import { afterEach, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/extract/index.js';

const html = `<html lang="en"><head><title>Window-less | Site</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>Window-less</h1>${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i} of a story parsed without a window, long enough to count as prose, with commas, and more.</p>`).join('')}
<figure><img src="/a.png" alt="A picture"><figcaption>A caption</figcaption></figure><h2>A subheading</h2><p>Closing words of the story, with a comma, and some more words to read.</p></article></body></html>`;

const realm = globalThis as { window?: unknown; document?: unknown };
afterEach(() => {
  delete realm.window;
  delete realm.document;
});

it('keeps the article HTML for a DOMParser document, using the realm window', () => {
  const { window } = new JSDOM('<!doctype html><title>extension page</title>', { url: 'chrome-extension://id/reader.html' });
  realm.window = window;
  realm.document = window.document;
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  expect(doc.defaultView).toBeNull();
  const article = extractArticle(doc, { url: 'https://example.org/story.html' });
  expect(article).not.toBeNull();
  expect(article!.contentHtml).toContain('<figure>');
  expect(article!.contentHtml).toContain('<h2>A subheading</h2>');
  expect(article!.contentHtml).toContain('src="https://example.org/a.png"');
});

it('returns a text-only article rather than failing when there is no window at all (plain Node)', () => {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const article = extractArticle(doc, { url: 'https://example.org/story.html' });
  expect(article?.title).toMatch(/^Window-less/);
  expect(article?.contentHtml).not.toMatch(/<script|onerror/i);
});
