/**
 * The always-on content script (src/content/detect.ts) sends one message per verdict: the first
 * detection always reports, a single-page app's re-detection reports only when the verdict
 * changed. Run here with a fake runtime and a jsdom document standing in for the page.
 */
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';


const prose = Array.from({ length: 6 }, (_, i) =>
  `<p>Paragraph ${i + 1}: the river towns rebuilt their flood walls over three summers, and the people who live behind them say the work changed how they think about the water.</p>`,
).join('');
const ARTICLE_HEAD = '<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"NewsArticle"}</script>';

interface Sent {
  type: string;
  payload: { isArticle: boolean; score: number; needsBlockCheck: boolean };
}

async function loadScript(html: string) {
  const dom = new JSDOM(html);
  const sent: Sent[] = [];
  let listener: ((message: { type?: string }) => void) | undefined;
  vi.stubGlobal('__TEST__', false);
  vi.stubGlobal('document', dom.window.document);
  vi.stubGlobal('chrome', {
    runtime: {
      sendMessage: (message: Sent) => {
        sent.push(message);
        return Promise.resolve();
      },
      onMessage: { addListener: (fn: typeof listener) => (listener = fn) },
    },
  });
  // Fresh modules per page, with the build's swap of the block-page matcher for its stand-in.
  vi.resetModules();
  vi.doMock('../../../src/core/blockpage/index.js', async () => await import('../../../src/content/blockpage-deferred.js'));
  await import('../../../src/content/detect.js');
  return { dom, sent, redetect: () => listener?.({ type: 'redetect' }) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the always-on content script', () => {
  it('reports the first verdict, then only changed ones', async () => {
    const page = await loadScript(`<html><head>${ARTICLE_HEAD}</head><body><article id="a">${prose}</article></body></html>`);
    expect(page.sent).toHaveLength(1);
    expect(page.sent[0]!.type).toBe('page-detected');
    expect(page.sent[0]!.payload.isArticle).toBe(true);
    expect(page.sent[0]!.payload.needsBlockCheck).toBe(false);

    // The app shows another article: same verdict, no message.
    page.redetect();
    expect(page.sent).toHaveLength(1);

    // The app shows a listing: the verdict changed, one message.
    page.dom.window.document.getElementById('a')!.innerHTML = '<ul><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ul>';
    page.redetect();
    expect(page.sent).toHaveLength(2);
    expect(page.sent[1]!.payload.isArticle).toBe(false);
    page.redetect();
    expect(page.sent).toHaveLength(2);
  });

  it('reports a non-article page once (the background needs every page\'s verdict)', async () => {
    const page = await loadScript('<html><body><h1>Sign in</h1><form><input type="password"></form></body></html>');
    expect(page.sent).toHaveLength(1);
    expect(page.sent[0]!.payload.isArticle).toBe(false);
  });

  it('leaves an article-looking page without article metadata to the block-page check', async () => {
    const page = await loadScript(`<html><body><main>${prose}</main></body></html>`);
    expect(page.sent).toHaveLength(1);
    expect(page.sent[0]!.payload).toMatchObject({ isArticle: true, needsBlockCheck: true });
  });
});
