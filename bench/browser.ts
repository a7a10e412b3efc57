/**
 * `npm run bench -- --only browser`: the extension's own costs in headless Chromium, using the
 * test build (its hooks press the toolbar button; its probes time the content script and the
 * click) launched by scripts/chromium.mjs, pages served by scripts/site-server.mjs under *.test
 * names. Nothing leaves the machine: every other host name resolves to nothing, and while the
 * corpus pages load every non-*.test request is also aborted (and counted). Corpus pages are
 * served with their own scripts off (CSP), as the Zyte pages were fetched.
 *
 * - Always-on content script: its own main-thread time (detectArticle + the message to the
 *   background, a `performance.measure` the test build records) on every news page of the
 *   corpus, the long tasks that overlap it, and the release bundle's minified size.
 * - Click to readable text (PRODUCT.md): from the trigger reaching the background (absolute
 *   time stamped by the test hook in the service worker) to the reader's article painted
 *   (the element-timing paint of its title, drawn by the reader's first-paint script; the
 *   `samizdat:article-painted` frame mark is shown beside it, and the first frame of the full
 *   view after it), on articles from a small fixture to a ~1 MB page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumWithExtension } from '../scripts/chromium.mjs';
import { paintHoldingState } from '../scripts/paint-holding.mjs';
import { startSiteServer } from '../scripts/site-server.mjs';
import { findBrowser } from '../scripts/browsers.mjs';
import { median, quantile } from './metrics.js';

export interface BrowserBenchOptions {
  repoRoot: string;
  corpus: string;
  /** Click-to-paint runs per article. */
  runs: number;
  /** At most this many corpus pages per subset (content script). */
  limit: number;
  verbose: boolean;
}

const CORPUS_HOST = 'corpus.test';
const LONG_TASK_MS = 50;

/** The always-on content script of a release build (built aside into bench-output/release), in bytes. */
function contentScriptBytes(repoRoot: string): number {
  execFileSync(process.execPath, ['build.mjs', '--out=bench-output/release'], { cwd: repoRoot, stdio: 'inherit' });
  return statSync(join(repoRoot, 'bench-output/release/chrome/content.js')).size;
}

interface CorpusPage {
  path: string;
  html: () => string;
}

/** The news pages of the corpus: zyte/ (gzip'd) and readability/ (their source.html). */
function corpusPages(corpus: string, limit: number): CorpusPage[] {
  const pages: CorpusPage[] = [];
  const zyte = join(corpus, 'zyte', 'html');
  if (existsSync(zyte)) {
    for (const name of readdirSync(zyte).filter((n) => n.endsWith('.html.gz')).sort().slice(0, limit)) {
      pages.push({ path: `/zyte/${name.replace(/\.gz$/, '')}`, html: () => gunzipSync(readFileSync(join(zyte, name))).toString('utf8') });
    }
  }
  const readability = join(corpus, 'readability');
  if (existsSync(readability)) {
    const dirs = readdirSync(readability).filter((n) => existsSync(join(readability, n, 'source.html'))).sort().slice(0, limit);
    for (const name of dirs) pages.push({ path: `/readability/${name}/`, html: () => readFileSync(join(readability, name, 'source.html'), 'utf8') });
  }
  return pages;
}

/** In every page, from its first script on: the long tasks the main thread had. */
function recordLongTasks(): void {
  const tasks: { start: number; end: number }[] = [];
  (window as unknown as { __benchLongTasks: typeof tasks }).__benchLongTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: nothing recorded, and the bench says so below.
  }
}

interface ScriptSample {
  page: string;
  ms: number;
  /** Of which detectArticle. */
  detectMs: number;
  runs: number;
  overlappingLongTasks: number;
}

