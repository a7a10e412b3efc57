/**
 * Test build only (build.mjs --test; release builds drop this module). Headless browsers cannot
 * press the toolbar button, a shortcut or a menu item, and Firefox's WebDriver BiDi cannot open
 * moz-extension:// URLs, so a test page asks — through the test bridge content script — for the
 * exact code those events run.
 */
import browser from 'webextension-polyfill';
import { handle } from './router.js';
import { onToolbarClick } from './toolbar.js';
import { onCommand } from './commands.js';
import { onMenuClick } from './menus.js';
import { runEngineInTab } from './extract-in-tab.js';

/**
 * The floor of click to readable text: what the reader click does to the tab (tabs.get, then
 * tabs.update to an extension page in the same tab), but to floor.html, a page with no script and
 * one line of text (or to `url`, a web page, for comparison); with `extract`, after the engine's
 * extraction as the reader click runs it.
 */
async function openFloorPage(tabId: number, extract: boolean, url: string | undefined): Promise<void> {
  const tab = await browser.tabs.get(tabId);
  if (extract) await runEngineInTab(tabId);
  await browser.tabs.update(tabId, { url: url ?? browser.runtime.getURL(`floor.html?url=${encodeURIComponent(tab.url ?? '')}`) });
}

const stampTrigger = () => {
  // Where the trigger reaches the background, as an absolute time the reader page's paint
  // mark can be compared with (the bench's click-to-readable-text figure).
  (globalThis as { samizdatTriggerAt?: number }).samizdatTriggerAt = performance.timeOrigin + performance.now();
};

export function startTestHooks(): void {
  // How many times the background has started (a test tells a suspended and woken background by it).
  void browser.storage.session
    .get('testBackgroundStarts')
    .then((r) => browser.storage.session.set({ testBackgroundStarts: (Number(r.testBackgroundStarts) || 0) + 1 }))
    .catch(() => undefined);
  handle('test-hook', async (request, sender) => {
    const tab = sender.tab;
    switch (request.hook) {
      case 'ping':
        return { pong: true, browser: __BROWSER__, base: browser.runtime.getURL('') };
      case 'open-page': {
        const created = await browser.tabs.create({ url: browser.runtime.getURL(request.path) });
        return { tabId: created.id };
      }
      case 'action-click':
        stampTrigger();
        if (tab?.id !== undefined) await onToolbarClick(tab.id);
        return { ok: true };
      case 'floor-click':
        stampTrigger();
        if (tab?.id !== undefined) await openFloorPage(tab.id, request.extract === true, request.url);
        return { ok: true };
      case 'command':
        await onCommand(request.name, tab?.id);
        return { ok: true };
      case 'menu':
        await onMenuClick({ menuItemId: request.menuItemId, linkUrl: request.linkUrl }, tab);
        return { ok: true };
    }
  });
}
