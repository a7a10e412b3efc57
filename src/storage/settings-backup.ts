/**
 * The settings that travel in a library backup (settings.json): the options for finding copies
 * (src/shared/copy-settings.ts), the reader's settings (src/shared/settings.ts) and the
 * library's own option. Exported as they are stored; on import the part is checked (our format,
 * a version we know, only these keys, each of the right kind) and every value normalised, so a
 * foreign or damaged part is refused before anything is changed.
 */
import browser from 'webextension-polyfill';
import { COPY_SETTINGS_KEY, normalizeCopySettings } from '../shared/copy-settings.js';
import { STORAGE_KEY as READER_SETTINGS_KEY, normalizeSettings } from '../shared/settings.js';
import { KEEP_EVERY_ARTICLE_KEY } from './settings.js';

export const SETTINGS_FORMAT = 'samizdat-settings';
export const SETTINGS_VERSION = 1;

export interface SettingsPart {
  format: string;
  formatVersion: number;
  values: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What each stored key may hold, and its normalised form. */
const KEYS: Record<string, (v: unknown) => unknown> = {
  [COPY_SETTINGS_KEY]: (v) => (isObject(v) ? normalizeCopySettings(v) : undefined),
  [READER_SETTINGS_KEY]: (v) => (isObject(v) ? normalizeSettings(v) : undefined),
  [KEEP_EVERY_ARTICLE_KEY]: (v) => (typeof v === 'boolean' ? v : undefined),
};

export type StorageArea = Pick<browser.Storage.StorageArea, 'get' | 'set'>;

/** The settings part of a backup, from the extension's storage. */
export async function collectSettings(storage: StorageArea = browser.storage.local): Promise<SettingsPart> {
  const stored = (await storage.get(Object.keys(KEYS))) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(KEYS)) if (stored[key] !== undefined) values[key] = stored[key];
  return { format: SETTINGS_FORMAT, formatVersion: SETTINGS_VERSION, values };
}

/** Checks a backup's settings part; throws an Error saying what is wrong. Returns the values to store. */
export function readSettingsPart(raw: unknown): Record<string, unknown> {
  if (!isObject(raw) || raw.format !== SETTINGS_FORMAT) throw new Error('its settings are not Samizdat settings');
  if (typeof raw.formatVersion !== 'number' || raw.formatVersion > SETTINGS_VERSION) throw new Error('its settings were made by a newer version of Samizdat');
  if (!isObject(raw.values)) throw new Error('its settings are incomplete');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    const check = KEYS[key];
    if (!check) throw new Error(`its settings contain an unknown setting (${key.slice(0, 40)})`);
    const clean = check(value);
    if (clean === undefined) throw new Error(`its settings are damaged (${key})`);
    out[key] = clean;
  }
  return out;
}

/** Stores imported settings (already checked by readSettingsPart). */
export async function applySettings(values: Record<string, unknown>, storage: StorageArea = browser.storage.local): Promise<void> {
  if (Object.keys(values).length) await storage.set(values);
}
