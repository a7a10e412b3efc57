/**
 * library.html's first paint on a large library, in real Chromium with the built extension
 * (dist/chrome, built here if missing or older than the sources): N entries (default 10,000)
 * with their search text and a saved copy each are written into the extension's IndexedDB,
 * then the page is loaded `runs` times. Each load reports when the first 50 rows were painted
 * (the page's `samizdat-library-rows` mark, taken after the frame that shows them) from
 * navigation start, and when the whole list was loaded. PRODUCT.md target: < 200 ms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TermsRecord } from '../src/storage/postings.js';
import { findBrowser } from '../scripts/browsers.mjs';
import { launchChromiumWithExtension } from '../scripts/chromium.mjs';
import type { BrowserContext, Page } from 'playwright-core';

export interface PaintBenchResult {
  articles: number;
  runs: number;
  /** From navigation start to the first 50 rows on screen, per load. */
  rowsMs: number[];
  medianRowsMs: number;
  /** From navigation start to the whole list loaded (filters and sorting ready). */
  medianAllMs: number;
  /**
   * From the search box focused to the search index ready: first with no snapshot (all postings
   * read and assembled, a snapshot stored), then reading the snapshot.
   */
  indexReadyMs: number[];
  indexAssembleMs: number;
  indexFromSnapshotMs: number;
  /**
   * A query typed as soon as the search box is there after opening the page: from the typing to
   * the first results shown (answered from the snapshot chunks the query needs while the whole
   * index loads), and to the whole index ready. Per run.
   */
  firstAnswerMs: number[];
  firstAnswerPartial: boolean[];
  wholeAnswerMs: number[];
  medianFirstAnswerMs: number;
  loadAverage: number[];
}

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfNeeded(repoRoot: string): string {
  const dir = join(repoRoot, 'dist/chrome');
  const manifest = join(dir, 'manifest.json');
  const sources = Math.max(...['src', '_locales', 'manifest.json', 'build.mjs'].map((p) => newestMtime(join(repoRoot, p))));
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) execFileSync(process.execPath, ['build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  return dir;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Chromium with the extension at `extensionDir`, its library seeded with `articles` entries. */
async function openSeededLibrary(extensionDir: string, articles: number, postings: TermsRecord[]): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profileDir = mkdtempSync(join(tmpdir(), 'samizdat-paint-bench-'));
  const { context, extensionBase } = await launchChromiumWithExtension({ extensionDir, profileDir, executablePath: findBrowser('chromium') });
  const close = async () => {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const page = await context.newPage();
    await page.goto(`${extensionBase}library.html`);
    await page.waitForSelector('main.library');
    // The library as a real one looks: entries, search texts and postings, and one saved copy
    // per entry, written straight into the database in batches. The postings are those of the
    // search benchmark's generated articles (mixed scripts, 1,500 words each), one per entry.
    for (let start = 0; start < articles; start += 500) {
      const batch = postings.slice(start, Math.min(articles, start + 500)).map((r) => ({ terms: r.terms, freqs: Array.from(r.freqs), lengths: r.lengths }));
      await page.evaluate(async ({ count, start, batch }: { count: number; start: number; batch: { terms: string; freqs: number[]; lengths: number[] }[] }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('samizdat-library');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const words = 'river levee flood city council report water storm night bridge road school power market'.split(' ');
        const body = (i: number) => Array.from({ length: 1500 }, (_, w) => words[(i * 7 + w * 13) % words.length]).join(' ');
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['entries', 'texts', 'terms', 'versions'], 'readwrite');
          for (let i = start; i < Math.min(count, start + 500); i++) {
            const url = `https://bulk.test/article/${i}`;
            const day = new Date(Date.UTC(2025, 0, 1) + i * 3600000).toISOString();
            const title = `Generated article number ${i} about the ${words[i % words.length]}`;
            const text = body(i);
            tx.objectStore('entries').put({
              url, aliases: [url], host: 'bulk.test', title, siteName: `Site ${i % 20}`, byline: null,
              publishedTime: day, lang: 'en', dir: 'ltr', excerpt: `The excerpt of article ${i}, which is about the ${words[(i + 3) % words.length]}.`, wordCount: 1500,
              latestVersion: 1, versionCount: 1, firstSavedAt: day, lastSavedAt: day, tags: i % 7 ? [] : ['bulk'], readAt: null, trashedAt: null,
            });
            tx.objectStore('texts').put({ url, title, siteName: `Site ${i % 20}`, text, tags: [] });
            const p = batch[i - start];
            if (p) tx.objectStore('terms').put({ url, terms: p.terms, freqs: Uint8Array.from(p.freqs), lengths: p.lengths, rev: 0 });
            tx.objectStore('versions').put({
              url, version: 1, savedAt: day, sourceUrl: url, finalUrl: url, httpStatus: 200, waybackCaptureUrl: null, sha256: '0'.repeat(64),
              article: { url, title, byline: null, siteName: null, lang: 'en', dir: 'ltr', publishedTime: day, excerpt: null, leadImage: null, contentHtml: `<p>${text}</p>`, textContent: text, wordCount: 1500 },
              images: [], imageIds: [], failures: [],
            });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      }, { count: articles, start, batch });
    }
    return { context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One load of library.html: when the first 50 rows were painted and the whole list loaded, from navigation start. */
async function measureLoad(page: Page, log: (s: string) => void): Promise<{ rows: number; all: number }> {
  // The driver stays out of the page until it has loaded and had a moment: its first question
  // to a page injects its own script (about 35 ms of compiling and running in the page's main
  // thread, seen in a trace), which polling from the commit on put inside the window measured.
  await page.reload({ waitUntil: 'load' });
  await page.waitForTimeout(1000);
  await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-rows').length > 0 && document.querySelectorAll('li.entry').length >= 50, undefined, { timeout: 60000, polling: 50 });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-all-entries').length > 0, undefined, { timeout: 60000, polling: 50 });
  const marks = await page.evaluate(() => Object.fromEntries(['rows', 'all-entries'].map((m) => [m, performance.getEntriesByName(`samizdat-library-${m}`)[0]!.startTime])));
  if (process.env.LIBRARY_PERF_DEBUG) log(await page.evaluate(() => JSON.stringify({ nav: performance.getEntriesByType('navigation').map((n) => { const t = n as PerformanceNavigationTiming; return { responseEnd: Math.round(t.responseEnd), domInteractive: Math.round(t.domInteractive), load: Math.round(t.loadEventEnd) }; })[0], marks: performance.getEntriesByType('mark').map((m) => [m.name.replace('samizdat-library-', ''), Math.round(m.startTime)]), res: performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round((r as PerformanceResourceTiming).responseEnd)]) })));
  return { rows: Math.round(marks.rows!), all: Math.round(marks['all-entries']!) };
}

