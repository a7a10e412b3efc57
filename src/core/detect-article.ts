import type { ArticleDetection } from './types.js';

/** Placeholder until the extraction engine lands. */
export function detectArticle(_doc: Document): ArticleDetection {
  return { isArticle: false, score: 0, signals: [] };
}
