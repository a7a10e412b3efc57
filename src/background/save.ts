/**
 * "Save offline" from the page and link context menus, the toolbar button's menu and the popup.
 *
 * Design (no offscreen document needed): the article is extracted where the DOM is — in the
 * live page, by the same injected engine the reader uses — and the storage pipeline itself is
 * DOM-free (src/storage/html.ts), so the background (Chrome's service worker or Firefox's
 * background page) fetches the images with the host permissions and writes the article in one
 * transaction. A link is saved by opening the reader on it with `&save=1`: the reader page
 * fetches, extracts and saves it, and shows the result.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import type { Article } from '../core/types.js';
import { saveArticle, type SaveResult } from '../storage/save.js';
import { handle } from './router.js';
import { runEngineInTab } from './extract-in-tab.js';

export const saveMenuIds = {
  savePage: 'save-page',
  saveLink: 'save-link',
  actionSave: 'action-save',
} as const;

/** The menu items this feature adds (menus.ts creates them with the others). */
export function saveMenuItems(t: (key: string) => string): Menus.CreateCreatePropertiesType[] {
  return [
    { id: saveMenuIds.savePage, title: t('menuSavePage'), contexts: ['page'], documentUrlPatterns: ['http://*/*', 'https://*/*'] },
    { id: saveMenuIds.saveLink, title: t('menuSaveLink'), contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] },
    { id: saveMenuIds.actionSave, title: t('menuSave'), contexts: ['action'] },
  ];
}

/** The article of a tab's page, and the HTTP status its document was served with (navigation timing). */
async function extractInTab(tabId: number): Promise<{ article: Article | null; httpStatus: number | undefined }> {
  const { article, httpStatus } = await runEngineInTab(tabId);
  return { article, httpStatus: httpStatus || undefined };
}

async function flash(tabId: number, ok: boolean, title: string): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ tabId, color: ok ? '#2d6a4f' : '#9b2226' }).catch(() => undefined);
  await browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' }).catch(() => undefined);
  await browser.action.setTitle({ tabId, title }).catch(() => undefined);
  setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), 5000);
}

/** Saves the article on a tab's live page (what the menus and the popup's Save run). */
export async function saveTab(tabId: number): Promise<SaveResult> {
  const tab = await browser.tabs.get(tabId);
  const pageUrl = tab.url;
  if (!pageUrl || !/^https?:/.test(pageUrl)) return { ok: false, error: 'Only web pages can be saved.' };
  let article: Article | null = null;
  let httpStatus: number | undefined;
  try {
    ({ article, httpStatus } = await extractInTab(tabId));
  } catch (error) {
    return { ok: false, error: `The page could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!article) {
    await flash(tabId, false, browser.i18n.getMessage('saveBadgeFailed', 'no article'));
    return { ok: false, error: 'No article was found on this page.' };
  }
  const result = await saveArticle(article, { pageUrl, finalUrl: pageUrl, httpStatus });
  await flash(tabId, result.ok, result.ok ? browser.i18n.getMessage('saveBadgeDone', article.title) : browser.i18n.getMessage('saveBadgeFailed', result.error));
  return result;
}

/** Saving a link: the reader opens it and saves it (it has the DOM to extract it). */
export async function saveLink(linkUrl: string, tab: Tabs.Tab | undefined): Promise<void> {
  const url = browser.runtime.getURL(`reader.html?url=${encodeURIComponent(linkUrl)}&save=1`);
  await browser.tabs.create({ url, index: tab ? tab.index + 1 : undefined, active: false, openerTabId: tab?.id });
}

/** Runs a save menu item; false when the id is not one of ours. */
export async function onSaveMenuClick(info: Pick<Menus.OnClickData, 'menuItemId' | 'linkUrl'>, tab: Tabs.Tab | undefined): Promise<boolean> {
  switch (info.menuItemId) {
    case saveMenuIds.savePage:
    case saveMenuIds.actionSave:
      if (tab?.id !== undefined) await saveTab(tab.id);
      return true;
    case saveMenuIds.saveLink:
      if (info.linkUrl) await saveLink(info.linkUrl, tab);
      return true;
    default:
      return false;
  }
}

export function startSave(): void {
  handle('save-tab', ({ tabId }) => saveTab(tabId));
}
