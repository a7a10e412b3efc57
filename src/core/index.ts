/**
 * The Samizdat core: DOM in, data out. No extension APIs here, so it runs in Node (jsdom),
 * in a page, and in an extension page alike. Every DOM constructor comes from
 * `doc.defaultView`; nothing relies on DOM globals.
 */
export { extractArticle } from './extract/index.js';
export { detectArticle } from './detect-article.js';
export { detectBlockPage } from './blockpage/index.js';
export type * from './types.js';
