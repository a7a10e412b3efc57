/**
 * `npm run bench -- --only browser-extract`: our engine against Readability.js inside headless
 * Chromium, on the same corpus pages as the jsdom sections.
 *
 * Both engines and the core are bundled (esbuild, one IIFE) into a blank page; each corpus page's
 * HTML is handed to that page, which parses it with DOMParser afresh before every timed call, so
 * both engines get identical, untouched documents. Timing is the page's performance.now() around
 * the call alone (not the parse). Like the jsdom sections, each page is timed several rounds
 * with the engines interleaved (ours, theirs, then theirs, ours, …) and the page's time is the
 * fastest of its rounds; the speed figure is the median of the per-page ratios.
 * Nothing leaves the machine: the page is about:blank and every request is aborted.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser } from '../scripts/browsers.mjs';
import { median } from './metrics.js';

export interface BrowserExtractOptions {
  repoRoot: string;
  corpus: string;
  limit: number;
  verbose: boolean;
}

/** Timed rounds per page and engine (best of). */
const ROUNDS = 3;

interface CorpusPage {
  name: string;
  url: string;
  html: string;
}

function corpusPages(corpus: string, which: 'zyte' | 'readability', limit: number): CorpusPage[] {
  const pages: CorpusPage[] = [];
  if (which === 'zyte') {
    const dir = join(corpus, 'zyte');
    const truthFile = join(dir, 'ground-truth.json');
    if (!existsSync(truthFile)) return pages;
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { url: string }>;
    for (const id of Object.keys(truth).sort().slice(0, limit)) {
      const file = join(dir, 'html', `${id}.html.gz`);
      if (existsSync(file)) pages.push({ name: `zyte/${id.slice(0, 12)}`, url: truth[id]!.url, html: gunzipSync(readFileSync(file)).toString('utf8') });
    }
  } else {
    const dir = join(corpus, 'readability');
    if (!existsSync(dir)) return pages;
    for (const n of readdirSync(dir).filter((x) => existsSync(join(dir, x, 'source.html'))).sort().slice(0, limit)) {
      pages.push({ name: `readability/${n}`, url: 'http://fakehost/test/page.html', html: readFileSync(join(dir, n, 'source.html'), 'utf8') });
    }
  }
  return pages;
}

/** The core and Readability.js as one script for the page, exposed as globalThis.samizdatBench. */
async function bundleForPage(repoRoot: string): Promise<string> {
  const r = await build({
    stdin: {
      contents:
        "import { extractArticle } from './src/core/index.ts';\n" +
        "import { Readability } from '@mozilla/readability';\n" +
        'globalThis.samizdatBench = { extractArticle, Readability };\n',
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    absWorkingDir: repoRoot,
    logLevel: 'warning',
  });
  return r.outputFiles[0]!.text;
}

interface PageTimes {
  ours: number;
  theirs: number;
  oursChars: number;
  theirsChars: number;
  error: string | null;
}

/** Runs in the page: best-of-rounds times for both engines on fresh DOMParser documents. */
function timePage(arg: { html: string; url: string; rounds: number }): PageTimes {
  type Engines = {
    extractArticle: (d: Document, o: { url: string }) => { textContent: string } | null;
    Readability: new (d: Document) => { parse(): { textContent?: string | null } | null };
  };
  const g = globalThis as unknown as { samizdatBench: Engines; gc?: (o?: { type: string }) => void };
  const { extractArticle, Readability } = g.samizdatBench;
  const parser = new DOMParser();
  const out: PageTimes = { ours: Infinity, theirs: Infinity, oursChars: 0, theirsChars: 0, error: null };
  for (let round = 0; round < arg.rounds; round++) {
    const order = round % 2 ? ['theirs', 'ours'] : ['ours', 'theirs'];
    for (const engine of order) {
      const doc = parser.parseFromString(arg.html, 'text/html');
      // Why: the parse leaves garbage; a scavenge inside the timed call would bill the engine.
      g.gc?.({ type: 'minor' });
      const t0 = performance.now();
      try {
        if (engine === 'ours') {
          const a = extractArticle(doc, { url: arg.url });
          if (round === 0) out.oursChars = a?.textContent.length ?? 0;
        } else {
          const r = new Readability(doc).parse();
          if (round === 0) out.theirsChars = r?.textContent?.length ?? 0;
        }
      } catch (e) {
        out.error = `${engine}: ${String(e)}`;
      }
      const ms = performance.now() - t0;
      if (engine === 'ours') out.ours = Math.min(out.ours, ms);
      else out.theirs = Math.min(out.theirs, ms);
    }
  }
  return out;
}

export async function runBrowserExtractBench(options: BrowserExtractOptions): Promise<{ figures: Record<string, number>; failures: string[]; lines: string[] }> {
  const figures: Record<string, number> = {};
  const failures: string[] = [];
  const lines: string[] = [];
  const script = await bundleForPage(options.repoRoot);
  const browser = await chromium.launch({
    executablePath: findBrowser('chromium'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: corpus pages are parsed, never loaded, but be sure.
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><head><title>bench</title></head><body></body></html>');
    await page.addScriptTag({ content: script });
    for (const which of ['zyte', 'readability'] as const) {
      const ours: number[] = [];
      const theirs: number[] = [];
      const ratios: number[] = [];
      for (const p of corpusPages(options.corpus, which, options.limit)) {
        const t = await page.evaluate(timePage, { html: p.html, url: p.url, rounds: ROUNDS });
        if (t.error) failures.push(`${p.name}: ${t.error}`);
        ours.push(t.ours);
        theirs.push(t.theirs);
        // performance.now() is coarsened (100 µs without cross-origin isolation): floor the divisor.
        ratios.push(t.theirs / Math.max(t.ours, 0.1));
        if (options.verbose) lines.push(`${t.ours.toFixed(2)}ms ${t.theirs.toFixed(2)}ms ×${(t.theirs / Math.max(t.ours, 0.1)).toFixed(2)} chars ${t.oursChars}/${t.theirsChars} ${p.name}`);
      }
      if (!ratios.length) continue;
      figures[`browserExtract.${which}.oursMedianMs`] = median(ours);
      figures[`browserExtract.${which}.readabilityMedianMs`] = median(theirs);
      figures[`browserExtract.${which}.speedRatio`] = median(ratios);
    }
  } finally {
    await browser.close();
  }
  return { figures, failures, lines };
}
