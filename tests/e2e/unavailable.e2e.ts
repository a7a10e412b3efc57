/**
 * Issue 6 in both browsers: pages that cannot be opened go to unavailable.html with the right
 * reason; pages that loaded but are unavailable get the in-page notice; each with the right
 * links, against a local server that resets, refuses, hangs, answers 404/410/451/503 with and
 * without a body, serves a block page, and redirects to a block host, and local fake archive
 * and mirror-list endpoints. No lookup is made for healthy pages; a dead archive does not
 * delay the rest; no false alarm for Cloudflare challenges, 401, 429, soft-404 search pages.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserNames, launch, repoRoot, type Harness, type Tab } from './harness.js';
import { unansweredListener } from './unanswered-listener.js';

type ApiGlobal = { browser?: typeof chrome; chrome?: typeof chrome };

/** A port nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 1;
  await new Promise((r) => server.close(r));
  return port;
}

/** An HTTPS server for tls.test whose certificate no browser trusts (a certificate error). */
async function untrustedTlsServer(): Promise<{ server: HttpsServer; port: number }> {
  const dir = join(repoRoot, 'tests/fixtures/tls');
  const server = createTlsServer({ key: readFileSync(join(dir, 'self-signed.key')), cert: readFileSync(join(dir, 'self-signed.crt')) }, (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Should not be shown</title><p>An untrusted certificate.</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/**
 * A server on one of the Fetch standard's bad ports (browsers refuse them unless the user allows
 * one), serving `body`: the first of a few such ports that is free on this machine.
 */
async function badPortServer(body: string): Promise<{ server: HttpServer; port: number }> {
  for (const port of [10080, 6697, 6679, 6669, 6668, 6667, 6666, 6665, 6566, 4190, 4045, 3659]) {
    const server = createHttpServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    });
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { server, port };
  }
  throw new Error('No bad port free for the allowed-port test');
}

const CAPTURE_TS = '20240115093000';
const html = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** Copy settings whose every lookup goes to the local fakes on `port`, so nothing leaves the machine. */
function localCopySettings(port: number, mirrorListUrls: string[], slowLoadSeconds: number, autoLookups: boolean) {
  const base = `http://archive.test:${port}`;
  return {
    endpoints: { wayback: base, waybackAvailability: `${base}/wayback/available`, ghostarchive: base, megalodon: base },
    archiveTodayHost: base,
    mirrorListUrls,
    slowLoadSeconds,
    autoLookups,
  };
}

/** Stores copy settings from the options page, which stays open for the caller (close it when done). */
async function storeCopySettings(h: Harness, value: ReturnType<typeof localCopySettings>): Promise<Tab> {
  const options = await h.openExtensionPage('options.html');
  await options.evaluate(async (v) => {
    const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
    await api.storage.local.set({ copySettings: v, mirrorListCache: null });
  }, value);
  return options;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): boolean {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
  return true;
}

const searchResults = html(
  'Search: rivers',
  `<h1>Search results for “rivers”</h1><ol>${Array.from({ length: 30 }, (_, i) => `<li><a href="/world/story-${i}.html">River towns story number ${i}</a><p>A short teaser about river towns and the floods of the season, number ${i}, with enough words to count.</p></li>`).join('')}</ol>`,
);

const paragraph = (i: number) =>
  `<p>The river towns of the northern valley have lived with floods for centuries, and paragraph ${i} of this report follows how councils, farmers and families prepared for the spring water this year, what the new defences cost, and who paid for them in the end.</p>`;
const savedStory = html(
  'River towns brace for the spring floods — The Test Ledger',
  `<header><nav><a href="/">Home</a> <a href="/world/">World</a></nav></header><main><article><h1>River towns brace for the spring floods</h1><p class="byline">By A. Reporter</p>${Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join('')}</article></main><footer>© The Test Ledger</footer>`,
);

for (const browserName of browserNames) {
  describe(`[${browserName}] unavailable pages`, () => {
    let h: Harness;
    let refusedPort: number;
    /** A bad port this browser was told to allow (as a user can), with a page on it. */
    let allowed: { server: HttpServer; port: number };
    let archiveMode: 'ok' | 'dead' | 'malformed' = 'ok';
    let savedPageMode: 'file' | 'reset' | '404' = 'file';
    let preservedPageMode: 'file' | 'reset' = 'reset';
    const hanging: ServerResponse[] = [];
    /** The copy settings every test starts from (local fakes for every endpoint). */
    let baseSettings: Record<string, unknown> = {};

    /** Availability checks made, all or for exactly one page. */
    const archiveRequests = (pageUrl?: string) =>
      h.server.requests.filter(
        (r) => r.host === 'archive.test' && r.path.startsWith('/wayback/available') && (!pageUrl || new URL(r.path, 'http://x').searchParams.get('url') === pageUrl),
      );

    async function setSettings(settings: Record<string, unknown>): Promise<void> {
      const page = await h.openExtensionPage('options.html');
      await page.evaluate(async (value) => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        await api.storage.local.set({ copySettings: value, mirrorListCache: null });
      }, settings);
      await page.close();
    }

    /** Navigates without waiting for a load that may never come. */
    async function navigate(tab: Tab, url: string): Promise<number> {
      const started = Date.now();
      await tab.evaluate((u) => {
        setTimeout(() => (location.href = u), 0);
      }, url);
      return started;
    }

    async function waitForHref(tab: Tab, predicate: (href: string) => boolean, timeout = 8000): Promise<string> {
      const deadline = Date.now() + timeout;
      let href = '';
      while (Date.now() < deadline) {
        href = await tab.href().catch(() => '');
        if (predicate(href)) return href;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`The tab did not get there in time (last: ${href})`);
    }

    async function expectUnavailable(path: string, reason: string, url = h.url('news.test', path)) {
      const tab = await h.newTab(h.url('news.test', '/'));
      const started = await navigate(tab, url);
      const unavailable = h.extensionBase + 'unavailable.html';
      const href = await waitForHref(tab, (x) => x.startsWith(unavailable));
      // When the tab started for unavailable.html (its navigation start, on the machine's clock),
      // not when the driver's polling saw it there: a loaded machine stretches the polling most.
      const elapsed = (await tab.evaluate(() => performance.timeOrigin)) - started;
      const params = new URL(href).searchParams;
      expect(params.get('url')).toBe(url);
      expect(params.get('reason')).toBe(reason);
      expect(elapsed).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(3500);
      await tab.waitFor(() => document.querySelectorAll('.archives a').length > 0);
      return tab;
    }

    /** The unavailable page's errors; the failed navigation before it in the same tab logs its own. */
    async function pageErrors(tab: Tab): Promise<string[]> {
      return (await tab.pageErrors()).filter((e) => !/Failed to load resource/.test(e));
    }

    async function links(tab: Tab, selector: string): Promise<string[]> {
      return tab.evaluate((s) => [...document.querySelectorAll<HTMLAnchorElement>(s)].map((a) => a.getAttribute('href') ?? ''), selector);
    }

    async function noticeLinks(tab: Tab): Promise<string[]> {
      return tab.evaluate(() => {
        const root = document.querySelector('[data-samizdat-notice]')?.shadowRoot;
        return root ? [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '') : [];
      });
    }

    async function expectNotice(path: string, options: { url?: string } = {}): Promise<Tab> {
      const tab = await h.newTab(h.url('news.test', '/'));
      const started = await navigate(tab, h.url('news.test', path));
      await tab.waitFor(() => !!document.querySelector('[data-samizdat-notice]')?.shadowRoot?.querySelector('.archives a'), undefined, 8000);
      const driverMs = Date.now() - started;
      // PRODUCT.md: the notice, with its archive links, within 3 s. Timed on the page's own clock
      // (from its navigation start, marks the test build sets), not the driver's: the driver's
      // round trips and polling are no part of what the user waits for, and a loaded machine
      // stretches them most.
      const [startMs, probedMs, shownMs, linksMs] = await tab.evaluate(() =>
        ['samizdat:check-start', 'samizdat:check-probed', 'samizdat:notice-shown', 'samizdat:notice-links'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? -1),
      );
      if (process.env.SAMIZDAT_NOTICE_LATENCY) {
        const dcl = await tab.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventStart ?? -1);
        const f = (x: number | undefined) => (x ?? -1).toFixed(0);
        console.log(`notice-latency ${browserName} ${path} dcl=${f(dcl)} check=${f(startMs)} probed=${f(probedMs)} shown=${f(shownMs)} links=${f(linksMs)} driver=${driverMs}`);
      }
      expect(shownMs).toBeGreaterThan(0);
      expect(linksMs).toBeGreaterThanOrEqual(shownMs!);
      expect(linksMs).toBeLessThan(3000);
      const url = options.url ?? h.url('news.test', path);
      const hrefs = await noticeLinks(tab);
      expect(hrefs).toContain(`http://archive.test:${h.server.port}/newest/${url}`);
      expect(hrefs.some((x) => x.startsWith(`http://archive.test:${h.server.port}/web/`) && x.endsWith(`/${url}`))).toBe(true);
      return tab;
    }

    const mirrorRequests = () => h.server.requests.filter((r) => r.host === 'mirror.test');

    /** The latest saved copy of a page in the library (read from an extension page's IndexedDB). */
    async function latestSavedCopy(tab: Tab, pageUrl: string): Promise<{ sourceUrl: string; waybackCaptureUrl: string | null } | null> {
      return tab.evaluate(
        (target) =>
          new Promise<{ sourceUrl: string; waybackCaptureUrl: string | null } | null>((resolve, reject) => {
            const open = indexedDB.open('samizdat-library');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction(['entries', 'versions'], 'readonly');
              const byAlias = tx.objectStore('entries').index('byAlias').get(target);
              byAlias.onsuccess = () => {
                const entry = byAlias.result as { url: string; latestVersion: number } | undefined;
                if (!entry) return resolve(null);
                const version = tx.objectStore('versions').get([entry.url, entry.latestVersion]);
                version.onsuccess = () => resolve((version.result as { sourceUrl: string; waybackCaptureUrl: string | null } | undefined) ?? null);
              };
              tx.oncomplete = () => open.result.close();
            };
          }),
        pageUrl,
      );
    }

    /** Clicks "Preserve this page" on unavailable.html against a fake Save Page Now; returns the capture it reports. */
    async function preserveFrom(tab: Tab, pageUrl: string, timestamp: string): Promise<string> {
      h.server.route(`archive.test/save/${pageUrl}`, (_q: IncomingMessage, res: ServerResponse) =>
        send(res, 200, html('Saved', '<p>Saved</p>'), { 'content-location': `/web/${timestamp}/${pageUrl}` }),
      );
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('button.preserve-page')!.click());
      await tab.waitFor(() => !!document.querySelector('.preserve-result.ok a'));
      const capture = `http://archive.test:${h.server.port}/web/${timestamp}/${pageUrl}`;
      expect(await links(tab, '.preserve-result a')).toEqual([capture]);
      return capture;
    }

    /** Saves the article on a tab showing `pageUrl`, as the page menu's "Save offline" does (asked from an extension page). */
    async function saveFromTab(options: Tab, pageUrl: string): Promise<void> {
      const saved = await options.evaluate(async (target) => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        const tab = (await api.tabs.query({})).find((t) => t.url === target);
        return api.runtime.sendMessage({ type: 'save-tab', payload: { tabId: tab!.id } });
      }, pageUrl);
      expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    }

    async function expectNoNotice(path: string): Promise<void> {
      // Counted for this page only: a tab an earlier failed test left open may still look up its own.
      const before = archiveRequests(h.url('news.test', path)).length;
      const mirrorsBefore = mirrorRequests().length;
      const tab = await h.newTab(h.url('news.test', '/'));
      await navigate(tab, h.url('news.test', path));
      await waitForHref(tab, (x) => x.includes(path.split('?')[0]!));
      await tab.waitFor(() => document.readyState === 'complete');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await tab.evaluate(() => !!document.querySelector('[data-samizdat-notice]'))).toBe(false);
      expect(await tab.href()).toContain(path.split('?')[0]!);
      expect(archiveRequests(h.url('news.test', path)).length).toBe(before);
      expect(mirrorRequests().length).toBe(mirrorsBefore);
      await tab.close();
    }

    beforeAll(async () => {
      allowed = await badPortServer(savedStory);
      h = await launch(browserName, {
        chromiumArgs: [`--explicitly-allowed-ports=${allowed.port}`],
        firefoxPrefs: { 'network.security.ports.banned.override': String(allowed.port) },
      });
      refusedPort = await closedPort();
      const s = h.server;
      const route = (path: string, fn: (req: IncomingMessage, res: ServerResponse) => boolean) => s.route(`news.test${path}`, fn);
      // A TCP reset (RST), as middleboxes send; a plain close would be an empty response.
      route('/reset', (req) => (req.socket.resetAndDestroy(), true));
      route('/closed', (req) => (req.socket.destroy(), true));
      route('/gone-for-archive', (req) => (req.socket.resetAndDestroy(), true));
      route('/world/saved-story.html', (req, res) => {
        if (savedPageMode === 'reset') return req.socket.resetAndDestroy(), true;
        if (savedPageMode === '404') return send(res, 404, html('Not found', '<h1>Not found</h1>'));
        return send(res, 200, savedStory);
      });
      route('/world/preserved-story.html', (req, res) => (preservedPageMode === 'reset' ? (req.socket.resetAndDestroy(), true) : send(res, 200, savedStory)));
      route('/hang', (_req, res) => (hanging.push(res), true));
      route('/gone-404', (_q, res) => send(res, 404, html('Page not found', '<h1>Page not found</h1><p>Sorry, this page does not exist.</p>')));
      route('/empty-404', (_q, res) => send(res, 404, ''));
      route('/removed-410', (_q, res) => send(res, 410, html('Gone', '<h1>Gone</h1><p>This story was removed.</p>')));
      route('/censored-451', (_q, res) =>
        send(res, 451, html('Unavailable For Legal Reasons', '<h1>Unavailable For Legal Reasons</h1><p>This content is not available in your country.</p>'), {
          link: '<https://authority.example/orders/42>; rel="blocked-by"',
        }),
      );
      route('/down-503', (_q, res) => send(res, 503, html('Service unavailable', '<h1>Service unavailable</h1><p>Try again later.</p>')));
      route('/empty-503', (_q, res) => send(res, 503, ''));
      route('/empty-410', (_q, res) => send(res, 410, ''));
      route('/empty-451', (_q, res) => send(res, 451, ''));
      route('/download', (_q, res) => send(res, 200, 'a,b\n1,2\n', { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="data.csv"' }));
      route('/bad-gateway-522', (_q, res) => send(res, 522, html('522: Connection timed out', '<h1>Connection timed out</h1>')));
      route('/challenge', (_q, res) =>
        send(res, 503, html('Just a moment...', '<div id="challenge-form"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>'), { 'cf-mitigated': 'challenge', server: 'cloudflare' }),
      );
      route('/challenge-403', (_q, res) => send(res, 403, html('Attention Required! | Cloudflare', '<div class="cf-browser-verification"></div><h1>Please verify you are a human</h1>'), { server: 'cloudflare' }));
      route('/login', (_q, res) => send(res, 401, html('Sign in', '<h1>Sign in to read</h1><form><input name=u></form>'), { 'www-authenticate': 'Bearer' }));
      route('/rate', (_q, res) => send(res, 429, html('Too many requests', '<h1>Too many requests</h1>'), { 'retry-after': '30' }));
      route('/search', (_q, res) => send(res, 404, searchResults));
      route('/forbidden', (_q, res) => send(res, 403, html('403 Forbidden', '<h1>403 Forbidden</h1><p>This content is not available in your country.</p>')));
      route('/blocked-200', (_q, res) =>
        send(res, 200, html('Access denied', '<h1>Access to this site is restricted</h1><p>By order of the authorities. <a href="http://peyvandha.ir/1-2.htm">peyvandha.ir/1-2</a></p>')),
      );
      route('/redirected', (_q, res) => (res.writeHead(302, { location: `http://blocked.test:${s.port}/index2.php?ucat=7` }), res.end(), true));
      route('/redirected-dead', (_q, res) => (res.writeHead(302, { location: `http://blocked.test:${refusedPort}/index2.php?ucat=7` }), res.end(), true));
      s.route('blocked.test/index2.php', (_q: IncomingMessage, res: ServerResponse) => send(res, 200, html('Blocked', '<h1>This site is blocked</h1><p>The site you requested is not available.</p>')));
      s.route('archive.test/wayback/available', (_req: IncomingMessage, res: ServerResponse, url: URL) => {
        if (archiveMode === 'dead') return hanging.push(res), true;
        if (archiveMode === 'malformed') return send(res, 200, '{"archived_snapshots": {', { 'content-type': 'application/json' });
        const target = url.searchParams.get('url') ?? '';
        const body = JSON.stringify({
          url: target,
          archived_snapshots: { closest: { status: '200', available: true, url: `http://web.archive.org/web/${CAPTURE_TS}/${target}`, timestamp: CAPTURE_TS } },
        });
        return send(res, 200, body, { 'content-type': 'application/json' });
      });
      s.route('mirror.test/dead-list.json', (_q: IncomingMessage, res: ServerResponse) => send(res, 404, 'no'));
      s.route('mirror.test/mirrorSites.json', (_q: IncomingMessage, res: ServerResponse) =>
        send(
          res,
          200,
          JSON.stringify({
            version: 2,
            sites: [
              {
                main_domain: 'news.test',
                available_alternatives: [
                  { proto: 'https', type: 'mirror', url: 'https://news-mirror.example', created_at: '2024-01-01', updated_at: '2024-01-02' },
                  { proto: 'tor', type: 'eotk', url: 'http://newsabcdefghijklmnop.onion', created_at: '2024-01-01', updated_at: '2024-01-02' },
                ],
              },
            ],
          }),
          { 'content-type': 'application/json' },
        ),
      );
      const base = `http://archive.test:${s.port}`;
      baseSettings = {
        endpoints: { wayback: base, waybackAvailability: `${base}/wayback/available`, ghostarchive: base, megalodon: base },
        archiveTodayHost: base,
        mirrorListUrls: [h.url('mirror.test', '/dead-list.json'), h.url('mirror.test', '/mirrorSites.json')],
        slowLoadSeconds: 2,
        autoLookups: true,
      };
      await setSettings(baseSettings);
    });
    afterAll(async () => {
      for (const res of hanging) res.destroy();
      allowed?.server.close();
      await h?.close();
    });

    it('sends a reset connection to unavailable.html with every kind of copy', async () => {
      archiveMode = 'ok';
      const url = h.url('news.test', '/reset');
      const tab = await expectUnavailable('/reset', 'connection-reset');
      expect(await tab.evaluate(() => document.querySelector('.reason')?.textContent ?? '')).toMatch(/reset/i);
      expect(await links(tab, 'a.retry')).toEqual([url]);
      expect(await links(tab, '[data-archive="archive-today"] a')).toEqual([`http://archive.test:${h.server.port}/newest/${url}`]);
      // The availability check finds a 2xx capture: the Wayback link takes its timestamp and shows its date.
      await tab.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'found');
      expect(await links(tab, '[data-archive="wayback"] a')).toEqual([`http://archive.test:${h.server.port}/web/${CAPTURE_TS}/${url}`]);
      expect(await tab.evaluate(() => document.querySelector('[data-archive="wayback"]')?.textContent ?? '')).toMatch(/2024/);
      expect(archiveRequests(url).length).toBeGreaterThan(0);
      // Mirrors from the list (the first list URL is dead; the second answers): same path, onion last with a hint.
      await tab.waitFor(() => document.querySelectorAll('.mirrors a').length === 2);
      expect(await links(tab, '.mirrors a')).toEqual(['https://news-mirror.example/reset', 'http://newsabcdefghijklmnop.onion/reset']);
      expect(await tab.evaluate(() => document.querySelector('.mirrors li:last-child')?.textContent ?? '')).toMatch(/Tor/);
      const reader = await links(tab, 'a.read-archived');
      expect(reader[0]).toMatch(/^reader\.html\?url=/);
      expect(decodeURIComponent(reader[0]!.slice('reader.html?url='.length))).toBe(`http://archive.test:${h.server.port}/web/${CAPTURE_TS}id_/${url}`);
      expect(await links(tab, 'a.archive-today-save')).toEqual([`http://archive.test:${h.server.port}/?url=${encodeURIComponent(url)}`]);
      // "Preserve this page": Save Page Now answers with the capture, which the page reports.
      h.server.route(`archive.test/save/${url}`, (_q: IncomingMessage, res: ServerResponse) => send(res, 200, html('Saved', '<p>Saved</p>'), { 'content-location': `/web/20240201000000/${url}` }));
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('button.preserve-page')!.click());
      await tab.waitFor(() => !!document.querySelector('.preserve-result.ok a'));
      expect(await links(tab, '.preserve-result a')).toEqual([`http://archive.test:${h.server.port}/web/20240201000000/${url}`]);
      expect(await pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('sends a refused connection to unavailable.html', async () => {
      const tab = await expectUnavailable('/refused', 'connection-refused', `http://news.test:${refusedPort}/refused`);
      await tab.close();
    });

    it('sends a connection closed without an answer to unavailable.html', async () => {
      // Firefox reports a connection closed before any answer as a reset.
      const tab = await expectUnavailable('/closed', browserName === 'firefox' ? 'connection-reset' : 'empty-response');
      await tab.close();
    });

    it('sends a certificate error (an untrusted self-signed certificate) to unavailable.html as tls', async () => {
      const { server, port } = await untrustedTlsServer();
      try {
        const tab = await expectUnavailable('/', 'tls', `https://tls.test:${port}/story.html`);
        expect(await tab.evaluate(() => document.querySelector('.reason')?.textContent ?? '')).not.toBe('');
        await tab.close();
      } finally {
        server.close();
      }
    });

    it('sends a navigation the browser refuses by policy (an unsafe port) to unavailable.html', async () => {
      // Port 6000 (X11) is on both browsers' list of ports no page may be loaded from.
      const tab = await expectUnavailable('/', 'blocked-by-policy', 'http://news.test:6000/story.html');
      await tab.close();
    });

    it('a page on a normally refused port that the user allowed is no failure', async () => {
      const url = `http://news.test:${allowed.port}/world/story.html`;
      const tab = await h.newTab(h.url('news.test', '/'));
      await navigate(tab, url);
      await waitForHref(tab, (x) => x === url);
      await tab.waitFor(() => document.readyState === 'complete' && /River towns/.test(document.title));
      await new Promise((r) => setTimeout(r, 2000));
      expect(await tab.href()).toBe(url);
      expect(await tab.evaluate(() => document.querySelector('h1')?.textContent ?? '')).toBe('River towns brace for the spring floods');
      await tab.close();
    });

    it('offers "Retry without the query string" when the URL has one', async () => {
      const tab = await expectUnavailable('/reset?utm_source=x', 'connection-reset');
      expect(await links(tab, '.offer-without-query a')).toEqual([h.url('news.test', '/reset')]);
      await tab.close();
    });

    it('after a DNS failure asks no archive until the user clicks "Check archives"', async () => {
      const url = 'http://no-such-host.invalid/story.html';
      const tab = await h.newTab(h.url('news.test', '/'));
      await navigate(tab, url);
      const href = await waitForHref(tab, (x) => x.startsWith(h.extensionBase + 'unavailable.html'), 15000);
      expect(new URL(href).searchParams.get('reason')).toBe('dns');
      await tab.waitFor(() => !!document.querySelector('button.check-archives'));
      await new Promise((r) => setTimeout(r, 500));
      expect(archiveRequests(url)).toEqual([]);
      // The plain links are there all the same.
      expect(await links(tab, '[data-archive="wayback"] a')).toEqual([`http://archive.test:${h.server.port}/web/2/${url}`]);
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('button.check-archives')!.click());
      await tab.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'found');
      expect(archiveRequests(url).length).toBe(1);
      await tab.close();
    });

    it('goes to unavailable.html for an HTTP error with an empty body', async () => {
      const t1 = await expectUnavailable('/empty-404', 'http-404');
      await t1.close();
      const t2 = await expectUnavailable('/empty-503', 'http-503');
      await t2.close();
      const t3 = await expectUnavailable('/empty-410', 'http-410');
      await t3.close();
      const t4 = await expectUnavailable('/empty-451', 'http-451');
      await t4.close();
    });

    it('shows the in-page notice on 404, 410, 503 and 522 pages', async () => {
      for (const path of ['/bad-gateway-522', '/gone-404', '/removed-410', '/down-503']) {
        const tab = await expectNotice(path);
        await tab.close();
      }
    });

    it('names the blocking party of a 451 (RFC 7725)', async () => {
      const tab = await expectNotice('/censored-451');
      const text = await tab.evaluate(() => document.querySelector('[data-samizdat-notice]')?.shadowRoot?.textContent ?? '');
      expect(text).toContain('https://authority.example/orders/42');
      expect(text).toMatch(/legal/i);
      await tab.close();
    });

    it('shows the notice on a 403 error page (geo-blocking)', async () => {
      const tab = await expectNotice('/forbidden');
      await tab.close();
    });

    it('recognises a block page served with 200', async () => {
      const tab = await expectNotice('/blocked-200');
      await tab.close();
    });

    it('recognises a redirect to a block host, offering copies of the page asked for', async () => {
      const tab = await expectNotice('/redirected', { url: h.url('news.test', '/redirected') });
      expect(await tab.href()).toContain('blocked.test');
      await tab.close();
    });

    it('sends a redirect to an unreachable block host to unavailable.html as a block page', async () => {
      const tab = await expectUnavailable('/redirected-dead', 'block-page');
      await tab.close();
    });

    it('raises no alarm for healthy pages, challenges, 401, 429 and soft-404 search pages', async () => {
      await expectNoNotice('/world/river-towns.html');
      await expectNoNotice('/');
      await expectNoNotice('/challenge');
      await expectNoNotice('/challenge-403');
      await expectNoNotice('/login');
      await expectNoNotice('/rate');
      await expectNoNotice('/search?q=rivers');
    });

    it('a download, a navigation replaced by another and one the user stopped are no failure', async () => {
      const pages = ['/', '/download', '/hang?replaced=1', '/world/river-towns.html'].map((p) => h.url('news.test', p));
      const lookupsFor = () => pages.reduce((n, p) => n + archiveRequests(p).length, 0);
      const lookups = lookupsFor();
      const start = h.url('news.test', '/');
      const tab = await h.newTab(start);
      await navigate(tab, h.url('news.test', '/download'));
      await new Promise((r) => setTimeout(r, 2000));
      expect(await tab.href()).toBe(start);
      // The user goes elsewhere while a page still loads: the abandoned load is no failure. (The
      // page still shown starts both navigations; a tab waiting on a hanging one takes no script.)
      const other = h.url('news.test', '/world/river-towns.html');
      await tab.evaluate(
        ({ hang, next }) => {
          setTimeout(() => (location.href = hang), 0);
          setTimeout(() => (location.href = next), 700);
        },
        { hang: h.url('news.test', '/hang?replaced=1'), next: other },
      );
      await waitForHref(tab, (x) => x === other);
      expect(h.server.requests.some((r) => r.host === 'news.test' && r.path === '/hang?replaced=1')).toBe(true);
      await new Promise((r) => setTimeout(r, 2000));
      expect(await tab.href()).toBe(other);
      // The user stops a page that hangs (Stop, as window.stop() from the page still shown):
      // no failure, and the tab stays where it was.
      const stopped = h.url('news.test', '/hang?stopped=1');
      await tab.evaluate((hang) => {
        setTimeout(() => (location.href = hang), 0);
        setTimeout(() => window.stop(), 700);
      }, stopped);
      await new Promise((r) => setTimeout(r, 3000));
      expect(h.server.requests.some((r) => r.host === 'news.test' && r.path === '/hang?stopped=1')).toBe(true);
      expect(await tab.href()).toBe(other);
      expect(archiveRequests(stopped)).toEqual([]);
      expect(lookupsFor()).toBe(lookups);
      await tab.close();
    });

    it('caches the answers: the same page failing again asks no archive and fetches no mirror list', async () => {
      archiveMode = 'ok';
      const url = h.url('news.test', '/reset?cached=1');
      const first = await expectUnavailable('/reset?cached=1', 'connection-reset');
      await first.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'found');
      await first.waitFor(() => document.querySelectorAll('.mirrors a').length === 2);
      await first.close();
      const lookups = archiveRequests(url).length;
      const lists = mirrorRequests().length;
      expect(lookups).toBe(1);
      const second = await expectUnavailable('/reset?cached=1', 'connection-reset');
      await second.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'found');
      await second.waitFor(() => document.querySelectorAll('.mirrors a').length === 2);
      expect(archiveRequests(url).length).toBe(lookups);
      expect(mirrorRequests().length).toBe(lists);
      await second.close();
    });

    it('reads the archived copy in reader view, the capture without the archive toolbar', async () => {
      archiveMode = 'ok';
      const url = h.url('news.test', '/gone-for-archive');
      // Wayback's id_ form is the capture as archived, without the toolbar the archive adds.
      h.server.route(`archive.test/web/${CAPTURE_TS}id_/${url}`, (_q: IncomingMessage, res: ServerResponse) => send(res, 200, savedStory));
      const tab = await expectUnavailable('/gone-for-archive', 'connection-reset');
      await tab.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'found');
      await tab.evaluate(() => document.querySelector<HTMLAnchorElement>('a.read-archived')!.click());
      await waitForHref(tab, (x) => x.startsWith(h.extensionBase + 'reader.html'));
      await tab.waitFor(() => /River towns brace for the spring floods/.test(document.querySelector('h1')?.textContent ?? ''), undefined, 15000);
      expect(await tab.evaluate(() => document.querySelector('article')?.textContent ?? '')).toContain('paragraph 12 of this report');
      expect(h.server.requests.some((r) => r.host === 'archive.test' && r.path === `/web/${CAPTURE_TS}id_/${url}`)).toBe(true);
      // Saved offline from there: a copy of the page asked for, the capture kept as its source and witness.
      const capture = `http://archive.test:${h.server.port}/web/${CAPTURE_TS}id_/${url}`;
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('button.save')!.click());
      await tab.waitFor(() => document.querySelector('button.save')?.classList.contains('done') === true, undefined, 15000);
      const stored = await tab.evaluate(
        (pageUrl) =>
          new Promise<{ entry: unknown; version: unknown }>((resolve, reject) => {
            const open = indexedDB.open('samizdat-library');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction(['entries', 'versions'], 'readonly');
              const entry = tx.objectStore('entries').get(pageUrl);
              const version = tx.objectStore('versions').get([pageUrl, 1]);
              tx.oncomplete = () => {
                open.result.close();
                resolve({ entry: entry.result ?? null, version: version.result ?? null });
              };
            };
          }),
        url,
      );
      expect(stored.entry).toMatchObject({ url, title: expect.stringMatching(/^River towns brace for the spring floods/) });
      expect(stored.version).toMatchObject({ sourceUrl: capture, waybackCaptureUrl: capture });
      await tab.close();
    });

    it('a dead archive does not delay the other copies', async () => {
      archiveMode = 'dead';
      const url = h.url('news.test', '/reset?dead=1');
      const tab = await h.newTab(h.url('news.test', '/'));
      const started = await navigate(tab, url);
      await waitForHref(tab, (x) => x.startsWith(h.extensionBase + 'unavailable.html'));
      // Timed on the page's own clock (the driver's polling stretches most on a loaded machine):
      // from the failed navigation's start to every other copy shown, while the archive hangs.
      const shownAt = await tab.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const check = () =>
              document.querySelectorAll('.mirrors a').length === 2 && document.querySelectorAll('.archives a').length >= 4
                ? resolve(performance.timeOrigin + performance.now())
                : setTimeout(check, 20);
            check();
          }),
      );
      expect(shownAt - started).toBeLessThan(3500);
      expect(await tab.evaluate(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state'))).toBe('plain');
      // The check gives up within its timeout and the plain link stays.
      await tab.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'failed', undefined, 9000);
      expect(await links(tab, '[data-archive="wayback"] a')).toEqual([`http://archive.test:${h.server.port}/web/2/${url}`]);
      archiveMode = 'ok';
      await tab.close();
    });

    it('says so when the archive answers malformed JSON', async () => {
      archiveMode = 'malformed';
      const tab = await expectUnavailable('/reset?malformed=1', 'connection-reset');
      await tab.waitFor(() => document.querySelector('[data-archive="wayback"]')?.getAttribute('data-state') === 'failed');
      expect(await tab.evaluate(() => document.querySelector('[data-archive="wayback"]')?.textContent ?? '')).toMatch(/could not read/);
      expect(await pageErrors(tab)).toEqual([]);
      archiveMode = 'ok';
      await tab.close();
    });

    it('offers the saved copy first when the library has one, and the notice opens it', async () => {
      const path = '/world/saved-story.html';
      const url = h.url('news.test', path);
      const article = await h.newTab(url);
      const options = await h.openExtensionPage('options.html');
      await saveFromTab(options, url);
      await options.close();
      await article.close();

      savedPageMode = 'reset';
      const tab = await expectUnavailable(path, 'connection-reset');
      await tab.waitFor(() => !!document.querySelector('.offers > li.offer-saved'));
      expect(await tab.evaluate(() => document.querySelector('.offers > li')?.classList.contains('offer-saved'))).toBe(true);
      expect(await links(tab, '.offer-saved a')).toEqual([`reader.html?url=${encodeURIComponent(url)}`]);
      // "Preserve this page" with the copy already saved: the capture is kept with that copy.
      expect((await latestSavedCopy(tab, url))?.waybackCaptureUrl).toBeNull();
      const capture = await preserveFrom(tab, url, '20240301000000');
      expect(await latestSavedCopy(tab, url)).toMatchObject({ sourceUrl: url, waybackCaptureUrl: capture });
      await tab.close();

      savedPageMode = '404';
      const page = await h.newTab(h.url('news.test', '/'));
      await navigate(page, url);
      await page.waitFor(() => !!document.querySelector('[data-samizdat-notice]')?.shadowRoot?.querySelector('button.open-saved'), undefined, 8000);
      await page.evaluate(() => document.querySelector('[data-samizdat-notice]')!.shadowRoot!.querySelector<HTMLButtonElement>('button.open-saved')!.click());
      await waitForHref(page, (x) => x.startsWith(h.extensionBase + 'reader.html'));
      savedPageMode = 'file';
      await page.close();
    });

    it('a page preserved before it was saved keeps the capture with the copy saved later', async () => {
      const path = '/world/preserved-story.html';
      const url = h.url('news.test', path);
      preservedPageMode = 'reset';
      const tab = await expectUnavailable(path, 'connection-reset');
      expect(await latestSavedCopy(tab, url)).toBeNull();
      const capture = await preserveFrom(tab, url, '20240302000000');
      // Nothing saved yet: nothing to keep it with until the page is saved.
      expect(await latestSavedCopy(tab, url)).toBeNull();
      await tab.close();

      preservedPageMode = 'file';
      const article = await h.newTab(url);
      const options = await h.openExtensionPage('options.html');
      await saveFromTab(options, url);
      expect(await latestSavedCopy(options, url)).toMatchObject({ sourceUrl: url, waybackCaptureUrl: capture });
      await options.close();
      await article.close();
    });

    it('"Find copies of this page" and "Open archived copy of link" menu items', async () => {
      const url = h.url('news.test', '/world/river-towns.html');
      const tab = await h.newTab(url);
      await h.hook(tab, { hook: 'menu', menuItemId: 'action-find-copies' });
      const copies = await h.findTab((x) => x.startsWith(h.extensionBase + 'unavailable.html') && new URL(x).searchParams.get('url') === url);
      const params = new URL(await copies.href()).searchParams;
      expect(params.get('url')).toBe(url);
      expect(params.get('reason')).toBe('user');
      await copies.waitFor(() => document.querySelectorAll('.archives a').length > 0);
      await copies.close();
      const link = h.url('gone.test', '/old/story.html');
      await h.hook(tab, { hook: 'menu', menuItemId: 'link-archived-copy', linkUrl: link });
      const archived = await h.findTab((x) => x === `http://archive.test:${h.server.port}/web/2/${link}`);
      await archived.close();
      await tab.close();
    });

    it('keeps the options on the options page', async () => {
      const page = await h.openExtensionPage('options.html');
      await page.waitFor(() => !!document.querySelector('input[name="archive-today-host"]'));
      const stored = await page.evaluate(async () => {
        const input = document.querySelector<HTMLInputElement>('input[name="slow-load-seconds"]')!;
        input.value = '9';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 50));
        document.querySelector<HTMLButtonElement>('li[data-archive="megalodon"] button.up')!.click();
        await new Promise((r) => setTimeout(r, 50));
        document.querySelector<HTMLButtonElement>('button.save')!.click();
        await new Promise((r) => setTimeout(r, 300));
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        return ((await api.storage.local.get('copySettings')) as { copySettings: { slowLoadSeconds: number; archives: { id: string }[]; archiveTodayHost: string } }).copySettings;
      });
      expect(stored.slowLoadSeconds).toBe(9);
      expect(stored.archives.map((a) => a.id)).toEqual(['wayback', 'archive-today', 'megalodon', 'ghostarchive']);
      expect(stored.archiveTodayHost).toBe(`http://archive.test:${h.server.port}`);
      expect(await page.pageErrors()).toEqual([]);
      await page.close();
    });

    /** Asks the background, from an extension page, which tab has trouble with `target`. */
    async function findTrouble(page: Tab, target: string, timeout: number): Promise<{ url: string | null; reason: string | null; tabId: number } | null> {
      return page.evaluate(
        async ({ target, timeout }) => {
          const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
          const deadline = Date.now() + timeout;
          while (Date.now() < deadline) {
            for (const t of await api.tabs.query({})) {
              if (t.id === undefined) continue;
              const reply = (await api.runtime.sendMessage({ type: 'tab-trouble', payload: { tabId: t.id } })) as { url: string | null; reason: string | null };
              if (reply.url === target && reply.reason) return { ...reply, tabId: t.id };
            }
            await new Promise((r) => setTimeout(r, 100));
          }
          return null;
        },
        { target, timeout },
      );
    }

    it('marks a page still loading after the slow-load time, without leaving it', async () => {
      // Its own settings: an earlier test saves other options (a 9 s slow-load time among them).
      await setSettings({ ...baseSettings, slowLoadSeconds: 2 });
      const url = h.url('news.test', '/hang');
      const tab = await h.newTab(h.url('news.test', '/'));
      await navigate(tab, url);
      const options = await h.openExtensionPage('options.html');
      const trouble = await findTrouble(options, url, 15000);
      expect(trouble?.reason).toBe('slow');
      // Still on its way to the slow page, not sent anywhere (a hanging tab cannot be evaluated in).
      const stillThere = await options.evaluate(async (id) => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        const t = await api.tabs.get(id);
        return `${t.url ?? ''} ${t.pendingUrl ?? ''}`;
      }, trouble!.tabId);
      expect(stillThere).not.toContain('unavailable.html');
      // The toolbar button is marked: its tooltip (the one part of the mark a script can read back) offers copies.
      // The trouble is recorded a moment before the button is marked: wait for the mark.
      const marked = await options.evaluate(async (id) => {
        const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
        const expected = api.i18n.getMessage('actionTitleUnavailable');
        const deadline = Date.now() + 5000;
        let title = await api.action.getTitle({ tabId: id });
        while (title !== expected && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          title = await api.action.getTitle({ tabId: id });
        }
        return { title, expected };
      }, trouble!.tabId);
      expect(marked.expected).toMatch(/copies/);
      expect(marked.title).toBe(marked.expected);
      await options.close();
      // The popup of that tab offers the copies.
      const popup = await h.openExtensionPage(`popup.html?tabId=${trouble!.tabId}`);
      await popup.waitFor(() => !!document.querySelector('.popup-copies a.find-copies'));
      expect(await popup.evaluate(() => document.querySelector('.popup-copies')?.getAttribute('data-reason'))).toBe('slow');
      await popup.close();
      await tab.close();
    });

    if (browserName === 'chromium') {
      // Chrome stops an idle worker, and its timers with it; a packed extension's alarm fires no
      // sooner than 30 s after it is set (the test build keeps to that too, though Chromium lets
      // an unpacked one fire at once). The offscreen wake clock's message starts the worker on time.
      it('offers copies on time when the service worker is stopped while the page hangs', async () => {
        // Long enough that the worker is stopped well before the deadline on a loaded machine.
        const seconds = 12;
        await setSettings({ ...baseSettings, slowLoadSeconds: seconds });
        const url = h.url('news.test', '/hang?worker-stopped=1');
        const options = await h.openExtensionPage('options.html');
        const starts = () => options.evaluate(async () => Number((await chrome.storage.session.get('testBackgroundStarts')).testBackgroundStarts) || 0);
        const tab = await h.newTab(h.url('news.test', '/'));
        const startsBefore = await starts();
        const started = await navigate(tab, url);
        // The watch is stored, and the wake clock's document holds the deadline (the document is
        // opened for a load still pending after a 2 s grace, or takes it at once when open), before
        // the worker goes.
        await new Promise((r) => setTimeout(r, 2600));
        await options.waitFor(
          async (target) => {
            const stored = await chrome.storage.session.get(null);
            const watched = Object.entries(stored).some(([k, v]) => k.startsWith('slowLoad:') && (v as { url?: string }).url === target);
            const clocks = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
            return watched && clocks.length === 1;
          },
          url,
          5000,
        );
        const stoppedAt = Date.now() - started;
        const cdp = await ((tab.raw as PwPage).context() as BrowserContext).newCDPSession(options.raw as PwPage);
        await cdp.send('ServiceWorker.enable').catch(() => undefined);
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach().catch(() => undefined);
        // Without any message from the test to wake it, the trouble is recorded: read straight
        // from storage.session (which asks nothing of the worker), on the machine's clock.
        const recordedAt = await options.evaluate(async (target) => {
          const deadline = Date.now() + 40_000;
          while (Date.now() < deadline) {
            const stored = await chrome.storage.session.get(null);
            if (Object.entries(stored).some(([k, v]) => k.startsWith('trouble:') && (v as { url?: string }).url === target && (v as { reason?: string }).reason === 'slow')) return Date.now();
            await new Promise((r) => setTimeout(r, 50));
          }
          return -1;
        }, url);
        const elapsed = recordedAt - started;
        console.log(`[chromium] worker stopped ${stoppedAt} ms into the load; offer recorded ${elapsed} ms after navigating (slow-load time ${seconds * 1000} ms)`);
        expect(recordedAt).toBeGreaterThan(0);
        expect(stoppedAt).toBeLessThan(seconds * 1000);
        // The worker was stopped and started again in between (the test build counts its starts).
        expect(await starts()).toBeGreaterThan(startsBefore);
        // On time: not before the slow-load time, and well before the 30 s an alarm would take.
        expect(elapsed).toBeGreaterThanOrEqual(seconds * 1000 - 100);
        expect(elapsed).toBeLessThan(seconds * 1000 + 6000);
        const trouble = await findTrouble(options, url, 5000);
        expect(trouble?.reason).toBe('slow');
        await options.close();
        const popup = await h.openExtensionPage(`popup.html?tabId=${trouble!.tabId}`);
        await popup.waitFor(() => document.querySelector('.popup-copies')?.getAttribute('data-reason') === 'slow');
        await popup.close();
        await tab.close();
        await setSettings(baseSettings);
      });
    }

    it('Back from unavailable.html returns to the page before the failed one', async () => {
      const before = h.url('news.test', '/');
      const tab = await expectUnavailable('/reset?back=1', 'connection-reset');
      await tab.goBack();
      await waitForHref(tab, (x) => x === before);
      // It stays there: no second trip to unavailable.html.
      await new Promise((r) => setTimeout(r, 2000));
      expect(await tab.href()).toBe(before);
      await tab.close();
    });

    it('Retry on unavailable.html tries the page again and, failing, shows it again', async () => {
      const url = h.url('news.test', '/reset?retry=1');
      const tab = await expectUnavailable('/reset?retry=1', 'connection-reset');
      const before = h.server.requests.filter((r) => r.host === 'news.test' && r.path === '/reset?retry=1').length;
      const asked = () => h.server.requests.filter((r) => r.host === 'news.test' && r.path === '/reset?retry=1').length;
      // The trip through the failing page can be quicker than any poll: mark this document, then
      // wait for the page to be asked for again and for a new unavailable.html (one without the mark).
      await tab.evaluate(() => {
        (window as unknown as { beforeRetry: boolean }).beforeRetry = true;
        setTimeout(() => document.querySelector<HTMLAnchorElement>('a.retry')!.click(), 0);
      });
      const deadline = Date.now() + 8000;
      while (asked() <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(asked()).toBeGreaterThan(before);
      let shown: { href: string; fresh: boolean } | null = null;
      while (Date.now() < deadline && !(shown?.fresh && shown.href.startsWith(h.extensionBase + 'unavailable.html'))) {
        shown = await tab.evaluate(() => ({ href: location.href, fresh: !(window as unknown as { beforeRetry?: boolean }).beforeRetry })).catch(() => null);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(shown?.fresh).toBe(true);
      expect(new URL(shown!.href).searchParams.get('url')).toBe(url);
      await tab.close();
    });

    it('Back and Forward between pages that loaded are no failure', async () => {
      const a = h.url('news.test', '/');
      const b = h.url('news.test', '/world/river-towns.html');
      const lookupsFor = () => archiveRequests(a).length + archiveRequests(b).length;
      const lookups = lookupsFor();
      const mirrorLists = mirrorRequests().length;
      const tab = await h.newTab(a);
      await tab.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      await navigate(tab, b);
      await waitForHref(tab, (x) => x === b);
      await tab.waitFor(() => document.readyState === 'complete');
      await tab.goBack();
      await waitForHref(tab, (x) => x === a);
      await tab.waitFor(() => document.readyState === 'complete');
      // A back/forward-cache restore keeps the page's window (the marker); either way, no alarm.
      const restored = await tab.evaluate(() => (window as unknown as { marker?: number }).marker === 1);
      await tab.evaluate(() => history.forward());
      await waitForHref(tab, (x) => x === b);
      await tab.waitFor(() => document.readyState === 'complete');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await tab.href()).toBe(b);
      expect(await tab.evaluate(() => !!document.querySelector('[data-samizdat-notice]'))).toBe(false);
      await tab.goBack();
      await waitForHref(tab, (x) => x === a);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await tab.href()).toBe(a);
      expect(await tab.evaluate(() => !!document.querySelector('[data-samizdat-notice]'))).toBe(false);
      expect(lookupsFor()).toBe(lookups);
      expect(mirrorRequests().length).toBe(mirrorLists);
      console.log(`[${browserName}] Back restored the page from the back/forward cache: ${restored}`);
      await tab.close();
    });
  });
}