/** Loads a page and waits for the content script's own measure; null if it never ran. */
async function contentScriptOn(page: Page, url: string): Promise<{ ms: number; detectMs: number; runs: number; overlapping: number } | null> {
  // The script runs at document_idle, after the DOM is parsed; the page's own load does not matter.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  try {
    await page.waitForFunction(() => performance.getEntriesByName('samizdat:content-script').length > 0, undefined, { timeout: 10000, polling: 50 });
  } catch {
    return null;
  }
  // A task that was still running when the measure ended is reported once it finishes.
  await page.waitForTimeout(100);
  return page.evaluate((minMs) => {
    const runs = performance.getEntriesByName('samizdat:content-script');
    const tasks = (window as unknown as { __benchLongTasks?: { start: number; end: number }[] }).__benchLongTasks ?? [];
    const overlapping = tasks.filter((task) => task.end - task.start >= minMs && runs.some((run) => task.start < run.startTime + run.duration && run.startTime < task.end)).length;
    const detect = performance.getEntriesByName('samizdat:content-script-detect')[0];
    return { ms: runs[0]!.duration, detectMs: detect ? detect.duration : NaN, runs: runs.length, overlapping };
  }, LONG_TASK_MS);
}

interface ClickSample {
  article: string;
  paintMs: number;
  markMs: number;
  /** From the trigger to the reader page's navigation start: extraction and handoff. */
  toReaderMs: number;
  /** To the reader's first-paint script asking for the handoff: navigation, HTML, CSS and script loads. */
  toScriptMs: number;
  /** To the handed-over article in the reader's hands (storage.session read). */
  toHandoffMs: number;
  /** To the first frame of the full view (preact UI, DOMPurify-sanitised body), after the first paint. */
  fullViewMs: number;
  wallMs: number;
}

/**
 * The floor of the same figure: the same trigger and tabs.update, to the test build's floor.html
 * (no script, one line of text), timed the same way to that line's element-timing paint. No
 * design that waits for an extension page in the tab can be faster than this on the machine.
 */
async function clickToFloor(context: BrowserContext, page: Page, url: string): Promise<{ paintMs: number; toNavMs: number; toDclMs: number }> {
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat:content-script').length > 0, undefined, { timeout: 10000, polling: 20 });
  await page.evaluate(() => {
    window.postMessage({ samizdatTest: 'bench-floor', request: { hook: 'floor-click' } }, '*');
  });
  await page.waitForURL(/\/floor\.html\?/, { timeout: 15000 });
  const painted = await page.evaluate(
    () =>
      new Promise<{ paintAt: number; navAt: number; dclAt: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the floor page never painted')), 15000);
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier?: string }).identifier === 'floor-text') as (PerformanceEntry & { renderTime: number }) | undefined;
          if (!entry) return;
          observer.disconnect();
          clearTimeout(timer);
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          resolve({ paintAt: performance.timeOrigin + (entry.renderTime || entry.startTime), navAt: performance.timeOrigin, dclAt: performance.timeOrigin + (nav?.domContentLoadedEventEnd ?? NaN) });
        }).observe({ type: 'element', buffered: true });
      }),
  );
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error('no extension service worker');
  const triggerAt = await worker.evaluate(() => (globalThis as { samizdatTriggerAt?: number }).samizdatTriggerAt ?? NaN);
  return { paintMs: painted.paintAt - triggerAt, toNavMs: painted.navAt - triggerAt, toDclMs: painted.dclAt - triggerAt };
}

