/**
 * Where the reader's article comes from, in the order PRODUCT.md fixes: the article the
 * one-click flow handed over; else the saved copy (shown at once, marked as such); else the
 * live page, fetched and extracted here. Multi-page articles are followed and joined.
 * Dependencies are passed in, so the order and the joining are unit-tested without a browser.
 */
import type { Article } from '../../core/types.js';
import type { Handoff } from '../../shared/messages.js';
import type { SaveOptions } from '../../storage/save.js';
import type { ProvenanceInfo } from './Provenance.js';
import { capturedPageUrl } from '../../shared/archives.js';

export type ArticleSource = 'handoff' | 'saved' | 'live';

export interface LoadedArticle {
  article: Article;
  source: ArticleSource;
  /** Saved copies: when and which version; other versions available. */
  savedAt?: string;
  version?: number;
  versions?: { version: number; savedAt: string }[];
  /** Saved copies: where and how it was saved (Provenance.tsx). */
  provenance?: ProvenanceInfo;
  /** The HTTP status the page was served with, when this reader knows it (the tab's handoff). */
  httpStatus?: number | null;
}

/** What the library gives for a saved copy (storage/library.ts getSavedCopy). */
export interface SavedCopyInfo {
  article: Article;
  savedAt: string;
  version: number;
  versions: { version: number; savedAt: string }[];
  sourceUrl?: string;
  finalUrl?: string;
  httpStatus?: number | null;
  sha256?: string;
  waybackCaptureUrl?: string | null;
}

export interface SourceDeps {
  takeHandoff(url: string): Promise<Handoff | null>;
  getSavedCopy(url: string, version?: number): Promise<SavedCopyInfo | null>;
  fetchArticle(url: string): Promise<Article | null>;
  /** The HTTP status a fetched article was served with, when known. */
  fetchedStatus?(article: Article): number | undefined;
}

async function quietly<T>(promise: Promise<T | null>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}

/**
 * The first source that has the article. With an explicit `version` the user asked for that
 * saved version, so the library goes first. Errors of the live fetch propagate (the reader says
 * why the page could not be loaded); the other sources failing just means "not there".
 */
export async function loadArticle(url: string, deps: SourceDeps, version?: number): Promise<LoadedArticle | null> {
  // Ask for the handoff at once even when a version is asked for: it must not linger.
  const handoff = quietly(deps.takeHandoff(url));
  if (version === undefined) {
    const taken = await handoff;
    if (taken) return { article: taken.article, source: 'handoff', httpStatus: taken.httpStatus };
  }
  const saved = await quietly(deps.getSavedCopy(url, version));
  if (saved) return { article: saved.article, source: 'saved', savedAt: saved.savedAt, version: saved.version, versions: saved.versions, provenance: provenanceOf(saved, url) };
  if (version !== undefined) {
    const taken = await handoff;
    if (taken) return { article: taken.article, source: 'handoff', httpStatus: taken.httpStatus };
  }
  const live = await deps.fetchArticle(url);
  return live ? { article: live, source: 'live', httpStatus: deps.fetchedStatus?.(live) ?? null } : null;
}

/**
 * What a save from the reader records: the HTTP status the page was served with, from the tab's
 * own load (the handoff) or the reader's own fetch of it. A saved copy gives none (null), nor
 * does an archived capture (readerSaveTarget: the archive's status is not the page's).
 */
export function readerSaveOptions(loaded: Pick<LoadedArticle, 'source' | 'httpStatus'> | null, pageUrl: string): SaveOptions {
  const httpStatus = loaded?.source !== 'saved' && typeof loaded?.httpStatus === 'number' ? loaded.httpStatus : undefined;
  return { pageUrl, httpStatus };
}

/**
 * What the reader's Save stores. An archived capture is saved as a copy of the page it captured
 * (so the page's own URL finds it later, offline), with the capture as where it came from and
 * as the Wayback witness; unless the capture names its own canonical URL, which wins as always.
 */
export function readerSaveTarget(article: Article, loaded: Pick<LoadedArticle, 'source' | 'httpStatus'> | null, pageUrl: string): { article: Article; options: SaveOptions } {
  const options = readerSaveOptions(loaded, pageUrl);
  const captured = capturedPageUrl(pageUrl);
  if (!captured) return { article, options };
  const ownUrl = article.url && article.url !== pageUrl && !capturedPageUrl(article.url) ? article.url : captured;
  return { article: { ...article, url: ownUrl }, options: { ...options, httpStatus: undefined, waybackCaptureUrl: pageUrl } };
}

function provenanceOf(saved: SavedCopyInfo, url: string): ProvenanceInfo | undefined {
  if (!saved.sha256) return undefined;
  return {
    sourceUrl: saved.sourceUrl ?? url,
    finalUrl: saved.finalUrl ?? saved.sourceUrl ?? url,
    savedAt: saved.savedAt,
    httpStatus: saved.httpStatus ?? null,
    sha256: saved.sha256,
    waybackCaptureUrl: saved.waybackCaptureUrl ?? null,
  };
}

export const MAX_PAGES = 10;

function pageKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

export interface NextPage {
  url: string;
  article: Article;
}

/**
 * Follows `nextPageUrl` from `first`, yielding each further page in order. Stops at a page seen
 * before (a loop), a page with the same body as an earlier one, a failed fetch or extraction,
 * a non-web URL, or after `maxPages` pages in all.
 */
export async function* followPages(first: Article, firstUrl: string, fetchArticle: (url: string) => Promise<Article | null>, maxPages = MAX_PAGES): AsyncGenerator<NextPage> {
  const seen = new Set([pageKey(firstUrl), pageKey(first.url)]);
  const bodies = new Set([first.contentHtml]);
  let current = first;
  let base = firstUrl;
  for (let count = 1; count < maxPages && current.nextPageUrl; count++) {
    let next: string;
    try {
      next = new URL(current.nextPageUrl, base).href;
    } catch {
      return;
    }
    if (!/^https?:/i.test(next) || seen.has(pageKey(next))) return;
    seen.add(pageKey(next));
    let article: Article | null;
    try {
      article = await fetchArticle(next);
    } catch {
      return;
    }
    if (!article || bodies.has(article.contentHtml)) return;
    bodies.add(article.contentHtml);
    seen.add(pageKey(article.url));
    yield { url: next, article };
    current = article;
    base = next;
  }
}

/** One article from its pages, in order: bodies joined, counts added, no further page. */
export function joinPages(first: Article, more: Article[]): Article {
  if (more.length === 0) return first;
  const all = [first, ...more];
  return {
    ...first,
    contentHtml: all.map((page) => page.contentHtml).join('\n<hr>\n'),
    textContent: all.map((page) => page.textContent).join('\n\n'),
    wordCount: all.reduce((sum, page) => sum + page.wordCount, 0),
    nextPageUrl: null,
  };
}
