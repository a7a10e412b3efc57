/**
 * Block-page detection bench.
 *
 *   import { runBlockPageBench } from './blockpages.js';
 *   const r = await runBlockPageBench('../shared/corpus');
 *   // r: { detected, total, falsePositives, negatives, medianMsNormalPage, ... }
 *
 * `corpusDir` is the shared corpus root (the folder holding blockpages/, zyte/, readability/).
 * Positives: blockpages/pages/*.html (real block pages). Negatives: zyte/html/*.html.gz and
 * readability/<name>/source.html (normal news pages): any detection there is a false positive.
 * Pages are parsed with jsdom; bytes are decoded as the browser would when the server names no
 * charset but the bytes are UTF-8 (valid UTF-8 → UTF-8, else jsdom's own sniffing of <meta>).
 * `medianMsNormalPage` is the median over negative pages of detectBlockPage()'s time on the page
 * (parsing not included; after one warm-up call, the best of 5 runs, so other load on the machine
 * does not count). Also reported: the same rates with Citizen Lab
 * signatures alone and with the heuristics alone, and the detection rate when each operator's
 * pages are scored with that operator's own signatures removed (leave-one-operator-out: an
 * estimate for block pages the signature list does not know).
 *
 * Standalone: `node bench/blockpages.mjs [corpusDir] [--verbose]` (bundles this file with esbuild).
 * Missing corpus: throws an Error whose message starts with "corpus missing".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectBlockPage, detectBlockPageWith } from '../src/core/blockpage/index.js';
import { setExcludedSignatures } from '../src/core/blockpage/signatures.js';
import type { BlockPageVerdict } from '../src/core/types.js';

export interface BlockPageBenchResult {
  detected: number;
  total: number;
  falsePositives: number;
  negatives: number;
  medianMsNormalPage: number;
  /** Detected with Citizen Lab signatures only / heuristics only. */
  signaturesOnly: { detected: number; falsePositives: number };
  heuristicsOnly: { detected: number; falsePositives: number };
  /** Detected when each page's own operator's signatures are removed from the table. */
  leaveOperatorOut: { detected: number; total: number };
  missed: string[];
  falsePositivePages: string[];
  /**
   * Our own fixtures (tests/fixtures/blockpages/): `unseen/`, block pages in our own wording for
   * languages and layouts the corpus lacks, and `not-blocked/`, pages that restrict access for
   * another reason (login, consent, captcha, paywall, soft-404, parked, maintenance, licensing).
   */
  own?: FixtureSetResult;
  /**
   * Held-out sets (tests/fixtures/blockpages/held-out-N/, each with unseen/ and not-blocked/),
   * written by engineers who never saw the detector, by set name ("held-out-2").
   */
  heldOut?: Record<string, FixtureSetResult>;
}

export interface FixtureSetResult {
  unseen: { detected: number; total: number; missed: string[] };
  notBlocked: { falsePositives: number; total: number; pages: string[] };
}

/** Block pages found in DIR/unseen and false alarms in DIR/not-blocked. */
export function scoreFixtureSet(dir: string): FixtureSetResult {
  const unseen = positiveSources(join(dir, 'unseen'));
  const notBlocked = existsSync(join(dir, 'not-blocked')) ? positiveSources(join(dir, 'not-blocked')) : [];
  const missed = unseen.filter((src) => !withDocument(src, (doc) => detectBlockPage(doc).blocked)).map((s) => s.name);
  const fp = notBlocked.filter((src) => withDocument(src, (doc) => detectBlockPage(doc).blocked)).map((s) => s.name);
  return {
    unseen: { detected: unseen.length - missed.length, total: unseen.length, missed },
    notBlocked: { falsePositives: fp.length, total: notBlocked.length, pages: fp },
  };
}

interface PageSource {
  name: string;
  read: () => Buffer;
}

function decode(bytes: Buffer): string | Buffer {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
}

/** Parse one page, hand its document to `use`, then free the window (pages are scored one at a time). */
function withDocument<T>(src: PageSource, use: (doc: Document) => T): T {
  // A silent virtual console: jsdom's CSS parser complains about most news pages.
  const dom = new JSDOM(decode(src.read()), { contentType: 'text/html', virtualConsole: new VirtualConsole() });
  try {
    return use(dom.window.document);
  } finally {
    dom.window.close();
  }
}

function positiveSources(dir: string): PageSource[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ name: f, read: () => readFileSync(join(dir, f)) }));
}

