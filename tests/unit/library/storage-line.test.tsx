// @vitest-environment jsdom
/**
 * library.html's storage line: the space used and what the browser allows (from
 * navigator.storage.estimate), and persistent storage asked for once — on the first open, not
 * again on the next ones — with the browser's answer shown and a button to ask again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi, beforeAll, afterAll } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: (key: string, subs?: string | string[]) => (subs ? `${key}:${[subs].flat().join('|')}` : key), getUILanguage: () => 'en' },
    storage: { local: { get: async () => ({}), set: async () => undefined } },
    extension: { inIncognitoContext: false },
  },
}));

import { Library } from '../../../src/pages/library/Library.js';
import { requestPersistenceOnce, storageUsage } from '../../../src/storage/quota.js';
import { freshDb } from '../storage/helpers.js';
import { openLibrary } from '../../../src/storage/schema.js';

const forgetAnswer = async () => void (await (await openLibrary()).delete('meta', 'persist-asked'));

const browserStorage = { usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024, persisted: false, grant: false, asked: 0, estimates: 0 };
const original = Object.getOwnPropertyDescriptor(navigator, 'storage');

beforeAll(() => {
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: {
      estimate: async () => {
        browserStorage.estimates++;
        return { usage: browserStorage.usage, quota: browserStorage.quota };
      },
      persisted: async () => browserStorage.persisted,
      persist: async () => {
        browserStorage.asked++;
        browserStorage.persisted = browserStorage.grant;
        return browserStorage.grant;
      },
    },
  });
});
afterAll(() => {
  if (original) Object.defineProperty(navigator, 'storage', original);
  else delete (navigator as { storage?: unknown }).storage;
});

const settle = async () => {
  for (let i = 0; i < 10; i++) await act(async () => void (await new Promise((r) => setTimeout(r, 5))));
};
async function until(check: () => boolean) {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await settle();
  }
}

async function openPage(): Promise<{ root: HTMLElement; close: () => Promise<void> }> {
  const root = document.createElement('div');
  document.body.append(root);
  render(<Library />, root);
  await until(() => !!root.querySelector('.library-storage')?.textContent?.includes('libraryStorageUsed'));
  await settle();
  // Unmounted inside act, and settled after: preact runs effects on a timer, and one left pending
  // would fire after the test environment is gone ("document is not defined").
  const close = async () => {
    await act(async () => render(null, root));
    await settle();
    root.remove();
  };
  return { root, close };
}

describe('storage line and persistent storage', () => {
  it('shows the space used and what the browser allows, and asks for persistent storage once, showing the answer', async () => {
    const first = await openPage();
    const line = () => first.root.querySelector('.library-storage')!;
    expect(line().textContent).toContain('libraryStorageUsed:5.0 MB|2.0 GB');
    expect(browserStorage.asked).toBe(1);
    // Refused: said so, with the date it was asked, and the user may ask again.
    expect(line().querySelector('.library-persist-refused')?.textContent).toMatch(/^libraryPersistRefused:\w+ \d+, \d{4}/);
    expect(line().querySelector('button')?.textContent).toBe('libraryPersist');
    await first.close();

    // The next open does not ask again on its own.
    browserStorage.usage = 7 * 1024 * 1024;
    const second = await openPage();
    expect(second.root.querySelector('.library-storage')!.textContent).toContain('libraryStorageUsed:7.0 MB|2.0 GB');
    expect(browserStorage.asked).toBe(1);

    // Asking again with the button: granted this time, and the line says the library is kept.
    browserStorage.grant = true;
    await act(async () => second.root.querySelector<HTMLButtonElement>('.library-storage button')!.click());
    await until(() => second.root.querySelector('.library-storage')!.textContent!.includes('libraryPersisted'));
    expect(browserStorage.asked).toBe(2);
    expect(second.root.querySelector('.library-storage button')).toBeNull();
    await second.close();
  });

  it('does not ask when the storage is already persistent, and keeps the answer with the library', async () => {
    const dbName = freshDb();
    browserStorage.persisted = true;
    const before = browserStorage.asked;
    expect(await requestPersistenceOnce({ dbName })).toEqual({ persisted: true, answer: null });
    expect(browserStorage.asked).toBe(before);
    browserStorage.persisted = false;
    browserStorage.grant = false;
    const now = () => new Date('2026-11-28T12:00:00Z');
    expect(await requestPersistenceOnce({ dbName, now })).toEqual({ persisted: false, answer: { at: '2026-11-28T12:00:00.000Z', granted: false } });
    expect(await requestPersistenceOnce({ dbName, now })).toEqual({ persisted: false, answer: null });
    expect(browserStorage.asked).toBe(before + 1);
    expect((await storageUsage({ dbName })).asked).toMatchObject({ granted: false });
  });

  it('reads the storage estimate once per open, and again only when persistence was just granted', async () => {
    // A library never asked (the answer is kept in its database), storage not yet persistent.
    await forgetAnswer();
    browserStorage.persisted = false;

    // First open, refused: one read; the line still shows the answer.
    browserStorage.grant = false;
    let reads = browserStorage.estimates;
    const refused = await openPage();
    expect(browserStorage.estimates - reads).toBe(1);
    expect(refused.root.querySelector('.library-persist-refused')).not.toBeNull();
    await refused.close();

    // Next open: not asked again, one read.
    const asked = browserStorage.asked;
    reads = browserStorage.estimates;
    const again = await openPage();
    expect(browserStorage.asked).toBe(asked);
    expect(browserStorage.estimates - reads).toBe(1);
    await again.close();

    // A library never asked, granted: read again after the answer (the browser may allow more).
    await forgetAnswer();
    browserStorage.grant = true;
    browserStorage.quota = 4 * 1024 * 1024 * 1024;
    reads = browserStorage.estimates;
    const granted = await openPage();
    await until(() => granted.root.querySelector('.library-storage')!.textContent!.includes('libraryPersisted'));
    expect(browserStorage.asked).toBe(asked + 1);
    expect(browserStorage.estimates - reads).toBe(2);
    expect(granted.root.querySelector('.library-storage')!.textContent).toContain('|4.0 GB');
    await granted.close();

    // Persistent already: not asked, one read.
    reads = browserStorage.estimates;
    const kept = await openPage();
    expect(browserStorage.asked).toBe(asked + 1);
    expect(browserStorage.estimates - reads).toBe(1);
    await kept.close();
  });
});
