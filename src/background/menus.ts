/**
 * Context menus: on the page, on links, and on the toolbar button itself. Menus persist across
 * service-worker restarts, so they are (re)created only on install and update.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { openReaderForTab, readerUrl } from './reader-launch.js';
import { onSaveMenuClick, saveMenuItems } from './save.js';
import { copyMenuItems, onCopyMenuClick } from './copies.js';

export const menuIds = {
  readPage: 'read-page',
  readLink: 'read-link',
  actionLibrary: 'action-library',
  actionOptions: 'action-options',
} as const;

function createMenus(): void {
  const t = (key: string) => browser.i18n.getMessage(key);
  browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: menuIds.readPage, title: t('menuReadPage'), contexts: ['page'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    browser.contextMenus.create({ id: menuIds.readLink, title: t('menuReadLink'), contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] });
    for (const item of saveMenuItems(t)) browser.contextMenus.create(item);
    for (const item of copyMenuItems(t)) browser.contextMenus.create(item);
    browser.contextMenus.create({ id: menuIds.actionLibrary, title: t('menuLibrary'), contexts: ['action'] });
    browser.contextMenus.create({ id: menuIds.actionOptions, title: t('menuOptions'), contexts: ['action'] });
  }, () => undefined);
}

/** What a click on one of our menu items runs (the test hooks call it too). */
export async function onMenuClick(info: Pick<Menus.OnClickData, 'menuItemId' | 'linkUrl'>, tab: Tabs.Tab | undefined): Promise<void> {
  switch (info.menuItemId) {
    case menuIds.readPage:
      if (tab?.id !== undefined) await openReaderForTab(tab.id);
      return;
    case menuIds.readLink:
      if (info.linkUrl) await browser.tabs.create({ url: readerUrl(info.linkUrl), index: tab ? tab.index + 1 : undefined });
      return;
    case menuIds.actionLibrary:
      await browser.tabs.create({ url: browser.runtime.getURL('library.html') });
      return;
    case menuIds.actionOptions:
      await browser.runtime.openOptionsPage();
      return;
    default:
      if (await onCopyMenuClick(info, tab)) return;
      await onSaveMenuClick(info, tab);
  }
}

export function startMenus(): void {
  browser.runtime.onInstalled.addListener(createMenus);
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
}
