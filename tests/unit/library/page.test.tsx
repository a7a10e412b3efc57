// @vitest-environment jsdom
/**
 * library.html's component in jsdom with an in-memory IndexedDB: rows link to the reader,
 * search highlights, tags, delete with undo, keyboard navigation.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi, beforeAll } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

// A test can hold storage reads back (`storageReads.held`), as a busy browser does.
const storageReads = vi.hoisted(() => ({ held: null as Promise<void> | null, local: {} as Record<string, unknown>, count: 0 }));
vi.mock('webextension-polyfill', () => {
  const local = storageReads.local;
  return {
    default: {
      i18n: { getMessage: (key: string, subs?: string | string[]) => (subs ? `${key}:${[subs].flat().join('|')}` : key), getUILanguage: () => 'en' },
      storage: {
        local: {
          get: async (k: string) => {
            const value = local[k]; // read now, answered when no longer held
            storageReads.count++;
            await storageReads.held;
            return { [k]: value };
          },
          set: async (o: Record<string, unknown>) => Object.assign(local, o),
        },
      },
      extension: { inIncognitoContext: false },
    },
  };
});

import { saveArticle } from '../../../src/storage/save.js';
import { Library } from '../../../src/pages/library/Library.js';
import type { Article } from '../../../src/core/types.js';

const art = (url: string, title: string, text: string, lang = 'en'): Article => ({
  url, title, byline: null, siteName: 'News Test', publishedTime: '2026-11-20T00:00:00Z', lang, dir: lang === 'fa' ? 'rtl' : 'ltr',
  excerpt: text.slice(0, 60), leadImage: null, contentHtml: `<p>${text}</p>`, textContent: text, wordCount: text.split(' ').length, nextPageUrl: null,
});

const settle = async (ms = 50) => {
  for (let i = 0; i < 10; i++) await act(async () => void (await new Promise((r) => setTimeout(r, ms / 10))));
};
async function until(check: () => boolean, timeout = 5000) {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(20);
  }
}

describe('library page', () => {
  let root: HTMLElement;
  beforeAll(async () => {
    await saveArticle(art('https://news.test/a', 'Bridge closed after the flood', 'Engineers closed the old bridge on Tuesday.'));
    await saveArticle(art('https://khabar.test/b', 'کتابخانه‌ها باز شدند', 'مردم می‌خواهند کتاب بخوانند.', 'fa'));
    root = document.createElement('div');
    document.body.append(root);
    render(<Library />, root);
    await until(() => root.querySelectorAll('li.entry').length === 2);
  });

  it('lists each article as a link to its saved copy in the reader', () => {
    const links = [...root.querySelectorAll<HTMLAnchorElement>('li.entry a.title')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['Bridge closed after the flood', 'reader.html?url=https%3A%2F%2Fnews.test%2Fa']);
    const fa = [...root.querySelectorAll<HTMLAnchorElement>('a.title')].find((a) => a.lang === 'fa')!;
    expect(fa.dir).toBe('rtl');
  });

  it('searches with highlights (Arabic letter variants match Persian)', async () => {
    const input = root.querySelector<HTMLInputElement>('#library-search')!;
    await act(async () => {
      input.value = 'كتابخانه';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => root.querySelectorAll('li.entry').length === 1 && root.querySelector('mark') !== null);
    expect(root.querySelector('li.entry a.title mark')?.textContent).toBe('کتابخانه‌ها');
    await act(async () => {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => root.querySelectorAll('li.entry').length === 2);
  });

  it('adds and removes tags', async () => {
    const row = () => [...root.querySelectorAll<HTMLElement>('li.entry')].find((li) => li.dataset.url === 'https://news.test/a')!;
    await act(async () => [...row().querySelectorAll<HTMLButtonElement>('.tags button')].find((b) => b.textContent === 'libraryAddTagButton')!.click());
    const form = row().querySelector<HTMLFormElement>('form.tag-form')!;
    (form.elements.namedItem('tag') as HTMLInputElement).value = 'infrastructure, flood';
    await act(async () => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => row().querySelectorAll('.tag').length === 2);
    await act(async () => row().querySelector<HTMLButtonElement>('.tag-remove')!.click());
    await until(() => row().querySelectorAll('.tag').length === 1);
    expect(row().querySelector('.tag')?.textContent).toContain('flood');
  });

  it('moves between rows with the arrow keys and deletes with undo', async () => {
    const first = root.querySelector<HTMLAnchorElement>('li.entry a.title')!;
    first.focus();
    await act(async () => void first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    const second = root.querySelectorAll<HTMLAnchorElement>('li.entry a.title')[1]!;
    expect(document.activeElement).toBe(second);
    await act(async () => void second.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true })));
    await until(() => root.querySelectorAll('li.entry').length === 1 && root.querySelector('.library-toast') !== null);
    await act(async () => root.querySelector<HTMLButtonElement>('.library-toast button')!.click());
    await until(() => root.querySelectorAll('li.entry').length === 2);
  });

  it('a click on "keep every article" before the stored value is read is not undone by that read', async () => {
    let release = () => undefined as void;
    storageReads.held = new Promise<void>((r) => (release = r));
    const page = document.createElement('div');
    document.body.append(page);
    const readsBefore = storageReads.count;
    render(<Library />, page);
    // The page has asked for the stored value (and is waiting for the answer) when the click comes.
    await until(() => page.querySelector('.library-option input') !== null && storageReads.count > readsBefore);
    const box = page.querySelector<HTMLInputElement>('.library-option input')!;
    expect(box.checked).toBe(false);
    await act(async () => box.click());
    release();
    storageReads.held = null;
    await settle(100);
    expect(page.querySelector<HTMLInputElement>('.library-option input')!.checked).toBe(true);
    expect(storageReads.local['library.keepEveryArticle']).toBe(true);
    render(null, page);
    page.remove();
    await settle(200); // preact's deferred effects of the unmount run while jsdom is still here
  });
});
