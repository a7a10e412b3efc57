/** Storage quota: recognising "disk full", reporting what the browser allows, persistent storage. */
import { openLibrary } from './schema.js';

export const QUOTA_MESSAGE =
  'Not saved: the browser has no more storage space for Samizdat. Nothing already saved was changed. Free some space (delete or export articles) and try again.';

export function isQuotaError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; message?: string; inner?: unknown; cause?: unknown };
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (typeof e.message === 'string' && /quota/i.test(e.message)) return true;
  return isQuotaError(e.inner) || isQuotaError(e.cause);
}

export interface StorageUsage {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
  /** The last time persistent storage was asked for, and the browser's answer (null: never asked). */
  asked: PersistAnswer | null;
}

export interface PersistAnswer {
  at: string;
  granted: boolean;
}

/** Where the answer is kept: in the library's own database, so it goes with the library. */
const PERSIST_ASKED_KEY = 'persist-asked';

const storageApi = () => (globalThis.navigator as Navigator | undefined)?.storage;

async function lastAnswer(dbName?: string): Promise<PersistAnswer | null> {
  const value = (await (await openLibrary(dbName)).get('meta', PERSIST_ASKED_KEY).catch(() => undefined))?.value as PersistAnswer | undefined;
  return value && typeof value.at === 'string' ? value : null;
}

export async function storageUsage(options: { dbName?: string } = {}): Promise<StorageUsage> {
  const storage = storageApi();
  const estimate = await storage?.estimate?.().catch(() => null);
  const persisted = (await storage?.persisted?.().catch(() => null)) ?? null;
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted, asked: await lastAnswer(options.dbName) };
}

/** Asks the browser not to evict the library under storage pressure, and keeps its answer. */
export async function requestPersistence(options: { dbName?: string; now?: () => Date } = {}): Promise<boolean> {
  return (await askPersistence(options))?.granted ?? false;
}

/** The browser's answer, kept with the library; null when the browser has no way to ask. */
async function askPersistence(options: { dbName?: string; now?: () => Date }): Promise<PersistAnswer | null> {
  const storage = storageApi();
  if (!storage?.persist) return null;
  const granted = await storage.persist().catch(() => false);
  const answer: PersistAnswer = { at: (options.now?.() ?? new Date()).toISOString(), granted };
  await (await openLibrary(options.dbName)).put('meta', { key: PERSIST_ASKED_KEY, value: answer }).catch(() => undefined);
  return answer;
}

/** What requestPersistenceOnce did: `answer` is set only when it asked the browser this time. */
export interface PersistOutcome {
  persisted: boolean;
  answer: PersistAnswer | null;
}

/**
 * Asks for persistent storage once per library, without a click (the library opening is the
 * moment it matters): not again once the browser has answered, whatever the answer — asking
 * again is the user's choice (the button). Says whether the storage is persistent now and, when
 * it asked, the answer, so the page can update its line without reading the estimate again.
 */
export async function requestPersistenceOnce(options: { dbName?: string; now?: () => Date } = {}): Promise<PersistOutcome> {
  const storage = storageApi();
  if (await storage?.persisted?.().catch(() => false)) return { persisted: true, answer: null };
  if (await lastAnswer(options.dbName)) return { persisted: false, answer: null };
  const answer = await askPersistence(options);
  return { persisted: answer?.granted ?? false, answer };
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 10 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}
