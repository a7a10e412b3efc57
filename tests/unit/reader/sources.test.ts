import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../src/core/types.js';
import { followPages, joinPages, loadArticle, readerSaveOptions, readerSaveTarget, type SourceDeps } from '../../../src/pages/reader/sources.js';

function article(url: string, body = `<p>${url}</p>`, nextPageUrl: string | null = null): Article {
  return {
    url, title: 'T', byline: null, siteName: null, publishedTime: null, lang: 'en', dir: 'ltr', excerpt: null,
    leadImage: null, contentHtml: body, textContent: body.replace(/<[^>]+>/g, ''), wordCount: 10, nextPageUrl,
  };
}

const saved = (a: Article) => ({ article: a, savedAt: '2026-01-02T03:04:05Z', version: 2, versions: [{ version: 1, savedAt: '2026-01-01T00:00:00Z' }, { version: 2, savedAt: '2026-01-02T03:04:05Z' }] });

function deps(over: Partial<SourceDeps>): SourceDeps {
  return {
    takeHandoff: vi.fn(async () => null),
    getSavedCopy: vi.fn(async () => null),
    fetchArticle: vi.fn(async () => null),
    ...over,
  };
}

describe('loadArticle source order', () => {
  const url = 'https://news.example/a';

  it('takes the handoff first, without touching the library or the network', async () => {
    const d = deps({ takeHandoff: vi.fn(async () => ({ article: article(url), httpStatus: 200 })) });
    const result = await loadArticle(url, d);
    expect(result?.source).toBe('handoff');
    expect(d.getSavedCopy).not.toHaveBeenCalled();
    expect(d.fetchArticle).not.toHaveBeenCalled();
  });

  it('then the saved copy, with its date and versions', async () => {
    const d = deps({ getSavedCopy: vi.fn(async () => saved(article(url))) });
    const result = await loadArticle(url, d);
    expect(result).toMatchObject({ source: 'saved', savedAt: '2026-01-02T03:04:05Z', version: 2 });
    expect(result?.versions).toHaveLength(2);
    expect(d.fetchArticle).not.toHaveBeenCalled();
  });

  it('then the live page', async () => {
    const d = deps({ fetchArticle: vi.fn(async () => article(url)) });
    expect((await loadArticle(url, d))?.source).toBe('live');
  });

  it('says there is nothing when no source has the article', async () => {
    expect(await loadArticle(url, deps({}))).toBeNull();
  });

  it('treats a failing handoff or library as absent, but reports a failing fetch', async () => {
    const d = deps({ takeHandoff: vi.fn(async () => { throw new Error('no background'); }), getSavedCopy: vi.fn(async () => { throw new Error('db'); }), fetchArticle: vi.fn(async () => article(url)) });
    expect((await loadArticle(url, d))?.source).toBe('live');
    await expect(loadArticle(url, deps({ fetchArticle: vi.fn(async () => { throw new Error('HTTP 500'); }) }))).rejects.toThrow('HTTP 500');
  });

  it('with &version=N asks the library for that version before anything else', async () => {
    const d = deps({ takeHandoff: vi.fn(async () => ({ article: article(url), httpStatus: 200 })), getSavedCopy: vi.fn(async () => saved(article(url))) });
    const result = await loadArticle(url, d, 1);
    expect(result?.source).toBe('saved');
    expect(d.getSavedCopy).toHaveBeenCalledWith(url, 1);
    // The handoff is still taken, so it does not linger in the background.
    expect(d.takeHandoff).toHaveBeenCalled();
  });
});