/**
 * The page reloaded and its whole list loaded, then the search box focused: ms until the search
 * index is ready. On the open that assembles the index (no snapshot yet), also waits for its
 * snapshot to be stored, so the next open reads it.
 */
async function indexOnFocus(page: Page, log: (s: string) => void, assembles: boolean): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-all-entries').length > 0, undefined, { timeout: 60000, polling: 50 });
  await page.evaluate(() => performance.mark('bench-search-focus'));
  await page.focus('#library-search');
  await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-index-ready').length > 0, undefined, { timeout: 900000, polling: 50 });
  const ms = await page.evaluate(() => Math.round(performance.getEntriesByName('samizdat-library-index-ready')[0]!.startTime - performance.getEntriesByName('bench-search-focus')[0]!.startTime));
  if (process.env.LIBRARY_PERF_DEBUG) log(await page.evaluate(() => JSON.stringify(performance.getEntriesByType('mark').filter((m) => /index|focus/.test(m.name)).map((m) => [m.name, Math.round(m.startTime)]))));
  if (assembles) await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-index-stored').length > 0, undefined, { timeout: 900000, polling: 100 });
  return ms;
}

/**
 * A query typed as soon as the search box is there after opening the page: ms from the typing
 * to the first results (and whether they came from the partial index), and to the whole index.
 */
async function measureFirstAnswer(page: Page, query: string, log: (s: string) => void): Promise<{ firstMs: number; partial: boolean; wholeMs: number }> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('#library-search', { timeout: 60000 });
  await page.evaluate(() => performance.mark('bench-typed'));
  await page.fill('#library-search', query);
  await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-first-answer').length > 0, undefined, { timeout: 600000, polling: 20 });
  const first = await page.evaluate(() => {
    const m = performance.getEntriesByName('samizdat-library-first-answer')[0] as PerformanceMark;
    return { ms: Math.round(m.startTime - performance.getEntriesByName('bench-typed')[0]!.startTime), partial: !(m.detail as { complete: boolean }).complete, rows: document.querySelectorAll('li.entry').length };
  });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat-library-index-ready').length > 0, undefined, { timeout: 600000, polling: 50 });
  const wholeMs = await page.evaluate(() => Math.round(performance.getEntriesByName('samizdat-library-index-ready')[0]!.startTime - performance.getEntriesByName('bench-typed')[0]!.startTime));
  if (process.env.LIBRARY_PERF_DEBUG) {
    log(`query "${query}": first answer ${first.ms} ms (${first.partial ? 'partial' : 'whole'} index, ${first.rows} rows shown), whole index ${wholeMs} ms`);
    log(await page.evaluate(() => { const t0 = performance.getEntriesByName('bench-typed')[0]!.startTime; return JSON.stringify(performance.getEntriesByType('mark').map((m) => [m.name.replace('samizdat-', ''), Math.round(m.startTime - t0)])); }));
  }
  return { firstMs: first.ms, partial: first.partial, wholeMs };
}

