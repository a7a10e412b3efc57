import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle, detectArticleWith } from '../../../src/core/detect-article.js';

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

  describe('settles early on a page that declares an article', () => {
    const para = (i: number) => `<p>Paragraph ${i}: the regional council approved the new budget for the river crossing after a long debate about the cost of the piers and the timetable.</p>`;
    const head = '<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"NewsArticle"}</script>';

    it('reads only the paragraphs it needs', () => {
      const body = `<article><h1>Budget</h1>${Array.from({ length: 400 }, (_, i) => para(i)).join('')}</article>`;
      const dom = new JSDOM(`<html><head>${head}</head><body>${body}</body></html>`);
      const read = vi.spyOn(dom.window.Node.prototype, 'textContent', 'get');
      const d = detectArticle(dom.window.document);
      expect(d.isArticle).toBe(true);
      expect(d.signals.some((s) => /^prose:.*\+$/.test(s))).toBe(true);
      // The JSON-LD script, and three paragraphs of about 150 characters (weight ~10 each) reach the settled cluster.
      expect(read.mock.calls.length).toBeLessThan(10);
    });

    it('gives the verdict the full scan gives, even with every counter-signal on the page', () => {
      // Four paragraphs in the story (enough to settle), then a listing: eight cards of prose
      // (cards and dispersed prose), and a login box.
      const cards = Array.from({ length: 8 }, (_, i) => `<article><div>${para(100 + i)}</div><section>${para(200 + i)}</section></article>`).join('');
      const doc = new JSDOM(`<html><head>${head}</head><body><main><div class="story">${[1, 2, 3, 4].map(para).join('')}</div></main>${cards}<form><input type="password"></form></body></html>`).window.document;
      const settled = detectArticleWith(doc, { settleEarly: true });
      const full = detectArticleWith(doc, { settleEarly: false });
      expect(settled.signals.some((s) => /^prose:.*\+$/.test(s))).toBe(true);
      expect(full.signals).toEqual(expect.arrayContaining(['cards:8', 'dispersed-prose']));
      expect(settled.isArticle).toBe(true);
      expect(full.isArticle).toBe(true);
    });

    it.each(['en-news-clutter.html', 'ru-news.html', 'fa-news.html', 'zh-news.html', 'multipage.html', 'broken-jsonld.html', 'non-article-home.html', 'non-article-section.html', 'non-article-search.html', 'non-article-login.html'])(
      '%s: the same verdict with and without the early stop',
      (name) => {
        const doc = load(name).window.document;
        expect(detectArticleWith(doc, { settleEarly: true }).isArticle).toBe(detectArticleWith(doc, { settleEarly: false }).isArticle);
      },
    );
  });
});