describe('multi-page articles', () => {
  const base = 'https://news.example/story';
  async function collect(first: Article, pages: Record<string, Article | null>, max?: number) {
    const fetched: string[] = [];
    const out: string[] = [];
    for await (const page of followPages(first, base, async (u) => { fetched.push(u); return pages[u] ?? null; }, max)) out.push(page.url);
    return { fetched, out };
  }

  it('follows nextPageUrl in order, resolving relative links', async () => {
    const first = article(base, '<p>1</p>', '?page=2');
    const { out } = await collect(first, {
      [`${base}?page=2`]: article(`${base}?page=2`, '<p>2</p>', `${base}?page=3`),
      [`${base}?page=3`]: article(`${base}?page=3`, '<p>3</p>'),
    });
    expect(out).toEqual([`${base}?page=2`, `${base}?page=3`]);
  });

  it('stops on a loop', async () => {
    const first = article(base, '<p>1</p>', `${base}?page=2`);
    const { out, fetched } = await collect(first, { [`${base}?page=2`]: article(`${base}?page=2`, '<p>2</p>', base) });
    expect(out).toEqual([`${base}?page=2`]);
    expect(fetched).toEqual([`${base}?page=2`]);
  });

  it('stops on a repeated body, a failed page, a non-web link and at the cap', async () => {
    const same = await collect(article(base, '<p>1</p>', `${base}/2`), { [`${base}/2`]: article(`${base}/2`, '<p>1</p>', `${base}/3`) });
    expect(same.out).toEqual([]);
    const failed = await collect(article(base, '<p>1</p>', `${base}/2`), {});
    expect(failed.out).toEqual([]);
    const js = await collect(article(base, '<p>1</p>', 'javascript:next()'), {});
    expect(js.fetched).toEqual([]);
    const endless: Record<string, Article> = {};
    for (let i = 2; i < 50; i++) endless[`${base}/${i}`] = article(`${base}/${i}`, `<p>${i}</p>`, `${base}/${i + 1}`);
    const capped = await collect(article(base, '<p>1</p>', `${base}/2`), endless, 5);
    expect(capped.out).toHaveLength(4);
  });

  it('joins pages into one article to save', () => {
    const joined = joinPages(article(base, '<p>1</p>', `${base}/2`), [article(`${base}/2`, '<p>2</p>')]);
    expect(joined.contentHtml).toContain('<p>1</p>');
    expect(joined.contentHtml.indexOf('<p>1</p>')).toBeLessThan(joined.contentHtml.indexOf('<p>2</p>'));
    expect(joined.wordCount).toBe(20);
    expect(joined.nextPageUrl).toBeNull();
    expect(joined.url).toBe(base);
  });
});

describe('HTTP status of a save from the reader', () => {
  const url = 'https://news.example/a';

  it('records the status the tab handed over with the article', async () => {
    const loaded = await loadArticle(url, deps({ takeHandoff: vi.fn(async () => ({ article: article(url), httpStatus: 203 })) }));
    expect(loaded?.httpStatus).toBe(203);
    expect(readerSaveOptions(loaded, url)).toEqual({ pageUrl: url, httpStatus: 203 });
  });

  it('records none when the handoff did not know it', async () => {
    const loaded = await loadArticle(url, deps({ takeHandoff: vi.fn(async () => ({ article: article(url), httpStatus: null })) }));
    expect(readerSaveOptions(loaded, url).httpStatus).toBeUndefined();
  });

  it('records the status of the reader\'s own fetch of the page', async () => {
    const fetched = article(url);
    const live = await loadArticle(url, deps({ fetchArticle: vi.fn(async () => fetched), fetchedStatus: (a) => (a === fetched ? 200 : undefined) }));
    expect(live?.source).toBe('live');
    expect(live?.httpStatus).toBe(200);
    expect(readerSaveOptions(live, url)).toEqual({ pageUrl: url, httpStatus: 200 });
    // A fetch whose status is not known records none.
    const unknown = await loadArticle(url, deps({ fetchArticle: vi.fn(async () => article(url)) }));
    expect(readerSaveOptions(unknown, url).httpStatus).toBeUndefined();
  });

  it('records none for a saved copy or an archived capture', async () => {
    const fromSaved = await loadArticle(url, deps({ getSavedCopy: vi.fn(async () => saved(article(url))) }));
    expect(fromSaved?.source).toBe('saved');
    expect(readerSaveOptions(fromSaved, url).httpStatus).toBeUndefined();
    // Even a status carried by a saved copy is not taken as the page's own.
    expect(readerSaveOptions({ source: 'saved', httpStatus: 200 }, url).httpStatus).toBeUndefined();
    // The archive answered 200 for its capture; that is not the page's status.
    const capture = `https://web.archive.org/web/20260101120000id_/${url}`;
    expect(readerSaveTarget(article(capture), { source: 'live', httpStatus: 200 }, capture).options.httpStatus).toBeUndefined();
  });
});

describe('saving an archived copy from the reader', () => {
  const page = 'https://news.example/a?id=1';
  const capture = `https://web.archive.org/web/20260101120000id_/${page}`;

  it('saves it as a copy of the captured page, the capture being its source and witness', () => {
    const target = readerSaveTarget(article(capture), { source: 'live' }, capture);
    expect(target.article.url).toBe(page);
    expect(target.options).toEqual({ pageUrl: capture, httpStatus: undefined, waybackCaptureUrl: capture });
  });

  it('keeps a canonical URL the capture names', () => {
    expect(readerSaveTarget(article('https://news.example/canonical'), { source: 'live' }, capture).article.url).toBe('https://news.example/canonical');
  });

  it('leaves a save of a live page as it was', () => {
    const own = article(page);
    expect(readerSaveTarget(own, { source: 'live' }, page)).toEqual({ article: own, options: readerSaveOptions({ source: 'live' }, page) });
  });
});
