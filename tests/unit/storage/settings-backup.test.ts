import { describe, expect, it, vi } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';

vi.mock('webextension-polyfill', () => ({ default: {} }));

import { article, fakeFetch, freshDb } from './helpers.js';
import { saveArticle } from '../../../src/storage/save.js';
import { exportLibrary, importLibrary } from '../../../src/storage/backup.js';
import { applySettings, collectSettings, readSettingsPart, type StorageArea } from '../../../src/storage/settings-backup.js';
import { openLibrary } from '../../../src/storage/schema.js';
import { DEFAULT_COPY_SETTINGS } from '../../../src/shared/copy-settings.js';

/** browser.storage.local's get/set over a plain object. */
function fakeStorage(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown> } {
  const data = structuredClone(initial);
  return {
    data,
    get: async (keys?: null | string | string[] | Record<string, unknown>) => {
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(data);
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  } as StorageArea & { data: Record<string, unknown> };
}

const userSettings = {
  copySettings: {
    ...DEFAULT_COPY_SETTINGS,
    archives: [
      { id: 'archive-today', enabled: true },
      { id: 'wayback', enabled: false },
      { id: 'ghostarchive', enabled: true },
      { id: 'megalodon', enabled: false },
    ],
    archiveTodayHost: 'archive.is',
    autoLookups: false,
    slowLoadSeconds: 30,
    mirrorListUrls: ['https://lists.example.org/mirrors.json'],
    customMirrors: [{ mainDomain: 'news.example', url: 'https://mirror.example.net' }],
  },
  readerSettings: { theme: 'dark', font: 'sans', fontSize: 24, width: 'wide', lineHeight: 'loose', speechRate: 1.25 },
  'library.keepEveryArticle': true,
};

async function counts(dbName: string) {
  const db = await openLibrary(dbName);
  return { entries: await db.count('entries'), versions: await db.count('versions') };
}

describe('settings in the library backup', () => {
  it('round trip: the options and the reader settings come back as they were', async () => {
    const source = freshDb();
    await saveArticle(article(), { dbName: source, images: { fetchImpl: fakeFetch() } });
    const from = fakeStorage({ ...userSettings, unrelated: 'not exported' });
    const file = await exportLibrary({ dbName: source, settings: await collectSettings(from) });
    expect(Object.keys(unzipSync(file))).toContain('settings.json');

    const target = freshDb();
    const to = fakeStorage();
    const result = await importLibrary(file, { dbName: target, readSettings: readSettingsPart });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await applySettings(result.settings!, to);
    expect(to.data).toEqual(userSettings);
    expect(await counts(target)).toEqual({ entries: 1, versions: 1 });
  });

  it('refuses a foreign or damaged settings part with a clear message and changes nothing', async () => {
    const source = freshDb();
    await saveArticle(article(), { dbName: source, images: { fetchImpl: fakeFetch() } });
    const files = unzipSync(await exportLibrary({ dbName: source, settings: await collectSettings(fakeStorage(userSettings)) }));
    const withSettings = (part: string) => zipSync({ ...files, 'settings.json': strToU8(part) });
    const good = { format: 'samizdat-settings', formatVersion: 1, values: userSettings };
    const cases: [Uint8Array, RegExp][] = [
      [withSettings('{not json'), /settings are not valid JSON/],
      [withSettings(JSON.stringify({ format: 'other-addon', values: {} })), /not Samizdat settings/],
      [withSettings(JSON.stringify({ ...good, formatVersion: 7 })), /newer version/],
      [withSettings(JSON.stringify({ ...good, values: { ...userSettings, apiToken: 'x' } })), /unknown setting \(apiToken\)/],
      [withSettings(JSON.stringify({ ...good, values: { ...userSettings, readerSettings: 'dark' } })), /settings are damaged \(readerSettings\)/],
      [withSettings(JSON.stringify({ ...good, values: { ...userSettings, 'library.keepEveryArticle': 'yes' } })), /damaged/],
    ];
    for (const [file, message] of cases) {
      const target = freshDb();
      const result = await importLibrary(file, { dbName: target, readSettings: readSettingsPart });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(message);
        expect(result.error).toMatch(/Nothing was changed/);
      }
      expect(await counts(target)).toEqual({ entries: 0, versions: 0 });
    }
  });

  it('a backup without settings imports the articles and no settings', async () => {
    const source = freshDb();
    await saveArticle(article(), { dbName: source, images: { fetchImpl: fakeFetch() } });
    const result = await importLibrary(await exportLibrary({ dbName: source }), { dbName: freshDb(), readSettings: readSettingsPart });
    expect(result).toEqual({ ok: true, articles: 1, versions: 1, skipped: 0 });
  });

  it('normalises what it stores (out-of-range values become valid ones)', () => {
    const values = readSettingsPart({ format: 'samizdat-settings', formatVersion: 1, values: { readerSettings: { theme: 'neon', fontSize: 19 }, copySettings: { slowLoadSeconds: 99999 } } });
    expect(values.readerSettings).toMatchObject({ theme: 'system', fontSize: 18 });
    expect((values.copySettings as { slowLoadSeconds: number }).slowLoadSeconds).toBe(600);
  });
});
