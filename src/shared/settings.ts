/**
 * Reader settings, persisted in browser.storage.local (the source of truth) and mirrored in the
 * page origin's localStorage so the reader can apply them synchronously before its first paint.
 * The pure part (defaults, validation, steps, reading the mirror) is in settings-values.ts, which
 * has no extension API, so unit tests and the reader's first-paint script can use it.
 */
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, MIRROR_KEY, STORAGE_KEY, normalizeSettings, readMirror, type ReaderSettings } from './settings-values.js';

export * from './settings-values.js';

function writeMirror(settings: ReaderSettings): void {
  try {
    globalThis.localStorage?.setItem(MIRROR_KEY, JSON.stringify(settings));
  } catch {
    // Storage may be disabled; storage.local still holds the settings.
  }
}

export async function loadSettings(): Promise<ReaderSettings> {
  try {
    const stored = (await browser.storage.local.get(STORAGE_KEY)) as Record<string, unknown>;
    const settings = normalizeSettings(stored[STORAGE_KEY]);
    writeMirror(settings);
    return settings;
  } catch {
    return readMirror() ?? { ...DEFAULT_SETTINGS };
  }
}

export async function saveSettings(settings: ReaderSettings): Promise<void> {
  const valid = normalizeSettings(settings);
  writeMirror(valid);
  await browser.storage.local.set({ [STORAGE_KEY]: valid });
}

/** Calls back when another page (another reader tab, the options page) changes the settings. */
export function onSettingsChanged(callback: (settings: ReaderSettings) => void): () => void {
  // storage.local's own event: the session area carries the one-click handoffs (whole
  // articles), which the general storage.onChanged would copy to every open reader.
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    if (!(STORAGE_KEY in changes)) return;
    const settings = normalizeSettings(changes[STORAGE_KEY]?.newValue);
    writeMirror(settings);
    callback(settings);
  };
  browser.storage.local.onChanged.addListener(listener);
  return () => browser.storage.local.onChanged.removeListener(listener);
}
