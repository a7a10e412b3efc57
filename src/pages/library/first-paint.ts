/**
 * library.html's first paint, before the full page script (preact, search, exports: ~100 KB) is
 * even parsed: this small script (async, in <head>) opens the database at once, while the
 * stylesheets load and the body parses, reads the newest 50 entries
 * through the bySavedAt index (two requests), draws them as plain DOM rows with the same markup
 * the Row component makes, and only then loads library.js. The full page takes over with the
 * same rows (handed over in FIRST_ROWS_KEY), so nothing visibly jumps.
 *
 * It never creates or upgrades the database: when there is none, or its schema is not the
 * current one, it draws nothing and leaves the work to the full page.
 */
import { DB_NAME, DB_VERSION } from '../../storage/library-names.js';
import type { EntryRecord } from '../../storage/schema.js';
import { pickUiLanguage } from '../shared/ui-language.js';
import { FIRST_PAGE, FIRST_ROWS_KEY, formatDay, readerHref, readingMinutes, siteOf } from './model.js';

type I18n = { getMessage(key: string, subs?: string | string[]): string; getUILanguage?(): string };
const i18n: I18n = ((globalThis as { browser?: { i18n: I18n } }).browser ?? (globalThis as unknown as { chrome: { i18n: I18n } }).chrome).i18n;
// The rows ask for the same few strings 50 times over: each is asked of the browser once.
const strings = new Map<string, string>();
const t = (key: string, subs?: string | string[]) => {
  const id = subs === undefined ? key : `${key}\u0000${[subs].flat().join('\u0000')}`;
  let text = strings.get(id);
  if (text === undefined) strings.set(id, (text = i18n.getMessage(key, subs) || key));
  return text;
};

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openExisting(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open(DB_NAME);
    // No database yet: opening without a version would create an empty one; refuse.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => {
      if (open.result.version === DB_VERSION) resolve(open.result);
      else {
        open.result.close();
        resolve(null);
      }
    };
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
  });
}

/** The newest `count` live entries: the key `count + margin` rows from the newest end, then one getAll. */
async function newestEntries(db: IDBDatabase, count: number): Promise<EntryRecord[]> {
  const index = db.transaction('entries').objectStore('entries').index('bySavedAt');
  const margin = count + 20; // room for entries in the trash
  // One key cursor from the newest end: its first stop is the newest key, the second `margin` rows on.
  const keys: IDBValidKey[] = [];
  await new Promise<void>((resolve, reject) => {
    const req = index.openKeyCursor(null, 'prev');
    req.onsuccess = () => {
      const c = req.result;
      if (c) keys.push(c.key);
      if (c && keys.length === 1) c.advance(margin - 1);
      else resolve();
    };
    req.onerror = () => reject(req.error);
  });
  if (!keys.length) return [];
  const range = keys.length > 1 ? IDBKeyRange.lowerBound(keys[1]) : IDBKeyRange.upperBound(keys[0]);
  const rows = await request(index.getAll(range, margin + 50));
  return (rows as EntryRecord[])
    .filter((e) => !e.trashedAt)
    .sort((a, b) => b.lastSavedAt.localeCompare(a.lastSavedAt))
    .slice(0, count);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The rows as the Row component draws them (title, meta line, excerpt, tags). */
export function drawRows(entries: EntryRecord[], locale: string): HTMLElement {
  const day = (iso: string) => formatDay(iso, locale);
  const list = el('ul', { class: 'entries', 'aria-label': t('libraryTitle') });
  for (const entry of entries) {
    const langDir: Record<string, string> = { dir: entry.dir ?? 'auto', ...(entry.lang ? { lang: entry.lang } : {}) };
    const meta = el(
      'p',
      { class: 'meta muted' },
      el('span', { class: 'site' }, siteOf(entry)),
      ' · ',
      el('time', { datetime: entry.lastSavedAt, title: t('librarySavedAt', day(entry.lastSavedAt)) }, day(entry.publishedTime ?? entry.lastSavedAt)),
      ' · ',
      el('span', {}, t('libraryMinutes', String(readingMinutes(entry.wordCount)))),
    );
    if (entry.versionCount > 1) meta.append(' · ', el('span', {}, t('libraryVersions', String(entry.versionCount))));
    if (!entry.readAt) meta.append(' · ', el('span', { class: 'unread' }, t('libraryUnread')));
    const body = el('div', { class: 'entry-body' }, el('a', { class: 'title', href: readerHref(entry.url), ...langDir }, entry.title), meta);
    if (entry.excerpt) body.append(el('p', { class: 'excerpt', ...langDir }, entry.excerpt));
    body.append(el('div', { class: 'tags' }, ...entry.tags.map((tag) => el('span', { class: 'tag' }, tag))));
    list.append(el('li', { class: `entry${entry.readAt ? ' read' : ''}`, 'data-url': entry.url }, el('input', { type: 'checkbox', class: 'select', disabled: '' }), body));
  }
  return list;
}

/** The script runs async from <head>: the body may still be parsing. */
const bodyParsed = () =>
  document.readyState !== 'loading' ? Promise.resolve() : new Promise<void>((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));

/** Resolves once the browser has painted the current DOM. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function loadFullPage(): void {
  document.body.append(el('script', { src: 'library.js' }));
}

async function firstPaint(): Promise<void> {
  const db = await openExisting();
  // Marks of each step, for the benchmark's breakdown (LIBRARY_PERF_DEBUG=1).
  performance.mark('samizdat-library-db-open');
  if (!db) return;
  try {
    const entries = await newestEntries(db, FIRST_PAGE);
    performance.mark('samizdat-library-entries-read');
    if (!entries.length) return;
    (globalThis as Record<string, unknown>)[FIRST_ROWS_KEY] = entries;
    const locale = pickUiLanguage(i18n.getMessage('uiLocale'), i18n.getUILanguage?.() ?? '');
    document.documentElement.lang = locale;
    const dir = i18n.getMessage('uiDir');
    if (dir === 'rtl' || dir === 'ltr') document.documentElement.dir = dir;
    const main = el('main', { class: 'library' }, el('header', { class: 'library-header' }, el('h1', {}, t('libraryTitle'))), drawRows(entries, locale));
    await bodyParsed();
    document.getElementById('app')?.replaceChildren(main);
    performance.mark('samizdat-library-rows-drawn');
    await afterPaint();
    performance.mark('samizdat-library-rows');
  } finally {
    db.close();
  }
}

performance.mark('samizdat-library-start');
void firstPaint()
  .catch(() => undefined)
  .then(bodyParsed)
  .then(loadFullPage);
