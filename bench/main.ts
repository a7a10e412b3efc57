/**
 * `npm run bench`: our engine and Readability.js side by side, in the same process, on freshly
 * parsed jsdom documents of every corpus page. See bench/run.mjs for how this is launched.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';

/** jsdom without console noise (CSS parse errors of real pages). */
function parse(html: string, url: string): JSDOM {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
}
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extractArticle, detectArticle } from '../src/core/index.js';
import type { Article } from '../src/core/types.js';
import { corpusScore, median, pageScore, quantile, type PageScore } from './metrics.js';
import { robustCases } from './robust.js';
import { runBlockPageBench } from './blockpages.js';
import { runLibraryBench } from './library.js';
import { runBrowserBench } from './browser.js';
import { runBrowserExtractBench } from './browser-extract.js';

interface Args {
  check: boolean;
  corpus: string;
  floors: string;
  verbose: boolean;
  robust: boolean;
  only: string | null;
  limit: number;
  libraryArticles: number;
  runs: number;
}

function parseArgs(argv: string[], repoRoot: string): Args {
  const a: Args = {
    check: false,
    corpus: resolve(repoRoot, '../shared/corpus'),
    floors: resolve(repoRoot, 'bench/floors.json'),
    verbose: false,
    robust: true,
    only: null,
    limit: Infinity,
    libraryArticles: 10000,
    runs: 15,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--check') a.check = true;
    else if (x === '--corpus') a.corpus = resolve(argv[++i] ?? '');
    else if (x.startsWith('--corpus=')) a.corpus = resolve(x.slice(9));
    else if (x === '--floors') a.floors = resolve(argv[++i] ?? '');
    else if (x === '--verbose' || x === '-v') a.verbose = true;
    else if (x === '--no-robust') a.robust = false;
    else if (x === '--wall') useWall = true;
    else if (x === '--only') a.only = argv[++i] ?? null;
    else if (x === '--limit') a.limit = Number(argv[++i]);
    else if (x === '--library-articles') a.libraryArticles = Number(argv[++i]);
    else if (x === '--runs') a.runs = Number(argv[++i]);
    else if (x === '--help' || x === '-h') {
      console.log('usage: npm run bench -- [--check] [--corpus DIR] [--floors FILE] [--only zyte|readability|blockpages|blockdetect|library|robust|browser|browser-extract] [--no-robust] [--verbose] [--limit N] [--library-articles N (default 10000)] [--runs N (browser: clicks per article)]');
      process.exit(0);
    }
  }
  return a;
}

interface EngineRun {
  ms: number[];
  scores: PageScore[];
}

interface Failure {
  page: string;
  what: string;
}

const failures: Failure[] = [];
const ratios: { zyte: number[]; readability: number[] } = { zyte: [], readability: [] };

/**
 * Process CPU time in ms. Why CPU time rather than wall time: the bench often shares the
 * machine with builds and browsers, and wall time then measures the scheduler, not the code.
 * Both engines run single-threaded in this process, so CPU time is their cost. (--wall
 * switches back to wall-clock time.)
 */
