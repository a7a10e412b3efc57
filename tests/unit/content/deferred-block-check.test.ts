/**
 * The always-on content script is built with the block-page matcher swapped for a stand-in
 * (build.mjs; src/content/blockpage-deferred.ts). Here the same swap is made with a module mock:
 * a page that looks like an article but declares nothing of one is left to detect-full.js,
 * a page with article metadata is settled at once.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/core/blockpage/index.js', async () => await import('../../../src/content/blockpage-deferred.js'));

const { detectArticle } = await import('../../../src/core/detect-article.js');
const { takeBlockCheckAsked } = await import('../../../src/content/blockpage-deferred.js');

const prose = Array.from({ length: 6 }, (_, i) =>
  `<p>Paragraph ${i + 1}: the river towns rebuilt their flood walls over three summers, and the people who live behind them say the work changed how they think about the water, the town and each other.</p>`,
).join('');

function doc(head: string): Document {
  return new JSDOM(`<!doctype html><html><head><title>River towns</title>${head}</head><body><main><article><h1>River towns</h1>${prose}</article></main></body></html>`).window.document;
}

describe('the content script defers the block-page verdict', () => {
  it('asks for it on an article-like page without article metadata', () => {
    takeBlockCheckAsked();
    const result = detectArticle(doc(''));
    expect(result.isArticle).toBe(true);
    expect(takeBlockCheckAsked()).toBe(true);
    // Asked once, answered once.
    expect(takeBlockCheckAsked()).toBe(false);
  });

  it('does not ask on a page that declares itself an article', () => {
    takeBlockCheckAsked();
    const head = '<meta property="og:type" content="article"><meta property="article:published_time" content="2026-06-09T10:00:00Z"><meta name="author" content="A. Writer"><script type="application/ld+json">{"@type":"NewsArticle","headline":"River towns"}</script>';
    const result = detectArticle(doc(head));
    expect(result.isArticle).toBe(true);
    expect(takeBlockCheckAsked()).toBe(false);
  });
});
