/**
 * The offline library's public API, used directly by extension pages and the background
 * (they share the extension's IndexedDB origin). One responsibility per module:
 *   schema.ts    IndexedDB schema, versions and migrations
 *   html.ts      DOM-free rewriting of sanitised article HTML (image refs, remote URLs)
 *   images.ts    fetching images: srcset choice, size caps, failures
 *   save.ts      the save pipeline (fetch first, then one transaction)
 *   library.ts   saved copies, listing, tags, read state, delete with undo
 *   quota.ts     quota errors and storage usage
 *   text-terms.ts  multilingual normalisation and tokenising
 *   postings.ts  one article's search postings, stored with its text (`terms`)
 *   term-index.ts  the in-memory index assembled from stored postings
 *   search-index.ts  that index on open: stored snapshot + changes since, or full assembly
 *   search.ts    full-text search (prefix, typos, BM25+), highlighting
 *   export-*.ts, backup.ts   standalone HTML, Markdown, EPUB 3, whole-library backup/import
 */
export { saveArticle, type SaveOptions, type SaveResult } from './save.js';
export {
  getSavedCopy,
  listVersions,
  listEntries,
  listRecentEntries,
  findEntry,
  getVersionRecord,
  setTags,
  setRead,
  trashEntry,
  restoreEntry,
  purgeTrash,
  deleteEntry,
  getRevision,
  setWaybackCapture,
  getTexts,
  type SavedCopy,
  type SavedVersionInfo,
} from './library.js';
export { storageUsage, requestPersistence, formatBytes, isQuotaError, QUOTA_MESSAGE } from './quota.js';
export type { EntryRecord, VersionRecord, StoredImage } from './schema.js';
