/** Storage quota: recognising "disk full" and reporting what the browser allows. */

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
}

export async function storageUsage(): Promise<StorageUsage> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const estimate = await storage?.estimate?.().catch(() => null);
  const persisted = (await storage?.persisted?.().catch(() => null)) ?? null;
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Asks the browser not to evict the library under storage pressure. */
export async function requestPersistence(): Promise<boolean> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return false;
  return storage.persist().catch(() => false);
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
