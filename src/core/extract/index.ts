import type { Article, ExtractOptions } from '../types.js';

/** Placeholder until the extraction engine lands. */
export function extractArticle(_doc: Document, _opts: ExtractOptions = {}): Article | null {
  return null;
}
