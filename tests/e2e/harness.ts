/**
 * The end-to-end harness: the test build of the extension loaded into real Chromium
 * (playwright-core) and real Firefox ESR (puppeteer-core), pages served by a local server under
 * realistic host names. Test files get one `Harness` per browser and write each test once.
 *
 * Toolbar clicks, shortcuts and menus cannot be pressed headless, and Firefox's WebDriver BiDi
 * cannot navigate to moz-extension:// URLs, so both go through the test bridge: a test-build
 * content script that relays `hook(...)` from a web page to the background's test hooks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import type { TestHookRequest } from '../../src/shared/messages.js';
import { startSiteServer } from '../../scripts/site-server.mjs';
import { launchChromiumWithExtension } from '../../scripts/chromium.mjs';

export type BrowserName = 'chromium' | 'firefox';
export const browserNames: BrowserName[] = ['chromium', 'firefox'];

/** Host names the tests use; both browsers resolve them to this machine. */
export const testHosts = ['news.test', 'novosti.test', 'khabar.test', 'hadashot.test', 'akhbar.test', 'shop.test', 'spa.test', 'blocked.test', 'gone.test', 'mirror.test', 'archive.test', 'tls.test'];

export const repoRoot = resolve(import.meta.dirname, '../..');
export const fixturesRoot = join(repoRoot, 'tests/fixtures/site');
// SAMIZDAT_TEST_BUILD: another test build to load (to compare two builds side by side).
const testBuild = (name: BrowserName) => join(process.env.SAMIZDAT_TEST_BUILD ?? join(repoRoot, 'dist-test'), name === 'chromium' ? 'chrome' : 'firefox');

type Evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

/** One tab, the same few verbs in both drivers. */
export class Tab {
  constructor(
    readonly raw: PwPage | PpPage,
    private readonly kind: BrowserName,
  ) {}

  async goto(url: string): Promise<void> {
    if (this.kind === 'chromium') await (this.raw as PwPage).goto(url, { waitUntil: 'load' });
    else await (this.raw as PpPage).goto(url, { waitUntil: 'load' });
  }

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return (this.raw.evaluate as unknown as Evaluate)(fn, arg as A);
  }

  /** The document's own URL (Firefox lists extension tabs as about:blank). */
  href(): Promise<string> {
    return this.evaluate(() => location.href);
  }

  async waitFor<A>(fn: (arg: A) => unknown, arg?: A, timeout = 10000): Promise<void> {
    type Wait = (fn: (a: A) => unknown, ...rest: unknown[]) => Promise<unknown>;
    if (this.kind === 'chromium') await ((this.raw as PwPage).waitForFunction as unknown as Wait).call(this.raw, fn, arg, { timeout, polling: 50 });
    else await ((this.raw as PpPage).waitForFunction as unknown as Wait).call(this.raw, fn, { timeout, polling: 50 }, arg);
  }

  async goBack(): Promise<void> {
    // Deferred: a Back that navigates at once would destroy the context this call returns through.
    await this.evaluate(() => void setTimeout(() => history.back(), 0));
  }

  async reload(): Promise<void> {
    if (this.kind === 'chromium') await (this.raw as PwPage).reload({ waitUntil: 'load' });
    else await (this.raw as PpPage).reload({ waitUntil: 'load' });
  }

  async screenshot(path: string, fullPage = false): Promise<void> {
    if (this.kind === 'chromium') await (this.raw as PwPage).screenshot({ path, fullPage });
    else await (this.raw as PpPage).screenshot({ path: path as `${string}.png`, fullPage });
  }

  /** Errors an extension page recorded (test build), plus those the driver saw. */
  async pageErrors(): Promise<string[]> {
    const recorded = await this.evaluate(() => (window as unknown as { __samizdatErrors?: string[] }).__samizdatErrors ?? null);
    if (recorded === null) throw new Error('This page records no errors: is it an extension page of the test build?');
    return [...recorded, ...this.seenErrors];
  }

  readonly seenErrors: string[] = [];

  async close(): Promise<void> {
    await this.raw.close();
  }
}

export interface Harness {
  readonly name: BrowserName;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  readonly extensionBase: string;
  readonly server: Awaited<ReturnType<typeof startSiteServer>>;
  /** URL of a fixture page on a test host. */
  url(host: string, path?: string): string;
  newTab(url?: string): Promise<Tab>;
  /** Runs a test hook from a web page (the hook's sender tab is that page's tab). */
  hook(tab: Tab, request: TestHookRequest): Promise<unknown>;
  /** Opens an extension page (e.g. "library.html") in a new tab. */
  openExtensionPage(path: string): Promise<Tab>;
  /** The first tab whose document URL satisfies the predicate, waiting for it to appear. */
  findTab(predicate: (href: string) => boolean, timeout?: number): Promise<Tab>;
  close(): Promise<void>;
}

/** Sends a hook request through the test bridge of the given web page. */
async function hookVia(tab: Tab, request: TestHookRequest): Promise<unknown> {
  const reply = await tab.evaluate(
    (req) =>
      new Promise<{ result?: unknown; error?: string }>((resolvePromise) => {
        const id = Math.random().toString(36).slice(2);
        const onMessage = (event: MessageEvent) => {
          const data = event.data as { samizdatTestReply?: string; result?: unknown; error?: string };
          if (data?.samizdatTestReply !== id) return;
          window.removeEventListener('message', onMessage);
          resolvePromise({ result: data.result, error: data.error });
        };
        window.addEventListener('message', onMessage);
        window.postMessage({ samizdatTest: id, request: req }, '*');
      }),
    request,
  ).catch((error: unknown) => {
    // Hooks that open the reader navigate the page away before the answer can come back.
    if (/destroyed|navigat|detached/i.test(String(error))) return { result: 'navigated', error: undefined };
    throw error;
  });
  if (reply.error) throw new Error(`Test hook ${request.hook} failed: ${reply.error}`);
  return reply.result;
}