let useWall = false;
function now(): number {
  if (useWall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Empty the young generation before a timed run. Why: parsing a page with jsdom leaves megabytes
 * of short-lived garbage, and a scavenge that falls inside the next timed call bills one engine
 * for the parser's mess. Minor only: a full GC per run on a heap of hundreds of parsed documents
 * costs seconds. Both engines get the same treatment. (bench/run.mjs passes --expose-gc.)
 */
function emptyYoungGeneration(): void {
  (globalThis as { gc?: (o?: { type: 'minor' | 'major' }) => void }).gc?.({ type: 'minor' });
}

/**
 * Timed runs per engine and page, interleaved (ours, theirs, theirs, ours, …) on fresh parses;
 * the page's time is the fastest. Why best-of: on a shared 2-core machine a single run measures
 * the neighbours as much as the code (one CI run put the readability ratio at 2.7, the next at
 * 3.8); the minimum of a few runs is the cost of the code itself, and both engines get it alike.
 */
const TIMING_ROUNDS = 3;

function timeOnce(html: string, url: string, engine: 'ours' | 'theirs'): number {
  const dom = parse(html, url);
  const doc = dom.window.document;
  emptyYoungGeneration();
  const t0 = now();
  try {
    if (engine === 'ours') extractArticle(doc, { url });
    else new Readability(doc).parse();
  } catch {
    // Failures are recorded by the checked first run.
  }
  const ms = now() - t0;
  dom.window.close();
  return ms;
}

/** Best-of-TIMING_ROUNDS times for both engines, given the first (checked) run of each. */
function bestTimes(html: string, url: string, firstOurs: number, firstTheirs: number): { ours: number; theirs: number } {
  let ours = firstOurs;
  let theirs = firstTheirs;
  for (let round = 1; round < TIMING_ROUNDS; round++) {
    const order: Array<'ours' | 'theirs'> = round % 2 ? ['theirs', 'ours'] : ['ours', 'theirs'];
    for (const engine of order) {
      const ms = timeOnce(html, url, engine);
      if (engine === 'ours') ours = Math.min(ours, ms);
      else theirs = Math.min(theirs, ms);
    }
  }
  return { ours, theirs };
}

/** Run our engine on a fresh parse, checking the document is unchanged and nothing threw. */
function runOurs(html: string, url: string, page: string): { art: Article | null; ms: number; detectMs: number; isArticle: boolean } {
  const dom = parse(html, url);
  const doc = dom.window.document;
  const before = dom.serialize();
  let art: Article | null = null;
  emptyYoungGeneration();
  const t0 = now();
  try {
    art = extractArticle(doc, { url });
  } catch (e) {
    failures.push({ page, what: `extractArticle threw: ${String(e)}` });
  }
  const ms = now() - t0;
  const t1 = now();
  let isArticle = false;
  try {
    isArticle = detectArticle(doc).isArticle;
  } catch (e) {
    failures.push({ page, what: `detectArticle threw: ${String(e)}` });
  }
  const detectMs = now() - t1;
  if (dom.serialize() !== before) failures.push({ page, what: 'our engine modified the document' });
  dom.window.close();
  return { art, ms, detectMs, isArticle };
}

function runReadability(html: string, url: string): { text: string; title: string; ms: number; meta: Record<string, unknown> | null } {
  const dom = parse(html, url);
  emptyYoungGeneration();
  const t0 = now();
  let r: ReturnType<Readability['parse']> = null;
  try {
    r = new Readability(dom.window.document).parse();
  } catch {
    r = null;
  }
  const ms = now() - t0;
  dom.window.close();
  return { text: r?.textContent ?? '', title: r?.title ?? '', ms, meta: r as unknown as Record<string, unknown> | null };
}

interface Row {
  corpus: string;
  engine: string;
  f1: number;
  precision: number;
  recall: number;
  med: number;
  p95: number;
  ratio: number | null;
  pages: number;
  note?: string;
}

const rows: Row[] = [];
const figures: Record<string, number> = {};

function addRows(corpus: string, ours: EngineRun, theirs: EngineRun, ratioList: number[], f1Kind: 'zyte' | 'median'): void {
  for (const [engine, run] of [['samizdat', ours], ['readability.js', theirs]] as const) {
    const cs = corpusScore(run.scores);
    const f1 = f1Kind === 'zyte' ? cs.f1 : median(run.scores.map((s) => s.f1));
    const precision = f1Kind === 'zyte' ? cs.precision : median(run.scores.map((s) => s.precision));
    const recall = f1Kind === 'zyte' ? cs.recall : median(run.scores.map((s) => s.recall));
    rows.push({
      corpus, engine, f1, precision, recall, med: median(run.ms), p95: quantile(run.ms, 0.95),
      ratio: engine === 'samizdat' ? median(ratioList) : 1, pages: run.scores.length,
      note: f1Kind === 'zyte' ? 'Zyte F1 (mean P/R)' : 'median per-page F1 vs expected.html',
    });
    const prefix = `${corpus}.${engine === 'samizdat' ? 'ours' : 'readability'}`;
    figures[`${prefix}.f1`] = f1;
    figures[`${prefix}.precision`] = precision;
    figures[`${prefix}.recall`] = recall;
    figures[`${prefix}.medianMs`] = median(run.ms);
  }
  figures[`${corpus}.speedRatio`] = median(ratioList);
}

function benchZyte(dir: string, args: Args): void {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string; articleBody: string }>;
  const ids = Object.keys(truth).sort().slice(0, args.limit);
  const ours: EngineRun = { ms: [], scores: [] };
  const theirs: EngineRun = { ms: [], scores: [] };
  const detectMs: number[] = [];
  let detected = 0;
  const perPage: string[] = [];
  for (const id of ids) {
    const file = join(dir, 'html', `${id}.html.gz`);
    if (!existsSync(file)) continue;
    const html = gunzipSync(readFileSync(file)).toString('utf8');
    const { url, articleBody } = truth[id]!;
    const o = runOurs(html, url, `zyte/${id}`);
    const r = runReadability(html, url);
    const so = pageScore(o.art?.textContent ?? '', articleBody);
    const sr = pageScore(r.text, articleBody);
    const best = bestTimes(html, url, o.ms, r.ms);
    ours.ms.push(best.ours);
    ours.scores.push(so);
    theirs.ms.push(best.theirs);
    theirs.scores.push(sr);
    ratios.zyte.push(best.theirs / Math.max(best.ours, 0.01));
    detectMs.push(o.detectMs);
    if (o.isArticle) detected++;
    perPage.push(`${so.f1.toFixed(3)} ${sr.f1.toFixed(3)} P=${so.precision.toFixed(2)} R=${so.recall.toFixed(2)} ${best.ours.toFixed(1)}ms ${best.theirs.toFixed(1)}ms ${o.isArticle ? '' : 'NOT-ARTICLE '}${id.slice(0, 12)} ${url}`);
  }
  if (args.verbose) console.log('zyte per page (ours theirs ...):\n' + perPage.sort().join('\n'));
  addRows('zyte', ours, theirs, ratios.zyte, 'zyte');
  figures['detect.zyteArticles'] = detected / Math.max(ids.length, 1);
  figures['detect.zyteMedianMs'] = median(detectMs);
}

function norm(s: unknown): string {
  return typeof s === 'string' ? s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : '';
}

function sameDate(a: unknown, b: unknown): boolean {
  if (!a && !b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return Date.parse(a) === Date.parse(b);
}

function benchReadability(dir: string, args: Args): void {
  const names = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'source.html'))).sort().slice(0, args.limit);
  const url = 'http://fakehost/test/page.html';
  const ours: EngineRun = { ms: [], scores: [] };
  const theirs: EngineRun = { ms: [], scores: [] };
  const agree: Record<string, number> = { title: 0, byline: 0, siteName: 0, lang: 0, dir: 0, publishedTime: 0, readerable: 0 };
  const theirAgree: Record<string, number> = { readerable: 0 };
  const perPage: string[] = [];
  const detectMs: number[] = [];
  for (const name of names) {
    const html = readFileSync(join(dir, name, 'source.html'), 'utf8');
    const expectedHtml = readFileSync(join(dir, name, 'expected.html'), 'utf8');
    const meta = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Record<string, unknown>;
    const exp = parse(expectedHtml, url);
    const expectedText = exp.window.document.body?.textContent ?? '';
    exp.window.close();
    const o = runOurs(html, url, `readability/${name}`);
    const r = runReadability(html, url);
    const so = pageScore(o.art?.textContent ?? '', expectedText);
    const sr = pageScore(r.text, expectedText);
    const best = bestTimes(html, url, o.ms, r.ms);
    ours.ms.push(best.ours);
    ours.scores.push(so);
    theirs.ms.push(best.theirs);
    theirs.scores.push(sr);
    ratios.readability.push(best.theirs / Math.max(best.ours, 0.01));
    detectMs.push(o.detectMs);
    const a = o.art;
    const miss: string[] = [];
    const cmp = (k: string, ok: boolean, got: unknown): void => {
      if (ok) agree[k]!++;
      else miss.push(`${k}: got ${JSON.stringify(got)} want ${JSON.stringify(meta[k])}`);
    };
    cmp('title', norm(a?.title) === norm(meta.title), a?.title);
    cmp('byline', norm(a?.byline) === norm(meta.byline), a?.byline);
    cmp('siteName', norm(a?.siteName) === norm(meta.siteName), a?.siteName);
    cmp('lang', norm(a?.lang) === norm(meta.lang), a?.lang);
    cmp('dir', (a?.dir ?? null) === (meta.dir ?? null) || (meta.dir == null && a?.dir === 'ltr'), a?.dir);
    cmp('publishedTime', sameDate(a?.publishedTime, meta.publishedTime), a?.publishedTime);
    cmp('readerable', o.isArticle === meta.readerable, o.isArticle);
    const rd = parse(html, url);
    if (isProbablyReaderable(rd.window.document) === meta.readerable) theirAgree.readerable!++;
    rd.window.close();
    perPage.push(`${so.f1.toFixed(3)} ${sr.f1.toFixed(3)} P=${so.precision.toFixed(2)} R=${so.recall.toFixed(2)} ${name}${miss.length ? '\n      ' + miss.join('\n      ') : ''}`);
  }
  if (args.verbose) console.log('readability per page (ours theirs):\n' + perPage.sort().join('\n'));
  addRows('readability', ours, theirs, ratios.readability, 'median');
  for (const k of Object.keys(agree)) figures[`readability.${k}Agreement`] = agree[k]! / Math.max(names.length, 1);
  figures['readability.readerableAgreementReadabilityJs'] = theirAgree.readerable! / Math.max(names.length, 1);
  figures['detect.readabilityMedianMs'] = median(detectMs);
}

