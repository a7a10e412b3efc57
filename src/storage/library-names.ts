/**
 * The library database's name and schema version, apart from schema.ts (which pulls in `idb`
 * and the search postings), so that library.html's first-paint script stays a few kilobytes.
 */
export const DB_NAME = 'samizdat-library';
export const DB_VERSION = 3;
