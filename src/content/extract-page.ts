/**
 * Injected on demand into the live page when the user asks for the reader. It defines a
 * function the background then calls; the engine only reads the page (it works on its own copy).
 */
import { extractArticle } from '../core/extract/index.js';

(globalThis as unknown as { samizdatExtract: () => unknown }).samizdatExtract = () =>
  extractArticle(document, { url: location.href });