function benchBlockpages(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  let notArticle = 0;
  for (const f of files) {
    const o = runOurs(readFileSync(join(dir, f), 'utf8'), 'http://blocked.example/', `blockpages/${f}`);
    if (!o.isArticle) notArticle++;
    else console.log(`  block page detected as article: ${f}`);
  }
  figures['detect.blockpagesNotArticle'] = notArticle / Math.max(files.length, 1);
}

function benchRobust(): void {
  const lines: string[] = [];
  let worst = 0;
  for (const c of robustCases()) {
    const html = c.make();
    const t0 = now();
    const dom = parse(html, 'http://robust.example/page.html');
    c.build?.(dom.window.document);
    const parseMs = now() - t0;
    const t1 = now();
    let out = 'null';
    try {
      const a = extractArticle(dom.window.document, {});
      out = a ? `article (${a.wordCount} words)` : 'null';
    } catch (e) {
      failures.push({ page: `robust/${c.name}`, what: `threw ${String(e)}` });
    }
    const ms = now() - t1;
    try {
      detectArticle(dom.window.document);
    } catch (e) {
      failures.push({ page: `robust/${c.name}`, what: `detectArticle threw ${String(e)}` });
    }
    worst = Math.max(worst, ms);
    lines.push(`  ${c.name.padEnd(28)} ${(html.length / 1e6).toFixed(1).padStart(6)} MB  parse ${parseMs.toFixed(0).padStart(6)} ms  extract ${ms.toFixed(0).padStart(6)} ms  → ${out}`);
    console.log(lines[lines.length - 1]);
    try {
      dom.window.close();
    } catch {
      // jsdom's teardown recurses once per level and overflows on the 10,000-deep tree; the
      // garbage collector frees that document instead.
    }
    if (ms > c.boundMs) failures.push({ page: `robust/${c.name}`, what: `took ${ms.toFixed(0)} ms (bound ${c.boundMs} ms)` });
  }
  console.log('\nRobustness (jsdom; bounds generous):\n' + lines.join('\n'));
  figures['robust.worstMs'] = worst;
}