/**
 * Timeouts. Chromium gives up on a connection that never completes only after minutes (the
 * kernel's SYN retries; against the listener below, no unavailable.html came within 90 s) and has
 * no switch to make it sooner, so there the driver fails the request with net::ERR_TIMED_OUT and
 * the extension sees Chromium's own failure events for it. Firefox is
 * given a real one: a port whose accept queue is full, so the kernel drops its SYNs, and a connect
 * timeout of a few seconds (`network.http.connection-timeout`), which ends the navigation with
 * NS_ERROR_NET_TIMEOUT. (A server that accepts and never answers, with
 * `network.http.response.timeout` at 2 or 6 s, gave no timeout within 30 s.)
 */
const FIREFOX_CONNECT_TIMEOUT_S = 3;

describe('[firefox] a connection that never completes goes to unavailable.html as timeout', () => {
  it('NS_ERROR_NET_TIMEOUT after the connect timeout', async () => {
    const h = await launch('firefox', { firefoxPrefs: { 'network.http.connection-timeout': FIREFOX_CONNECT_TIMEOUT_S } });
    const silent = await unansweredListener();
    try {
      const options = await storeCopySettings(h, localCopySettings(h.server.port, [h.url('mirror.test', '/none.json')], 60, false));
      await options.close();
      const url = `http://news.test:${silent.port}/story.html`;
      const tab = await h.newTab(h.url('news.test', '/'));
      const started = Date.now();
      await tab.evaluate((u) => void setTimeout(() => (location.href = u), 0), url);
      const unavailable = h.extensionBase + 'unavailable.html';
      const found = await h.findTab((href) => href.startsWith(unavailable) && new URL(href).searchParams.get('url') === url, 30_000);
      const elapsed = (await found.evaluate(() => performance.timeOrigin)) - started;
      console.log(`[firefox] connect timeout ${FIREFOX_CONNECT_TIMEOUT_S} s: unavailable.html after ${Math.round(elapsed)} ms`);
      // A timeout, not a refusal or reset: the reason says so, and it came only once the connect
      // timeout had run out, within the 3 s after it that PRODUCT.md allows.
      expect(new URL(await found.href()).searchParams.get('reason')).toBe('timeout');
      expect(elapsed).toBeGreaterThanOrEqual(FIREFOX_CONNECT_TIMEOUT_S * 1000 - 100);
      expect(elapsed).toBeLessThan(FIREFOX_CONNECT_TIMEOUT_S * 1000 + 3500);
      await found.waitFor(() => document.querySelectorAll('.archives a').length > 0);
    } finally {
      await silent.close();
      await h.close();
    }
  }, 120_000); // a browser of its own
});

