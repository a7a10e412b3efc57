import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle } from '../../../src/core/detect-article.js';

const FIX = join(__dirname, '../../fixtures/articles');
const load = (name: string): JSDOM => new JSDOM(readFileSync(join(FIX, name), 'utf8'), { url: 'https://news.example.com/x', virtualConsole: new VirtualConsole() });

describe('detectArticle', () => {
  it.each(['en-news-clutter.html', 'ru-news.html', 'fa-news.html', 'zh-news.html', 'multipage.html', 'broken-jsonld.html'])('%s is an article', (name) => {
    const dom = load(name);
    const before = dom.serialize();
    const d = detectArticle(dom.window.document);
    expect(d.isArticle).toBe(true);
    expect(d.score).toBeGreaterThanOrEqual(20);
    expect(dom.serialize()).toBe(before);
  });

  it.each(['non-article-home.html', 'non-article-section.html', 'non-article-search.html', 'non-article-login.html'])('%s is not an article', (name) => {
    const d = detectArticle(load(name).window.document);
    expect(d.isArticle).toBe(false);
  });

  it('reports its signals', () => {
    const d = detectArticle(load('en-news-clutter.html').window.document);
    expect(d.signals).toContain('og:article');
    expect(d.signals).toContain('published-time');
    expect(d.signals).toContain('jsonld:article');
    expect(d.signals.some((s) => s.startsWith('prose:'))).toBe(true);
  });

  it('an article written in bare <div>s of running text (no <p>) is an article', () => {
    const prose = 'The council met on Tuesday evening and voted to rebuild the old bridge over the river, which has been closed to traffic since the spring floods damaged its piers.';
    const html = `<html><head><title>Bridge</title></head><body><article><h1>Bridge to be rebuilt</h1><div>${prose} ${prose}</div><h2>Cost</h2><div>${prose} ${prose}</div><div>${prose} ${prose}</div></article></body></html>`;
    expect(detectArticle(new JSDOM(html).window.document).isArticle).toBe(true);
    // The same text cut into teaser-sized bits, one per card, is not.
    const cards = `<html><body>${Array.from({ length: 8 }, (_, i) => `<div class="card"><div><a href="/s${i}">Story ${i}</a></div><div>Short teaser for story number ${i}.</div></div>`).join('')}</body></html>`;
    expect(detectArticle(new JSDOM(cards).window.document).isArticle).toBe(false);
  });

  it('a block page is not an article', () => {
    const html = '<html><head><title>Access denied</title></head><body><h1>Доступ ограничен</h1><p>Доступ к информационному ресурсу ограничен на основании Федерального закона от 27 июля 2006 г. № 149-ФЗ.</p></body></html>';
    expect(detectArticle(new JSDOM(html).window.document).isArticle).toBe(false);
  });

  it('never throws on degenerate documents', () => {
    for (const html of ['', '<frameset><frame src="a"></frameset>', '\u0000\u00ff'.repeat(500)]) {
      expect(detectArticle(new JSDOM(html).window.document).isArticle).toBe(false);
    }
    expect(detectArticle(null as unknown as Document).isArticle).toBe(false);
  });
});
