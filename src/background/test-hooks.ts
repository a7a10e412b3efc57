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
        // Where the trigger reaches the background, as an absolute time the reader page's paint
        // mark can be compared with (the bench's click-to-readable-text figure).
        (globalThis as { samizdatTriggerAt?: number }).samizdatTriggerAt = performance.timeOrigin + performance.now();
        if (tab?.id !== undefined) await onToolbarClick(tab.id);
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