describe('[chromium] a navigation that times out goes to unavailable.html as timeout', () => {
  it('net::ERR_TIMED_OUT', async () => {
    const h = await launch('chromium');
    try {
      const options = await storeCopySettings(h, localCopySettings(h.server.port, [h.url('mirror.test', '/none.json')], 60, false));
      await options.close();
      const url = h.url('news.test', '/timed-out');
      const tab = await h.newTab(h.url('news.test', '/'));
      await (tab.raw as PwPage).route(url, (route) => route.abort('timedout'));
      const started = Date.now();
      await tab.evaluate((u) => void setTimeout(() => (location.href = u), 0), url);
      const unavailable = h.extensionBase + 'unavailable.html';
      const found = await h.findTab((href) => href.startsWith(unavailable) && new URL(href).searchParams.get('url') === url, 8000);
      expect(new URL(await found.href()).searchParams.get('reason')).toBe('timeout');
      expect((await found.evaluate(() => performance.timeOrigin)) - started).toBeLessThan(3500);
      await found.waitFor(() => document.querySelectorAll('.archives a').length > 0);
    } finally {
      await h.close();
    }
  }, 120_000); // a browser of its own
});

/**
 * Firefox's background is an event page, suspended when idle (30 s by default; 1 s here) and
 * its timers with it. A page that hangs past the slow-load time still gets the offer: the alarm
 * wakes the event page, which settles the stored watch. The background's start count (test
 * build) shows it was suspended and started again in between.
 */