async function findTabIn(list: () => Promise<Tab[]>, predicate: (href: string) => boolean, timeout: number): Promise<Tab> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    // Newest first: a test looks for the tab it just caused, not one an earlier test left open.
    for (const tab of (await list()).reverse()) {
      // A tab still committing its navigation can leave the driver's answer pending for long
      // (Firefox): ask again on the next round instead of letting one tab stall the search.
      const href = await Promise.race([tab.href().catch(() => ''), new Promise<string>((r) => setTimeout(() => r(''), 1000))]);
      if (predicate(href)) return tab;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('No tab matched in time');
}

async function launchChromium(server: Harness['server'], profile: string, extraArgs: string[]): Promise<Harness> {
  const { context, extensionBase } = await launchChromiumWithExtension({
    extensionDir: testBuild('chromium'),
    profileDir: profile,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    extraArgs,
  });
  const wrap = (page: PwPage) => {
    const tab = new Tab(page, 'chromium');
    page.on('pageerror', (error) => tab.seenErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') tab.seenErrors.push(`console: ${message.text()}`);
    });
    return tab;
  };
  const tabs = new Map<PwPage, Tab>();
  const tabFor = (page: PwPage) => tabs.get(page) ?? tabs.set(page, wrap(page)).get(page)!;
  context.on('page', (page) => void tabFor(page));
  for (const page of context.pages()) tabFor(page);
  return {
    name: 'chromium',
    extensionBase,
    server,
    url: (host, path) => server.url(host, path),
    async newTab(url) {
      const tab = tabFor(await context.newPage());
      if (url) await tab.goto(url);
      return tab;
    },
    hook: hookVia,
    async openExtensionPage(path) {
      const tab = tabFor(await context.newPage());
      await tab.goto(extensionBase + path);
      return tab;
    },
    findTab: (predicate, timeout = 10000) => findTabIn(async () => context.pages().map(tabFor), predicate, timeout),
    async close() {
      await context.close();
    },
  };
}

async function launchFirefox(server: Harness['server'], profile: string, prefs: Record<string, string | number | boolean>): Promise<Harness> {
  const browser: PpBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'network.dns.localDomains': testHosts.join(','),
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'extensions.autoDisableScopes': 0,
      ...prefs,
    },
  });
  await browser.installExtension(testBuild('firefox'));
  const tabs = new Map<PpPage, Tab>();
  const tabFor = (page: PpPage) => {
    let tab = tabs.get(page);
    if (!tab) {
      const created = new Tab(page, 'firefox');
      page.on('pageerror', (error) => created.seenErrors.push(`pageerror: ${String(error)}`));
      tabs.set(page, created);
      tab = created;
    }
    return tab;
  };
  // The extension's moz-extension://<uuid>/ base is only known from inside: ask the background.
  const probe = tabFor(await browser.newPage());
  await probe.goto(server.url('news.test', '/'));
  let base = '';
  const deadline = Date.now() + 15000;
  while (!base && Date.now() < deadline) {
    const reply = (await hookVia(probe, { hook: 'ping' }).catch(() => null)) as { base?: string } | null;
    base = reply?.base ?? '';
    if (!base) await new Promise((r) => setTimeout(r, 200));
  }
  if (!base) throw new Error('Firefox: the extension did not answer the test bridge');
  await probe.close();

  const harness: Harness = {
    name: 'firefox',
    extensionBase: base,
    server,
    url: (host, path) => server.url(host, path),
    async newTab(url) {
      const tab = tabFor(await browser.newPage());
      if (url) await tab.goto(url);
      return tab;
    },
    hook: hookVia,
    async openExtensionPage(path) {
      const opener = await harness.newTab(server.url('news.test', '/'));
      const { tabId } = (await hookVia(opener, { hook: 'open-page', path })) as { tabId: number };
      await opener.close();
      const target = base + path;
      const tab = await harness.findTab((href) => href === target);
      await tab.waitFor(() => document.readyState === 'complete');
      void tabId;
      return tab;
    },
    findTab: (predicate, timeout = 10000) => findTabIn(async () => (await browser.pages()).map(tabFor), predicate, timeout),
    async close() {
      await browser.close();
    },
  };
  return harness;
}

/** Starts the fixture server and the browser with the test build loaded. */
export async function launch(name: BrowserName, options: { chromiumArgs?: string[]; firefoxPrefs?: Record<string, string | number | boolean> } = {}): Promise<Harness> {
  const server = await startSiteServer({ root: fixturesRoot });
  const profile = mkdtempSync(join(tmpdir(), `samizdat-${name}-`));
  try {
    const harness = name === 'chromium' ? await launchChromium(server, profile, options.chromiumArgs ?? []) : await launchFirefox(server, profile, options.firefoxPrefs ?? {});
    const close = harness.close.bind(harness);
    return Object.assign(harness, {
      async close() {
        await close().catch(() => undefined);
        await server.close();
        rmSync(profile, { recursive: true, force: true });
      },
    });
  } catch (error) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
