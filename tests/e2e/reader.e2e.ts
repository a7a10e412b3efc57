/**
 * The reader view and the toolbar mark in both browsers, on news fixtures we wrote: the icon is
 * marked only on articles (also after a single-page-app navigation); the one-click path (through
 * the test hook) and reader.html?url= both show exactly the article; Back returns to the page;
 * settings persist across reloads; saving works and the saved copy is then shown first;
 * multi-page articles are joined; right-to-left articles read right to left; axe-core finds no
 * serious or critical violation. Chromium also runs with --lang=fa (mirrored UI) and print media.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { browserNames, launch, repoRoot, type Harness, type Tab } from './harness.js';

type ApiGlobal = { browser?: typeof chrome; chrome?: typeof chrome };

const readerPath = (url: string) => `reader.html?url=${encodeURIComponent(url)}`;
const shots = join(repoRoot, 'demo-output', 'reader');

const ENGLISH = {
  path: '/science/night-trains.html',
  title: 'The quiet return of the night train',
  body: ['Ten years ago the sleeper carriage looked like a museum piece', 'We sell sleep, not speed', 'path NT-402', 'Families'],
  boilerplate: ['ADVERTISEMENT', 'We use cookies', 'Most read', 'Comments (214)', 'Get the morning briefing', 'Subscribe for 1 euro', 'Privacy policy', 'Search the Ledger'],
};

/** Right-to-left fixtures: each script's title, language and the unicode-range of its bundled serif face. */
const RTL_ARTICLES = [
  { language: 'Persian', host: 'khabar.test', path: '/farhang/ketabkhaneh.html', title: 'کتابخانه‌های سیار به روستاها بازگشتند', lang: 'fa', faceRange: 'U\\+0?600-0?6FF', screenshot: true },
  { language: 'Arabic', host: 'akhbar.test', path: '/thaqafa/maktabat.html', title: 'المكتبات المتنقلة تعود إلى القرى', lang: 'ar', faceRange: 'U\\+0?600-0?6FF', screenshot: false },
  { language: 'Hebrew', host: 'hadashot.test', path: '/tarbut/sifriyot.html', title: 'הספריות הניידות חזרו לכפרים', lang: 'he', faceRange: 'U\\+0?590-0?5FF', screenshot: false },
];