describe('[firefox] the slow-load offer survives the event page being suspended while a page hangs', () => {
  it('offers copies after the event page was suspended', async () => {
    const h = await launch('firefox', { firefoxPrefs: { 'extensions.background.idle.timeout': 1000 } });
    const hanging: ServerResponse[] = [];
    try {
      h.server.route('news.test/hang', (_q: IncomingMessage, res: ServerResponse) => (hanging.push(res), true));
      const options = await storeCopySettings(h, localCopySettings(h.server.port, [h.url('mirror.test', '/none.json')], 5, false));
      const starts = () =>
        options.evaluate(async () => {
          const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
          return Number((await api.storage.session.get('testBackgroundStarts')).testBackgroundStarts) || 0;
        });
      const url = h.url('news.test', '/hang?suspended=1');
      const tab = await h.newTab(h.url('news.test', '/'));
      const startsBefore = await starts();
      await tab.evaluate((u) => void setTimeout(() => (location.href = u), 0), url);
      // Read straight from storage.session (asking the background would wake it).
      await options.waitFor(
        async (target) => {
          const api = (globalThis as ApiGlobal).browser ?? (globalThis as ApiGlobal).chrome!;
          const stored = await api.storage.session.get(null);
          return Object.entries(stored).some(([k, v]) => k.startsWith('trouble:') && (v as { url?: string }).url === target && (v as { reason?: string }).reason === 'slow');
        },
        url,
        20000,
      );
      expect(await starts()).toBeGreaterThan(startsBefore);
      await options.close();
      await tab.close();
    } finally {
      for (const res of hanging) res.destroy();
      await h.close();
    }
  }, 180_000); // a browser of its own, with its event page suspended at every pause
});