function fmt(n: number | null, d = 3): string {
  return n == null || Number.isNaN(n) ? '—' : n.toFixed(d);
}

function printTable(): void {
  const head = ['corpus', 'engine', 'pages', 'F1', 'precision', 'recall', 'median ms', 'p95 ms', 'speed ×'];
  const body = rows.map((r) => [r.corpus, r.engine, String(r.pages), fmt(r.f1), fmt(r.precision), fmt(r.recall), fmt(r.med, 2), fmt(r.p95, 2), r.ratio == null ? '—' : fmt(r.ratio, 2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  console.log('\n' + line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
  console.log('zyte F1 = harmonic mean of page-averaged shingle precision and recall; readability F1/P/R = per-page medians vs expected.html; speed × = median per-page (Readability.js ms / our ms), jsdom; ms = ' + (useWall ? 'wall-clock' : 'process CPU time') + `, best of ${TIMING_ROUNDS} interleaved runs per page, young generation emptied before each.`);
}

/** Frees the previous section's documents before the next parses its own (bench/run.mjs passes --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function main(argv: string[], repoRoot: string): Promise<number> {
  const args = parseArgs(argv, repoRoot);
  const corpus = args.corpus;
  const want = (k: string): boolean => !args.only || args.only === k;
  if (!existsSync(corpus)) {
    console.error(`Corpus missing: ${corpus} not found. Put the shared corpus at ../shared/corpus or pass --corpus DIR.`);
    return args.check ? 2 : 0;
  }
  console.log(`corpus: ${corpus}`);
  const z = join(corpus, 'zyte');
  const rd = join(corpus, 'readability');
  const bp = join(corpus, 'blockpages', 'pages');
  const missing: string[] = [];
  if (want('zyte')) {
    if (existsSync(join(z, 'ground-truth.json'))) benchZyte(z, args);
    else missing.push(z);
  }
  collectGarbage();
  if (want('readability')) {
    if (existsSync(rd)) benchReadability(rd, args);
    else missing.push(rd);
  }
  collectGarbage();
  if (want('blockpages')) {
    if (existsSync(bp)) benchBlockpages(bp);
    else missing.push(bp);
  }
  collectGarbage();
  if (want('blockdetect')) {
    if (existsSync(bp)) {
      // detectBlockPage: real block pages found, and normal news pages left alone.
      const r = await runBlockPageBench(corpus, { ownFixtures: join(repoRoot, 'tests/fixtures/blockpages') });
      if (r.own) {
        // Our own block pages in languages the corpus lacks, and pages that restrict access for another reason.
        figures['blockdetect.ownUnseen'] = r.own.unseen.detected / Math.max(r.own.unseen.total, 1);
        figures['blockdetect.ownNotBlockedClean'] = 1 - r.own.notBlocked.falsePositives / Math.max(r.own.notBlocked.total, 1);
      }
      // Held-out sets, by engineers who never saw the detector: blockdetect.heldOut2Unseen, …
      for (const [name, set] of Object.entries(r.heldOut ?? {})) {
        const n = name.replace(/^held-out-/, '');
        figures[`blockdetect.heldOut${n}Unseen`] = set.unseen.detected / Math.max(set.unseen.total, 1);
        figures[`blockdetect.heldOut${n}NotBlockedClean`] = 1 - set.notBlocked.falsePositives / Math.max(set.notBlocked.total, 1);
      }
      figures['blockdetect.detected'] = r.detected / Math.max(r.total, 1);
      figures['blockdetect.normalPagesClean'] = 1 - r.falsePositives / Math.max(r.negatives, 1);
      // Block pages of operators the signature list does not know: each operator's pages scored
      // without that operator's own signatures (PRODUCT.md: >= 95% of unseen block pages).
      figures['blockdetect.leaveOperatorOut'] = r.leaveOperatorOut.detected / Math.max(r.leaveOperatorOut.total, 1);
      figures['blockdetect.normalPageMedianMs'] = r.medianMsNormalPage;
    } else missing.push(bp);
  }
  collectGarbage();
  if (want('library')) {
    // The offline library (PRODUCT.md): saved size, search on N articles, first paint in Chromium.
    const r = await runLibraryBench(repoRoot, ['--articles', String(args.libraryArticles)]);
    Object.assign(figures, r.figures);
  }
  collectGarbage();
  if (want('browser')) {
    // The extension in headless Chromium: content script cost and size, click to readable text.
    const r = await runBrowserBench({ repoRoot, corpus, runs: args.runs, limit: args.limit, verbose: args.verbose });
    Object.assign(figures, r.figures);
    for (const what of r.failures) failures.push({ page: 'browser', what });
  }
  collectGarbage();
  if (want('browser-extract')) {
    // Our engine against Readability.js inside headless Chromium (PRODUCT.md: 3x there too).
    const r = await runBrowserExtractBench({ repoRoot, corpus, limit: args.limit, verbose: args.verbose });
    if (args.verbose) console.log('browser-extract per page (ours theirs ratio):\n' + r.lines.join('\n'));
    Object.assign(figures, r.figures);
    for (const what of r.failures) failures.push({ page: 'browser-extract', what });
  }
  printTable();
  console.log('\nOther figures:');
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${fmt(v)}`);
  if (args.robust && (want('robust') || !args.only)) benchRobust();
  let bad = 0;
  for (const m of missing) {
    console.error(`Corpus part missing: ${m}`);
    bad++;
  }
  for (const f of failures) {
    console.error(`FAIL ${f.page}: ${f.what}`);
    bad++;
  }
  if (args.check) {
    if (!existsSync(args.floors)) {
      console.error(`floors file missing: ${args.floors}`);
      return 2;
    }
    const floors = JSON.parse(readFileSync(args.floors, 'utf8')) as Record<string, number>;
    for (const [k, floor] of Object.entries(floors)) {
      if (k.startsWith('_')) continue;
      const v = figures[k];
      if (v === undefined) {
        if (!args.only) {
          console.error(`FLOOR ${k}: figure not measured`);
          bad++;
        }
        continue;
      }
      // Figures ending in Ms, Bytes or LongTasks are ceilings (lower is better); all others are floors.
      const ceiling = /(Ms|Bytes|LongTasks)$/.test(k);
      if (ceiling ? v > floor : v < floor) {
        console.error(`FLOOR ${k}: ${fmt(v)} ${ceiling ? '>' : '<'} ${floor}`);
        bad++;
      }
    }
    const ours = figures['zyte.ours.f1'];
    const theirs = figures['zyte.readability.f1'];
    if (ours !== undefined && theirs !== undefined && ours <= theirs) {
      console.error(`FLOOR zyte: our F1 ${fmt(ours)} is not above Readability.js ${fmt(theirs)}`);
      bad++;
    }
    console.log(bad ? `\ncheck: ${bad} problem(s)` : '\ncheck: all figures at or above floors');
    return bad ? 1 : 0;
  }
  return 0;
}