/**
 * A query typed as the page opens, in two builds side by side (`node bench/library.mjs
 * --answer-compare DIR_A DIR_B`): each in its own Chromium with the same seeded library (its
 * snapshot assembled and stored by a first open), then their runs interleaved (A, B, B, A, …)
 * so both see the same load. Per build: ms to the first results and to the whole index.
 */
export async function libraryAnswerCompare(dirs: string[], options: { articles?: number; rounds?: number; postings: TermsRecord[]; query: string; log?: (s: string) => void }): Promise<{ dir: string; firstMs: number[]; partial: boolean[]; wholeMs: number[]; medianFirstMs: number; medianWholeMs: number }[]> {
  const articles = options.articles ?? 10000;
  const rounds = options.rounds ?? 7;
  const log = options.log ?? (() => undefined);
  const opened: Awaited<ReturnType<typeof openSeededLibrary>>[] = [];
  try {
    for (const dir of dirs) {
      const o = await openSeededLibrary(dir, articles, options.postings);
      opened.push(o);
      log(`${dir}: seeded ${articles} articles; index assembled in ${await indexOnFocus(o.page, log, true)} ms (snapshot stored)`);
    }
    const out = dirs.map((dir) => ({ dir, firstMs: [] as number[], partial: [] as boolean[], wholeMs: [] as number[] }));
    for (let round = -1; round < rounds; round++) {
      const order = round % 2 ? [...opened.keys()] : [...opened.keys()].reverse();
      for (const i of order) {
        const a = await measureFirstAnswer(opened[i]!.page, options.query, (m) => log(`${dirs[i]}: ${m}`));
        if (round < 0) continue;
        out[i]!.firstMs.push(a.firstMs);
        out[i]!.partial.push(a.partial);
        out[i]!.wholeMs.push(a.wholeMs);
      }
    }
    return out.map((o) => ({ ...o, medianFirstMs: median(o.firstMs), medianWholeMs: median(o.wholeMs) }));
  } finally {
    for (const o of opened) await o.close();
  }
}

export async function libraryPaintBench(repoRoot: string, options: { articles?: number; runs?: number; extensionDir?: string; postings?: TermsRecord[]; query?: string; paintOnly?: boolean; log?: (s: string) => void } = {}): Promise<PaintBenchResult> {
  const articles = options.articles ?? 10000;
  const runs = options.runs ?? 7;
  const log = options.log ?? (() => undefined);
  const extensionDir = options.extensionDir ?? buildIfNeeded(repoRoot);
  const { page, close } = await openSeededLibrary(extensionDir, articles, options.postings ?? []);
  try {
    log(`seeded ${articles} articles`);
    const rowsMs: number[] = [];
    const allMs: number[] = [];
    // One load first to settle caches (the page's own first-run work), as a returning user has.
    for (let run = -1; run < runs; run++) {
      const load = await measureLoad(page, log);
      if (run < 0) continue;
      rowsMs.push(load.rows);
      allMs.push(load.all);
    }
    const result = { articles, runs, rowsMs, medianRowsMs: median(rowsMs), medianAllMs: median(allMs), indexReadyMs: [] as number[], indexAssembleMs: NaN, indexFromSnapshotMs: NaN, firstAnswerMs: [] as number[], firstAnswerPartial: [] as boolean[], wholeAnswerMs: [] as number[], medianFirstAnswerMs: NaN, loadAverage: loadavg().map((x) => Number(x.toFixed(1))) };
    if (options.paintOnly) return result;
    // The search index on open: the page loaded, the search box focused, until the index is ready.
    // The first open assembles the index and stores a snapshot; the next ones read it.
    const indexReadyMs: number[] = [];
    for (let run = 0; run < 4; run++) indexReadyMs.push(await indexOnFocus(page, log, run === 0));
    // A query typed right after opening (the snapshot stored by now, as on any later open).
    const query = options.query ?? 'river';
    const firstAnswerMs: number[] = [];
    const firstAnswerPartial: boolean[] = [];
    const wholeAnswerMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const a = await measureFirstAnswer(page, query, log);
      firstAnswerMs.push(a.firstMs);
      firstAnswerPartial.push(a.partial);
      wholeAnswerMs.push(a.wholeMs);
    }
    return { ...result, indexReadyMs, indexAssembleMs: indexReadyMs[0]!, indexFromSnapshotMs: median(indexReadyMs.slice(1)), firstAnswerMs, firstAnswerPartial, wholeAnswerMs, medianFirstAnswerMs: median(firstAnswerMs), loadAverage: loadavg().map((x) => Number(x.toFixed(1))) };
  } finally {
    await close();
  }
}