/** Polls the tab's own document URL (the tab navigates in place; no other tab is asked). */
async function waitForHref(tab: Tab, want: string, timeout = 15000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await Promise.race([tab.href().catch(() => ''), new Promise<string>((r) => setTimeout(() => r(''), 1000))]);
    if (last === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The tab is at ${last}, not ${want}`);
}

/**
 * Reloads from inside the page (Firefox's driver cannot navigate extension pages). Each look at
 * the page is a short evaluation raced against a timer: a driver call that straddles the reload
 * can be left unanswered (Firefox's driver then waits forever), so none is allowed to.
 */
async function reloadPage(tab: Tab, timeout = 20000): Promise<void> {
  await tab.evaluate(() => {
    (window as unknown as { __beforeReload?: boolean }).__beforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const fresh = await Promise.race([
      tab.evaluate(() => !(window as unknown as { __beforeReload?: boolean }).__beforeReload && document.readyState === 'complete').catch(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1000)),
    ]);
    if (fresh) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The page did not reload');
}

async function waitForArticle(tab: Tab): Promise<void> {
  await tab.waitFor(() => Boolean(document.querySelector('article h1') || document.querySelector('[role="alert"]')), undefined, 40000);
}

/** What a reader test looks at, read in the page. */
function readerFacts(tab: Tab) {
  return tab.evaluate(() => {
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const name = (el: Element) => (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
    const article = document.querySelector('article');
    return {
      h1: Array.from(document.querySelectorAll('h1')).map((h) => h.textContent?.trim() ?? ''),
      firstArticleText: article?.textContent ?? '',
      bodyText: document.body.textContent ?? '',
      saveButtons: Array.from(document.querySelectorAll('button, [role="button"]')).filter((b) => visible(b) && /Save/.test(name(b))).length,
      articleLang: article?.getAttribute('lang') ?? null,
      articleDir: article?.getAttribute('dir') ?? null,
      originalLink: Array.from(document.querySelectorAll('a')).some((a) => visible(a) && a.getAttribute('href') === new URLSearchParams(location.search).get('url')),
      alert: document.querySelector('[role="alert"]')?.textContent ?? null,
    };
  });
}

/** Runs axe-core in a page (its source is evaluated by the driver, outside the page's CSP). */
async function axeViolations(tab: Tab): Promise<string[]> {
  const source = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await (tab.raw as PwPage & PpPage).evaluate(source);
  const found = await tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found;
}

/** The background's view of a tab (by URL) plus its toolbar popup ('' = one click opens the reader). */
async function actionState(h: Harness, url: string, want?: { isArticle: boolean }) {
  const page = await h.openExtensionPage('options.html');
  const state = await page.evaluate(async ({ url, want }) => {
    const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
    let last: { url: string | null; isArticle: boolean; popup: string } | null = null;
    for (let attempt = 0; attempt < 80; attempt++) {
      const tab = (await api.tabs.query({})).find((candidate) => candidate.url === url);
      if (tab?.id !== undefined) {
        const reply = (await api.runtime.sendMessage({ type: 'tab-state', payload: { tabId: tab.id } })) as { url: string | null; isArticle: boolean };
        if (reply.url === url) {
          await new Promise((r) => setTimeout(r, 150));
          last = { ...reply, popup: await api.action.getPopup({ tabId: tab.id }) };
          if (!want || last.isArticle === want.isArticle) return last;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return last;
  }, { url, want });
  await page.close();
  return state;
}

async function setStoredSettings(h: Harness, settings: object | null): Promise<void> {
  const page = await h.openExtensionPage('options.html');
  await page.evaluate(async (value) => {
    const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
    if (value) await api.storage.local.set({ readerSettings: value });
    else await api.storage.local.remove('readerSettings');
    localStorage.removeItem('samizdat.readerSettings');
  }, settings);
  await page.close();
}

for (const browserName of browserNames) {
  describe(`[${browserName}] reader`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await launch(browserName);
      mkdirSync(shots, { recursive: true });
    });
    afterAll(async () => {
      await h?.close();
    });
    // A failed test must not leave its tabs behind: later tests find extension pages by URL.
    const opened: Tab[] = [];
    const openPage = async (path: string) => { const tab = await h.openExtensionPage(path); opened.push(tab); return tab; };
    const openTab = async (url: string) => { const tab = await h.newTab(url); opened.push(tab); return tab; };
    afterEach(async () => {
      for (const tab of opened.splice(0)) await Promise.race([tab.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    });

    it('marks the toolbar button only on article pages', async () => {
      // The last one declares nothing of an article: the verdict comes from detect-full.js,
      // which the background injects on demand (the always-on script has no block-page matcher).
      const articles = [h.url('news.test', ENGLISH.path), h.url('novosti.test', '/obshchestvo/biblioteki.html'), h.url('khabar.test', '/farhang/ketabkhaneh.html'), h.url('news.test', '/notes/harbour-ferry.html')];
      const others = [h.url('shop.test', '/'), h.url('news.test', '/')];
      const tabs: Tab[] = [];
      for (const url of [...articles, ...others]) tabs.push(await openTab(url));
      for (const url of articles) {
        const state = await actionState(h, url, { isArticle: true });
        expect(state, url).toMatchObject({ isArticle: true, popup: '' });
      }
      for (const url of others) {
        const state = await actionState(h, url, { isArticle: false });
        expect(state?.isArticle, url).toBe(false);
        expect(state?.popup, url).toMatch(/popup\.html$/);
      }
      for (const tab of tabs) await tab.close();
    }, 150000);

    it('looks again after a single-page-app navigation', async () => {
      const front = h.url('spa.test', '/');
      const tab = await openTab(front);
      expect((await actionState(h, front, { isArticle: false }))?.isArticle).toBe(false);
      await tab.evaluate(() => (document.querySelector('a[href^="/?story="]') as HTMLAnchorElement).click());
      const story = h.url('spa.test', '/?story=ferry');
      const state = await actionState(h, story, { isArticle: true });
      expect(state).toMatchObject({ url: story, isArticle: true, popup: '' });
      await tab.close();
    }, 150000);

    it('opens exactly the article with one click, and Back returns to the page', async () => {
      const pageUrl = h.url('news.test', ENGLISH.path);
      const tab = await openTab(pageUrl);
      await actionState(h, pageUrl, { isArticle: true });
      // The hook's answer may never come back: the page is navigated away (Firefox's driver then
      // waits forever), so it is not awaited.
      void h.hook(tab, { hook: 'action-click' }).catch(() => undefined);
      // The reader opens in the same tab, so Back returns to the page.
      const reader = tab;
      await waitForHref(reader, h.extensionBase + readerPath(pageUrl));
      await waitForArticle(reader);
      const facts = await readerFacts(reader);
      expect(facts.h1).toEqual([ENGLISH.title]);
      for (const text of ENGLISH.body) expect(facts.firstArticleText).toContain(text);
      for (const text of ENGLISH.boilerplate) expect(facts.bodyText).not.toContain(text);
      expect(facts.saveButtons).toBe(1);
      expect(facts.originalLink).toBe(true);
      // The tab showed the web page first: its own failed requests (a favicon) are not ours.
      expect((await reader.pageErrors()).filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      await reader.screenshot(join(shots, `${browserName}-one-click.png`));
      await reader.goBack();
      await waitForHref(tab, pageUrl);
      await tab.waitFor(() => document.readyState === 'complete');
      expect(await tab.evaluate(() => document.querySelector('h1')?.textContent)).toBe(ENGLISH.title);
      await tab.close();
    }, 150000);

    it('the shortcut and the page menu open the reader too; the link menu opens the link in it', async () => {
      const pageUrl = h.url('news.test', ENGLISH.path);
      for (const request of [{ hook: 'command', name: 'open-reader' }, { hook: 'menu', menuItemId: 'read-page' }] as const) {
        const tab = await openTab(pageUrl);
        await actionState(h, pageUrl, { isArticle: true });
        void h.hook(tab, request).catch(() => undefined);
        await waitForHref(tab, h.extensionBase + readerPath(pageUrl));
        await waitForArticle(tab);
        expect((await readerFacts(tab)).h1, request.hook).toEqual([ENGLISH.title]);
        await tab.goBack();
        await waitForHref(tab, pageUrl);
        await tab.close();
      }
      // "Open link in reader view": the linked page, in a new tab beside this one.
      const front = await openTab(h.url('news.test', '/'));
      const linked = h.url('news.test', '/world/river-towns.html');
      await h.hook(front, { hook: 'menu', menuItemId: 'read-link', linkUrl: linked });
      const reader = await h.findTab((href) => href === h.extensionBase + readerPath(linked), 15000);
      opened.push(reader);
      await waitForArticle(reader);
      expect((await readerFacts(reader)).h1).toEqual(['River towns count the cost of a wet spring']);
      expect(await front.href()).toBe(h.url('news.test', '/'));
    }, 150000);

    it('reader.html?url= fetches and shows exactly the article', async () => {
      const pageUrl = h.url('novosti.test', '/obshchestvo/biblioteki.html');
      const reader = await openPage(readerPath(pageUrl));
      await waitForArticle(reader);
      const facts = await readerFacts(reader);
      expect(facts.alert).toBeNull();
      expect(facts.h1).toEqual(['Сельские библиотеки открываются по вечерам']);
      expect(facts.firstArticleText).toContain('В трёх районах области сельские библиотеки');
      expect(facts.firstArticleText).toContain('Жители, с которыми поговорили корреспонденты');
      for (const text of ['РЕКЛАМА', 'Читайте также', 'Футбольный клуб', 'Контакты']) expect(facts.bodyText).not.toContain(text);
      expect(facts.articleLang).toBe('ru');
      expect(facts.saveButtons).toBe(1);
      expect(await reader.pageErrors()).toEqual([]);
      await reader.close();
    });

    it('says why when the page cannot be loaded, and offers copies', async () => {
      const missing = h.url('news.test', '/world/removed-story.html');
      const reader = await openPage(readerPath(missing));
      await waitForArticle(reader);
      const facts = await reader.evaluate(() => ({
        h1: Array.from(document.querySelectorAll('h1')).map((el) => el.textContent),
        alert: document.querySelector('[role="alert"]')?.textContent ?? '',
        copies: Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href')).find((href) => href?.startsWith('unavailable.html')) ?? null,
      }));
      expect(facts.h1).toHaveLength(1);
      expect(facts.alert).toContain('404');
      expect(facts.copies).toBe(`unavailable.html?url=${encodeURIComponent(missing)}&reason=http-404`);
      // Chromium logs the 404 response of the fetch itself; nothing else may go wrong.
      expect((await reader.pageErrors()).filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    });

    // Each right-to-left script in its bundled face (Vazirmatn for Persian and Arabic, Noto Serif
    // Hebrew): a face is fetched only when text in its range is laid out in it, so loaded means used.
    it.each(RTL_ARTICLES)('reads a $language article right to left, in the bundled face', async ({ host, path, title, lang, faceRange, screenshot }) => {
      await setStoredSettings(h, null); // the default serif font
      const reader = await openPage(readerPath(h.url(host, path)));
      await waitForArticle(reader);
      const facts = await readerFacts(reader);
      expect(facts.h1).toEqual([title]);
      expect(facts.articleDir).toBe('rtl');
      expect(facts.articleLang).toBe(lang);
      expect(await reader.evaluate(() => getComputedStyle(document.querySelector('article p')!).direction)).toBe('rtl');
      expect(await reader.evaluate(() => getComputedStyle(document.querySelector('.article-body p')!).fontFamily)).toMatch(/^"?Samizdat Serif"?,/);
      await reader.waitFor(() => document.fonts.status === 'loaded', undefined, 10000);
      const faceStatus = await reader.evaluate(async (range) => {
        await document.fonts.ready;
        const face = [...document.fonts].find((f) => /Samizdat Serif/.test(f.family) && new RegExp(range, 'i').test(f.unicodeRange));
        return face ? face.status : 'missing';
      }, faceRange);
      expect(faceStatus).toBe('loaded');
      if (screenshot) await reader.screenshot(join(shots, `${browserName}-rtl.png`));
      await reader.close();
    });

    it('joins the pages of a multi-page article in order', async () => {
      const reader = await openPage(readerPath(h.url('news.test', '/series/lighthouse-1.html')));
      await waitForArticle(reader);
      await reader.waitFor(() => (document.querySelector('article')?.textContent ?? '').includes('switched on again at dusk'), undefined, 15000);
      const text = (await readerFacts(reader)).firstArticleText;
      const order = ['switched off for eleven years', 'Finding the lens was the first task', 'switched on again at dusk'].map((s) => text.indexOf(s));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect((await readerFacts(reader)).h1).toHaveLength(1);
      await reader.close();
    });

    it('keeps theme and font settings across reloads and pages', async () => {
      await setStoredSettings(h, null);
      const reader = await openPage(readerPath(h.url('news.test', '/world/river-towns.html')));
      await waitForArticle(reader);
      await reader.evaluate(() => (document.querySelector('button[aria-controls="sz-appearance"]') as HTMLButtonElement).click());
      await reader.waitFor(() => Boolean(document.querySelector('#sz-appearance')));
      await reader.evaluate(() => {
        (document.querySelector('input[name="sz-theme"][value="dark"]') as HTMLInputElement).click();
        (document.querySelector('input[name="sz-font"][value="sans"]') as HTMLInputElement).click();
        (document.querySelector('input[name="sz-width"][value="narrow"]') as HTMLInputElement).click();
      });
      await reader.evaluate(() => (document.querySelector('.size-row button:last-child') as HTMLButtonElement).click());
      const applied = () => reader.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        font: document.documentElement.dataset.font,
        size: document.documentElement.style.getPropertyValue('--reader-size'),
        bg: getComputedStyle(document.body).backgroundColor,
      }));
      const before = await applied();
      expect(before).toMatchObject({ theme: 'dark', font: 'sans', size: '22px' });
      // Reload only once the settings are stored (not after a guessed delay).
      await reader.waitFor(async () => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        const stored = ((await api.storage.local.get('readerSettings')) as { readerSettings?: { theme?: string; font?: string; fontSize?: number } }).readerSettings;
        return stored?.theme === 'dark' && stored.font === 'sans' && stored.fontSize === 22;
      }, undefined, 10000);
      await reloadPage(reader);
      await waitForArticle(reader);
      expect(await applied()).toEqual(before);
      // No flash of the wrong theme: the settings are mirrored where the reader's script, which
      // runs from <head> before anything is painted, reads them synchronously.
      const boot = await reader.evaluate(() => {
        const script = document.head.querySelector('script[src="reader.js"]');
        return { inHead: Boolean(script), deferred: Boolean(script?.hasAttribute('defer') || script?.hasAttribute('async')), mirror: localStorage.getItem('samizdat.readerSettings') };
      });
      expect(boot).toMatchObject({ inHead: true, deferred: false });
      expect(JSON.parse(boot.mirror ?? '{}')).toMatchObject({ theme: 'dark', font: 'sans', fontSize: 22 });
      const other = await openPage(readerPath(h.url('novosti.test', '/obshchestvo/biblioteki.html')));
      await waitForArticle(other);
      expect(await other.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await other.screenshot(join(shots, `${browserName}-dark-sans.png`));
      await other.close();
      await reader.close();
      await setStoredSettings(h, null);
    }, 150000);

    it('saves within 2 s, and then opens the saved copy first', async () => {
      const pageUrl = h.url('news.test', '/world/river-towns.html');
      const reader = await openPage(readerPath(pageUrl));
      await waitForArticle(reader);
      const started = Date.now();
      await reader.evaluate(() => (document.querySelector('button.save') as HTMLButtonElement).click());
      await reader.waitFor(() => {
        const status = document.querySelector('.save-status')?.textContent ?? '';
        return status !== '' && !document.querySelector('button.save[aria-busy="true"]');
      }, undefined, 5000);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await reader.evaluate(() => document.querySelector('.save-status')?.textContent)).toMatch(/Saved for offline reading/);
      await reader.close();

      const again = await openPage(readerPath(pageUrl));
      await waitForArticle(again);
      const banner = await again.evaluate(() => document.querySelector('.saved-banner')?.textContent ?? null);
      expect(banner).toMatch(/Saved copy, /);
      expect((await readerFacts(again)).h1).toEqual(['River towns count the cost of a wet spring']);
      await again.evaluate(() => (document.querySelector('.saved-banner button') as HTMLButtonElement).click());
      await again.waitFor(() => !document.querySelector('.saved-banner'), undefined, 10000);
      expect((await readerFacts(again)).firstArticleText).toContain('Three districts along the lower river');
      await again.close();
    }, 150000);

    it('has no serious or critical accessibility violation (axe-core), in light and dark', async () => {
      for (const theme of ['light', 'dark', 'sepia']) {
        await setStoredSettings(h, { theme });
        const reader = await openPage(readerPath(h.url('news.test', ENGLISH.path)));
        await waitForArticle(reader);
        await new Promise((r) => setTimeout(r, 300));
        expect(await axeViolations(reader), theme).toEqual([]);
        await reader.screenshot(join(shots, `${browserName}-${theme}.png`));
        await reader.close();
      }
      await setStoredSettings(h, null);
    }, 150000);

    it('popup says whether the page is an article and offers read, save, copies and the library', async () => {
      const pageUrl = h.url('news.test', ENGLISH.path);
      const tab = await openTab(pageUrl);
      await actionState(h, pageUrl, { isArticle: true });
      const tabId = await (async () => {
        const page = await h.openExtensionPage('options.html');
        const id = await page.evaluate(async (url) => {
          const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
          return (await api.tabs.query({})).find((t) => t.url === url)?.id ?? null;
        }, pageUrl);
        await page.close();
        return id;
      })();
      const popup = await openPage(`popup.html?tabId=${tabId}`);
      await popup.waitFor(() => Boolean(document.querySelector('.popup-status[data-article="true"]')), undefined, 10000);
      const facts = await popup.evaluate(() => ({
        buttons: Array.from(document.querySelectorAll('button')).map((b) => b.textContent?.trim()),
        links: Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href')),
      }));
      expect(facts.buttons).toEqual(expect.arrayContaining(['Open in reader view', 'Save offline']));
      expect(facts.links.some((href) => href?.startsWith('unavailable.html?url=') && href.includes('reason=user'))).toBe(true);
      expect(facts.links).toContain('library.html');
      expect(await axeViolations(popup)).toEqual([]);
      await popup.evaluate(() => (Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.includes('Save')) as HTMLButtonElement).click());
      await popup.waitFor(() => /Saved/.test(document.querySelector('.popup-save-status')?.textContent ?? ''), undefined, 5000);
      await popup.close();
      await tab.close();
    }, 150000);
  });
}

describe('[chromium] reader in a right-to-left UI (--lang=fa) and in print', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch('chromium', { chromiumArgs: ['--lang=fa'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('mirrors the UI', async () => {
    const reader = await h.openExtensionPage(readerPath(h.url('khabar.test', '/farhang/ketabkhaneh.html')));
    await waitForArticle(reader);
    const layout = await reader.evaluate(() => {
      const original = document.querySelector('.bar-original')!.getBoundingClientRect();
      const save = document.querySelector('button.save')!.getBoundingClientRect();
      return { dir: document.documentElement.dir, lang: document.documentElement.lang, originalX: original.left, saveX: save.left, label: document.querySelector('button.save')!.textContent };
    });
    expect(layout.dir).toBe('rtl');
    expect(layout.lang).toMatch(/^fa/);
    // Mirrored: the link back to the page sits on the right, the actions on the left.
    expect(layout.originalX).toBeGreaterThan(layout.saveX);
    expect(layout.label).toContain('ذخیره');
    expect(await axeViolations(reader)).toEqual([]);
    await reader.screenshot(join(shots, 'chromium-fa-ui.png'));
    await reader.close();
  });

  it('prints only the article, with its source URL and date', async () => {
    const pageUrl = h.url('news.test', ENGLISH.path);
    const reader = await h.openExtensionPage(readerPath(pageUrl));
    await waitForArticle(reader);
    await (reader.raw as PwPage).emulateMedia({ media: 'print' });
    const printed = await reader.evaluate(() => ({
      bar: getComputedStyle(document.querySelector('.reader-bar')!).display,
      source: (document.querySelector('.article-source') as HTMLElement).innerText,
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    expect(printed.bar).toBe('none');
    expect(printed.source).toContain(pageUrl);
    expect(printed.source).toMatch(/2026|۲۰۲۶|۱۴۰۴/);
    expect(printed.bg).toBe('rgb(255, 255, 255)');
    await reader.close();
  });
});
