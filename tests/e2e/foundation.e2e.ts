/**
 * The foundation in both browsers: the extension installs with host access, its background
 * answers, the always-on content script runs on an http page, and every extension page opens
 * without errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserNames, launch, type Harness } from './harness.js';

const extensionPages = (h: Harness) => ['reader.html?url=' + encodeURIComponent(h.url('news.test', '/world/river-towns.html')), 'library.html', 'popup.html', 'options.html', 'unavailable.html?url=' + encodeURIComponent('http://gone.test/x') + '&reason=dns'];

type ApiGlobal = { browser?: typeof chrome; chrome?: typeof chrome };

for (const browserName of browserNames) {
  describe(`[${browserName}] foundation`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await launch(browserName);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('is granted host access to http and https sites at install', async () => {
      const page = await h.openExtensionPage('options.html');
      const granted = await page.evaluate(() => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        return api.permissions.contains({ origins: ['http://*/*', 'https://*/*'] });
      });
      expect(granted).toBe(true);
      await page.close();
    });

    it('starts the background, which answers the test bridge', async () => {
      const tab = await h.newTab(h.url('news.test', '/'));
      const reply = (await h.hook(tab, { hook: 'ping' })) as { pong: boolean; browser: string; base: string };
      expect(reply.pong).toBe(true);
      expect(reply.browser).toBe(browserName === 'chromium' ? 'chrome' : 'firefox');
      expect(reply.base).toBe(h.extensionBase);
      await tab.close();
    });

    it('runs the content script on an http page and reports to the background', async () => {
      const articleUrl = h.url('news.test', '/world/river-towns.html');
      const tab = await h.newTab(articleUrl);
      const page = await h.openExtensionPage('options.html');
      const state = await page.evaluate(async (url) => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        for (let attempt = 0; attempt < 50; attempt++) {
          const tab = (await api.tabs.query({})).find((candidate) => candidate.url === url);
          if (tab?.id !== undefined) {
            const reply = (await api.runtime.sendMessage({ type: 'tab-state', payload: { tabId: tab.id } })) as { url: string | null };
            if (reply.url === url) return reply;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        return null;
      }, articleUrl);
      expect(state).not.toBeNull();
      expect(state!.url).toBe(articleUrl);
      await page.close();
      await tab.close();
    });

    for (const [index, name] of ['reader', 'library', 'popup', 'options', 'unavailable'].entries()) {
      it(`opens ${name}.html without errors`, async () => {
        const page = await h.openExtensionPage(extensionPages(h)[index]!);
        await page.waitFor(() => (document.getElementById('app')?.childElementCount ?? 0) > 0);
        await new Promise((r) => setTimeout(r, 300));
        expect(await page.pageErrors()).toEqual([]);
        await page.close();
      });
    }
  });
}