/**
 * Two builds side by side (`node bench/library.mjs --paint-only --compare DIR_A DIR_B`): each
 * loaded into its own Chromium with the same seeded library, then their loads interleaved
 * (A, B, A, B, …) so both see the same load on a shared machine. Per build, when the first 50
 * rows were painted from navigation start.
 */
export async function libraryPaintCompare(dirs: string[], options: { articles?: number; articlesEach?: number[]; rounds?: number; log?: (s: string) => void } = {}): Promise<{ dir: string; articles: number; rowsMs: number[]; medianRowsMs: number; medianAllMs: number }[]> {
  // One size for all, or one per browser (`articlesEach`: the same build on two library sizes).
  const sizes = dirs.map((_, i) => options.articlesEach?.[i] ?? options.articles ?? 10000);
  const rounds = options.rounds ?? 9;
  const log = options.log ?? (() => undefined);
  const opened: Awaited<ReturnType<typeof openSeededLibrary>>[] = [];
  try {
    for (const [i, dir] of dirs.entries()) opened.push(await openSeededLibrary(dir, sizes[i]!, []));
    log(`seeded ${sizes.join(' / ')} articles in ${dirs.length} browsers`);
    const rows = dirs.map(() => [] as number[]);
    const all = dirs.map(() => [] as number[]);
    for (let round = -1; round < rounds; round++) {
      // Alternate which build goes first, so neither always follows the other's load.
      const order = round % 2 ? [...opened.keys()] : [...opened.keys()].reverse();
      for (const i of order) {
        const load = await measureLoad(opened[i]!.page, log);
        if (round < 0) continue;
        rows[i]!.push(load.rows);
        all[i]!.push(load.all);
      }
    }
    return dirs.map((dir, i) => ({ dir, articles: sizes[i]!, rowsMs: rows[i]!, medianRowsMs: median(rows[i]!), medianAllMs: median(all[i]!) }));
  } finally {
    for (const o of opened) await o.close();
  }
}

const TRACE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing', 'loading', 'navigation',
  'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'fonts', 'extensions', 'browser', 'content', 'renderer_host',
  'toplevel', 'ipc', 'mojom', 'IndexedDB', 'cc', 'blink.resource', 'disabled-by-default-devtools.timeline.frame',
];

/**
 * One load of library.html under a whole-browser CDP trace (`node bench/library.mjs --paint-only
 * --trace FILE`): writes the raw trace (chrome://tracing, Perfetto) and prints the events of at
 * least `minMs` from the navigation's start to the first rows' mark, as offsets from that start.
 */
export async function libraryPaintTrace(extensionDir: string, options: { articles?: number; out: string; minMs?: number; log?: (s: string) => void }): Promise<void> {
  const log = options.log ?? console.log;
  const { context, page, close } = await openSeededLibrary(extensionDir, options.articles ?? 10000, []);
  try {
    for (let i = 0; i < 3; i++) await measureLoad(page, log); // warm, as a returning user's browser is
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as TraceEvent[])));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
    await page.waitForTimeout(200);
    const load = await measureLoad(page, log);
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(options.out, JSON.stringify({ traceEvents: events }));
    log(`trace of one load (rows at ${load.rows} ms): ${options.out}, ${events.length} events`);
    const names = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && (e.name === 'thread_name' || e.name === 'process_name')) names.set(e.name === 'thread_name' ? `${e.pid}:${e.tid}` : String(e.pid), String(e.args?.name));
    const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('samizdat-library-'));
    const rowsMark = marks.find((e) => e.name === 'samizdat-library-rows');
    const t0 = rowsMark ? rowsMark.ts - load.rows * 1000 : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
    for (const m of marks) log(`  mark ${m.name} @ ${((m.ts - t0) / 1000).toFixed(1)} ms`);
    const minUs = (options.minMs ?? 0.8) * 1000;
    for (const e of events.filter((e) => e.ph === 'X' && (e.dur ?? 0) >= minUs && e.ts >= t0 - 20000 && e.ts <= t0 + load.rows * 1000 + 5000).sort((a, b) => a.ts - b.ts)) {
      const where = `${(names.get(String(e.pid)) ?? String(e.pid)).slice(0, 16)}/${(names.get(`${e.pid}:${e.tid}`) ?? String(e.tid)).slice(0, 22)}`;
      const data = e.args?.data as { url?: string; functionName?: string; type?: string } | undefined;
      const detail = data?.url ?? data?.functionName ?? data?.type ?? '';
      log(`${((e.ts - t0) / 1000).toFixed(1).padStart(8)} +${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)}  ${where.padEnd(40)} ${e.name} ${String(detail).slice(-60)}`);
    }
  } finally {
    await close();
  }
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { name?: string; data?: unknown };
}
