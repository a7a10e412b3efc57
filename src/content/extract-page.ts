/**
 * Injected on demand into the live page when the user asks for the reader. It extracts at once,
 * and the script's value is the result: build.mjs ends the bundle with a call of the function
 * defined here, so one executeScript both injects the engine and brings the article back (the
 * engine only reads the page; it works on its own copy).
 */
import { extractArticle } from '../core/extract/index.js';

/** What the background gets back: the article, and the HTTP status the page was served with. */
export interface PageExtraction {
  article: ReturnType<typeof extractArticle>;
  httpStatus: number | undefined;
}

(globalThis as unknown as { samizdatExtract: () => PageExtraction }).samizdatExtract = () => {
  const nav = performance.getEntriesByType('navigation')[0] as (PerformanceEntry & { responseStatus?: number }) | undefined;
  return { article: extractArticle(document, { url: location.href }), httpStatus: nav?.responseStatus };
};