/** One click on the toolbar button (the test hook runs what the click runs), timed to the paint. */
async function clickToPaint(context: BrowserContext, page: Page, url: string): Promise<Omit<ClickSample, 'article'>> {
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  // As a reader would: the page is there and the button marked before the click.
  await page.waitForFunction(() => performance.getEntriesByName('samizdat:content-script').length > 0, undefined, { timeout: 10000, polling: 20 });
  const sentAt = Date.now();
  await page.evaluate(() => {
    window.postMessage({ samizdatTest: 'bench-click', request: { hook: 'action-click' } }, '*');
  });
  await page.waitForURL(/\/reader\.html\?/, { timeout: 15000 });
  const painted = await page.evaluate(
    () =>
      new Promise<{ paintAt: number; markAt: number; fullAt: number; readerAt: number; scriptAt: number; handoffAt: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the reader never painted the article')), 15000);
        const origin = performance.timeOrigin;
        const mark = () => performance.getEntriesByName('samizdat:article-painted')[0];
        const full = () => performance.getEntriesByName('samizdat:full-view-painted')[0];
        // Element timing: when the title's text was actually painted.
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier?: string }).identifier === 'article-title') as
            | (PerformanceEntry & { renderTime: number; loadTime: number })
            | undefined;
          if (!entry) return;
          observer.disconnect();
          const waitMark = () => {
            const m = mark();
            const f = full();
            if (!m || !f) return void setTimeout(waitMark, 10);
            clearTimeout(timer);
            const at = (name: string) => origin + (performance.getEntriesByName(name)[0]?.startTime ?? NaN);
            resolve({ paintAt: origin + (entry.renderTime || entry.startTime), markAt: origin + m.startTime, fullAt: origin + f.startTime, readerAt: origin, scriptAt: at('samizdat:handoff-asked'), handoffAt: at('samizdat:handoff-taken') });
          };
          waitMark();
        }).observe({ type: 'element', buffered: true });
      }),
  );
  const wallMs = Date.now() - sentAt;
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error('no extension service worker');
  const triggerAt = await worker.evaluate(() => (globalThis as { samizdatTriggerAt?: number }).samizdatTriggerAt ?? NaN);
  return {
    paintMs: painted.paintAt - triggerAt,
    markMs: painted.markAt - triggerAt,
    toReaderMs: painted.readerAt - triggerAt,
    toScriptMs: painted.scriptAt - triggerAt,
    toHandoffMs: painted.handoffAt - triggerAt,
    fullViewMs: painted.fullAt - triggerAt,
    wallMs,
  };
}

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '—');

