/**
 * The offline library's public API, used directly by extension pages and the background
 * (they share the extension's IndexedDB origin). Placeholder until the storage module lands.
 */
import type { Article } from '../core/types.js';

export interface SaveOptions {
  /** The URL the user was on (may differ from article.url, the canonical one). */
  pageUrl?: string;
  httpStatus?: number;
}

export type SaveResult = { ok: true; version: number; savedAt: string } | { ok: false; error: string };

export interface SavedVersionInfo {
  version: number;
  savedAt: string;
}

export interface SavedCopy {
  /** contentHtml and leadImage point at blob: URLs of the stored images, ready to render. */
  article: Article;
  version: number;
  savedAt: string;
  versions: SavedVersionInfo[];
  sha256: string;
  sourceUrl: string;
  finalUrl: string;
  httpStatus: number | null;
  waybackCaptureUrl: string | null;
}

export async function saveArticle(_article: Article, _options: SaveOptions = {}): Promise<SaveResult> {
  return { ok: false, error: 'Saving is not available yet.' };
}

export async function getSavedCopy(_url: string, _version?: number): Promise<SavedCopy | null> {
  return null;
}