function negativeSources(corpus: string): PageSource[] {
  const out: PageSource[] = [];
  const zyte = join(corpus, 'zyte', 'html');
  for (const f of readdirSync(zyte).filter((f) => f.endsWith('.html.gz')).sort()) {
    out.push({ name: `zyte/${f}`, read: () => gunzipSync(readFileSync(join(zyte, f))) });
  }
  const rdb = join(corpus, 'readability');
  for (const d of readdirSync(rdb).sort()) {
    const p = join(rdb, d, 'source.html');
    if (existsSync(p)) out.push({ name: `readability/${d}`, read: () => readFileSync(p) });
  }
  return out;
}

/** Operator prefix of a corpus page: `isp_ru_rostelcom`, `nat_ir`, `prod_zscaler`. */
function operatorOf(name: string): string {
  const parts = name.replace(/\.html$/, '').split('_');
  return parts.slice(0, parts[0] === 'prod' ? 2 : 3).join('_');
}

const TIMING_RUNS = 5;
const SIGNATURES_ONLY = { signatures: true, heuristics: false };
const HEURISTICS_ONLY = { signatures: false, heuristics: true };

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function runBlockPageBench(corpusDir: string, opts: { verbose?: boolean; ownFixtures?: string } = {}): Promise<BlockPageBenchResult> {
  const posDir = join(corpusDir, 'blockpages', 'pages');
  if (!existsSync(posDir) || !existsSync(join(corpusDir, 'zyte', 'html')) || !existsSync(join(corpusDir, 'readability'))) {
    throw new Error(`corpus missing: expected blockpages/pages, zyte/html and readability/ under ${corpusDir}`);
  }
  const log = (line: string): void => {
    if (opts.verbose) console.log(line);
  };

  const positives = positiveSources(posDir);
  const missed: string[] = [];
  let detected = 0;
  let sigDetected = 0;
  let heuDetected = 0;
  let looDetected = 0;
  for (const src of positives) {
    withDocument(src, (doc) => {
      const v = detectBlockPage(doc);
      if (v.blocked) detected++;
      else missed.push(src.name);
      log(`${v.blocked ? 'HIT ' : 'MISS'} ${src.name} ${describe(v)}`);
      if (detectBlockPageWith(doc, {}, SIGNATURES_ONLY).blocked) sigDetected++;
      if (detectBlockPageWith(doc, {}, HEURISTICS_ONLY).blocked) heuDetected++;
      // Leave this operator's own signatures out: how would an unlisted operator fare?
      const op = operatorOf(src.name);
      setExcludedSignatures((name) => name === op || name.startsWith(op + '_'));
      try {
        const loo = detectBlockPage(doc);
        if (loo.blocked) looDetected++;
        else log(`LOO-MISS ${src.name}`);
      } finally {
        setExcludedSignatures(null);
      }
    });
  }

  const negatives = negativeSources(corpusDir);
  const fpPages: string[] = [];
  const times: number[] = [];
  let sigFp = 0;
  let heuFp = 0;
  for (const src of negatives) {
    withDocument(src, (doc) => {
      const v = detectBlockPage(doc); // also the warm-up
      // Best of a few runs: the machine is shared, and the best run is the page's own cost.
      let best = Infinity;
      for (let i = 0; i < TIMING_RUNS; i++) {
        const t0 = performance.now();
        detectBlockPage(doc);
        best = Math.min(best, performance.now() - t0);
      }
      times.push(best);
      if (v.blocked) {
        fpPages.push(src.name);
        log(`FP   ${src.name} ${describe(v)}`);
      }
      if (detectBlockPageWith(doc, {}, SIGNATURES_ONLY).blocked) sigFp++;
      if (detectBlockPageWith(doc, {}, HEURISTICS_ONLY).blocked) heuFp++;
    });
  }

  let own: BlockPageBenchResult['own'];
  let heldOut: BlockPageBenchResult['heldOut'];
  if (opts.ownFixtures && existsSync(join(opts.ownFixtures, 'unseen'))) {
    own = scoreFixtureSet(opts.ownFixtures);
    for (const d of readdirSync(opts.ownFixtures).filter((d) => /^held-out-\d+$/.test(d)).sort()) {
      if (existsSync(join(opts.ownFixtures, d, 'unseen'))) (heldOut ??= {})[d] = scoreFixtureSet(join(opts.ownFixtures, d));
    }
  }

  return {
    own,
    heldOut,
    detected,
    total: positives.length,
    falsePositives: fpPages.length,
    negatives: negatives.length,
    medianMsNormalPage: median(times),
    signaturesOnly: { detected: sigDetected, falsePositives: sigFp },
    heuristicsOnly: { detected: heuDetected, falsePositives: heuFp },
    leaveOperatorOut: { detected: looDetected, total: positives.length },
    missed,
    falsePositivePages: fpPages,
  };
}

function describe(v: BlockPageVerdict): string {
  return v.blocked ? `${v.kind ?? ''} ${v.signature ?? ''} ${v.country ?? ''}`.trim() : '';
}