export async function runBrowserBench(options: BrowserBenchOptions): Promise<{ figures: Record<string, number>; failures: string[] }> {
  const { repoRoot, corpus } = options;
  const figures: Record<string, number> = {};
  const failures: string[] = [];
  const executablePath = findBrowser('chromium');
  const extensionDir = join(repoRoot, 'bench-output/ext/chrome');
  execFileSync(process.execPath, ['build.mjs', '--test', '--out=bench-output/ext'], { cwd: repoRoot, stdio: 'inherit' });

  figures['browser.contentScriptBytes'] = contentScriptBytes(repoRoot);

  const server = await startSiteServer({ root: join(repoRoot, 'tests/fixtures/site') });
  const pages = corpusPages(corpus, options.limit);
  for (const p of pages) {
    server.route(`${CORPUS_HOST}${p.path}`, (_req: unknown, res: import('node:http').ServerResponse) => {
      const body = Buffer.from(p.html(), 'utf8');
      // The pages' own scripts stay off (the Zyte pages were fetched so): some would navigate
      // away (to https, to a consent page) before the content script runs. Content scripts are
      // not bound by the page's CSP.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'content-security-policy': "script-src 'none'" });
      res.end(body);
      return true;
    });
  }
  const profile = mkdtempSync(join(tmpdir(), 'samizdat-bench-'));
  // Click to readable text as a user's Chrome shows it: with paint holding (the old page stays on
  // screen until the new one paints), which Playwright's own flags turn off. SAMIZDAT_PAINT_HOLDING=off
  // measures Playwright's configuration instead (the figures before 2026-11-28 10:00 were taken so).
  const paintHolding = process.env.SAMIZDAT_PAINT_HOLDING !== 'off';
  const { context } = await launchChromiumWithExtension({
    extensionDir,
    profileDir: profile,
    executablePath,
    // Later than chromium.mjs's own rule, so it wins: *.test is this machine, nothing else resolves.
    extraArgs: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND'],
    paintHolding,
  });
  const holdingState = paintHoldingState(profile);
  if (holdingState !== null && holdingState !== (paintHolding ? 'on' : 'off')) throw new Error(`paint holding is ${holdingState} in the launched Chromium`);
  const outside: string[] = [];
  const isLocal = (url: string) => {
    const { protocol, hostname } = new URL(url);
    return !/^(https?|wss?):$/.test(protocol) || hostname.endsWith('.test');
  };
  context.on('request', (request) => {
    if (!isLocal(request.url())) outside.push(request.url());
  });
  try {
    await context.addInitScript(recordLongTasks);
    const page = await context.newPage();

    // 1. The always-on content script on the corpus's news pages.
    await context.route(
      (url) => !isLocal(url.href),
      (route) => route.abort('blockedbyclient'),
    );
    const samples: ScriptSample[] = [];
    const missed: string[] = [];
    for (const p of pages) {
      const result = await contentScriptOn(page, server.url(CORPUS_HOST, p.path)).catch((error: unknown) => {
        missed.push(`${p.path} (${String(error).split('\n')[0]})`);
        return null;
      });
      if (result) samples.push({ page: p.path, ms: result.ms, detectMs: result.detectMs, runs: result.runs, overlappingLongTasks: result.overlapping });
      else if (!missed.some((m) => m.startsWith(p.path))) missed.push(p.path);
    }
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    const ms = samples.map((s) => s.ms);
    const longTasks = samples.reduce((sum, s) => sum + s.overlappingLongTasks, 0);
    figures['browser.contentScriptPages'] = samples.length;
    figures['browser.contentScriptMedianMs'] = median(ms);
    figures['browser.contentScriptP95Ms'] = quantile(ms, 0.95);
    figures['browser.contentScriptMaxMs'] = Math.max(...ms);
    figures['browser.contentScriptLongTasks'] = longTasks;
    const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, options.verbose ? 20 : 5);
    console.log(`\nAlways-on content script (headless Chromium, test build; detectArticle + message, own main-thread time):`);
    console.log(`  ${samples.length} corpus pages: median ${fmt(median(ms), 3)} ms, p95 ${fmt(quantile(ms, 0.95), 3)} ms, max ${fmt(Math.max(...ms))} ms; long tasks overlapping it: ${longTasks}`);
    const detectMs = samples.map((s) => s.detectMs);
    figures['browser.contentScriptDetectMedianMs'] = median(detectMs);
    console.log(`  of which detectArticle: median ${fmt(median(detectMs), 3)} ms, p95 ${fmt(quantile(detectMs, 0.95), 3)} ms (the rest: sending the message)`);
    console.log(`  slowest: ${slowest.map((s) => `${s.page} ${fmt(s.ms)} ms`).join(', ')}`);
    console.log(`  release bundle (minified): ${figures['browser.contentScriptBytes']} bytes`);
    if (missed.length) failures.push(`content script did not report on ${missed.length} page(s): ${missed.slice(0, 5).join(', ')}`);

    // 2. Click to readable text, on articles of different sizes.
    const articles: { name: string; url: string }[] = [
      { name: 'news.test night-trains (6 KB)', url: server.url('news.test', '/science/night-trains.html') },
      { name: 'novosti.test biblioteki (ru, 4 KB)', url: server.url('novosti.test', '/obshchestvo/biblioteki.html') },
      { name: 'khabar.test ketabkhaneh (fa, RTL)', url: server.url('khabar.test', '/farhang/ketabkhaneh.html') },
    ];
    for (const name of ['nytimes-2', 'guardian-1', 'wikipedia-2']) {
      const p = pages.find((x) => x.path === `/readability/${name}/`);
      if (p) articles.push({ name: `corpus ${name} (${Math.round(p.html().length / 1024)} KB)`, url: server.url(CORPUS_HOST, p.path) });
    }
    const clicks: ClickSample[] = [];
    for (const article of articles) {
      for (let i = 0; i < options.runs; i++) {
        try {
          clicks.push({ article: article.name, ...(await clickToPaint(context, page, article.url)) });
        } catch (error) {
          failures.push(`click to readable text on ${article.name}: ${String(error).split('\n')[0]}`);
          break;
        }
      }
    }
    console.log(`\nClick to readable text (headless Chromium, paint holding ${holdingState ?? `${paintHolding ? 'on' : 'off'} (unverified)`}; trigger in the background → article title painted), ${options.runs} runs each:`);
    console.log(`  phases (medians, ms from the trigger): to reader = the reader's navigation start (extraction, handoff stored); script = its first-paint script runs;`);
    console.log(`  handoff = the article in its hands; frame mark = the frame that draws it starts; paint median = the title presented (element timing)`);
    console.log(`  ${'article'.padEnd(40)} ${'paint median'.padStart(12)} ${'p95'.padStart(8)} ${'to reader'.padStart(9)} ${'script'.padStart(7)} ${'handoff'.padStart(7)} ${'frame mark'.padStart(10)} ${'full view'.padStart(9)} ${'driver wall'.padStart(11)}`);
    for (const article of articles) {
      const mine = clicks.filter((c) => c.article === article.name);
      if (!mine.length) continue;
      const paint = mine.map((c) => c.paintMs);
      console.log(
        `  ${article.name.padEnd(40)} ${fmt(median(paint), 1).padStart(12)} ${fmt(quantile(paint, 0.95), 1).padStart(8)} ${fmt(median(mine.map((c) => c.toReaderMs)), 1).padStart(9)} ${fmt(median(mine.map((c) => c.toScriptMs)), 1).padStart(7)} ${fmt(median(mine.map((c) => c.toHandoffMs)), 1).padStart(7)} ${fmt(median(mine.map((c) => c.markMs)), 1).padStart(10)} ${fmt(median(mine.map((c) => c.fullViewMs)), 1).padStart(9)} ${fmt(median(mine.map((c) => c.wallMs)), 0).padStart(11)}`,
      );
    }
    // The floor, on the first article, the same number of runs.
    const floors: { paintMs: number; toNavMs: number; toDclMs: number }[] = [];
    for (let i = 0; i < options.runs; i++) {
      try {
        floors.push(await clickToFloor(context, page, articles[0]!.url));
      } catch (error) {
        failures.push(`floor click on ${articles[0]!.name}: ${String(error).split('\n')[0]}`);
        break;
      }
    }
    if (floors.length) {
      const floorPaint = floors.map((f) => f.paintMs);
      figures['browser.clickFloorMedianMs'] = median(floorPaint);
      console.log(
        `  floor (the same trigger and tabs.update to floor.html: no script, one line of text), ${floors.length} runs on ${articles[0]!.name}: text painted median ${fmt(median(floorPaint), 1)} ms, p95 ${fmt(quantile(floorPaint, 0.95), 1)} ms; navigation start ${fmt(median(floors.map((f) => f.toNavMs)), 1)} ms, DOMContentLoaded ${fmt(median(floors.map((f) => f.toDclMs)), 1)} ms`,
      );
    }
    const paint = clicks.map((c) => c.paintMs);
    figures['browser.clickToPaintRuns'] = clicks.length;
    figures['browser.clickToPaintMedianMs'] = median(paint);
    figures['browser.clickToPaintP95Ms'] = quantile(paint, 0.95);
    figures['browser.clickToFullViewMedianMs'] = median(clicks.map((c) => c.fullViewMs));
    figures['browser.clickToPaintLongestArticleMedianMs'] = median(clicks.filter((c) => c.article === articles[articles.length - 1]!.name).map((c) => c.paintMs));
    console.log(`  all ${clicks.length} runs: median ${fmt(median(paint), 1)} ms, p95 ${fmt(quantile(paint, 0.95), 1)} ms (ms = wall-clock, absolute high-resolution times)`);
    console.log(`  requests to hosts other than *.test: ${outside.length} (aborted or unresolvable; none left the machine)`);
  } finally {
    await context.close().catch(() => undefined);
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { figures, failures };
}
