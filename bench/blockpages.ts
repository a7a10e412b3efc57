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
import { JSDOM } from 'jsdom';
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
}

interface Page {
  name: string;
  doc: Document;
}

function decode(bytes: Buffer): string | Buffer {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
}

function load(name: string, bytes: Buffer): Page {
  const dom = new JSDOM(decode(bytes), { contentType: 'text/html' });
  return { name, doc: dom.window.document };
}

function loadPositives(dir: string): Page[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => load(f, readFileSync(join(dir, f))));
}

function loadNegatives(corpus: string): Page[] {
  const out: Page[] = [];
  const zyte = join(corpus, 'zyte', 'html');
  for (const f of readdirSync(zyte).filter((f) => f.endsWith('.html.gz')).sort()) {
    out.push(load(`zyte/${f}`, gunzipSync(readFileSync(join(zyte, f)))));
  }
  const rdb = join(corpus, 'readability');
  for (const d of readdirSync(rdb).sort()) {
    const p = join(rdb, d, 'source.html');
    if (existsSync(p)) out.push(load(`readability/${d}`, readFileSync(p)));
  }
  return out;
}

/** Operator prefix of a corpus page: `isp_ru_rostelcom`, `nat_ir`, `prod_zscaler`. */
function operatorOf(name: string): string {
  const parts = name.replace(/\.html$/, '').split('_');
  return parts.slice(0, parts[0] === 'prod' ? 2 : 3).join('_');
}

const TIMING_RUNS = 5;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function runBlockPageBench(corpusDir: string, opts: { verbose?: boolean } = {}): Promise<BlockPageBenchResult> {
  const posDir = join(corpusDir, 'blockpages', 'pages');
  if (!existsSync(posDir) || !existsSync(join(corpusDir, 'zyte', 'html')) || !existsSync(join(corpusDir, 'readability'))) {
    throw new Error(`corpus missing: expected blockpages/pages, zyte/html and readability/ under ${corpusDir}`);
  }
  // Silence jsdom's CSS parser complaints on news pages.
  const origError = console.error;
  console.error = () => {};
  let positives: Page[];
  let negatives: Page[];
  try {
    positives = loadPositives(posDir);
    negatives = loadNegatives(corpusDir);
  } finally {
    console.error = origError;
  }

  const missed: string[] = [];
  let detected = 0;
  for (const p of positives) {
    const v = detectBlockPage(p.doc);
    if (v.blocked) detected++;
    else missed.push(p.name);
    if (opts.verbose) console.log(`${v.blocked ? 'HIT ' : 'MISS'} ${p.name} ${describe(v)}`);
  }
  const fpPages: string[] = [];
  const times: number[] = [];
  for (const n of negatives) {
    const v = detectBlockPage(n.doc); // also the warm-up
    // Best of a few runs: the machine is shared, and the best run is the page's own cost.
    let best = Infinity;
    for (let i = 0; i < TIMING_RUNS; i++) {
      const t0 = performance.now();
      detectBlockPage(n.doc);
      best = Math.min(best, performance.now() - t0);
    }
    times.push(best);
    if (v.blocked) {
      fpPages.push(n.name);
      if (opts.verbose) console.log(`FP   ${n.name} ${describe(v)}`);
    }
  }

  const count = (pages: Page[], o: { signatures: boolean; heuristics: boolean }): number =>
    pages.filter((p) => detectBlockPageWith(p.doc, {}, o).blocked).length;
  const sig = { signatures: true, heuristics: false };
  const heu = { signatures: false, heuristics: true };

  let looDetected = 0;
  for (const p of positives) {
    const op = operatorOf(p.name);
    setExcludedSignatures((name) => name === op || name.startsWith(op + '_'));
    try {
      const v = detectBlockPage(p.doc);
      if (v.blocked) looDetected++;
      if (opts.verbose && !v.blocked) console.log(`LOO-MISS ${p.name}`);
    } finally {
      setExcludedSignatures(null);
    }
  }

  return {
    detected,
    total: positives.length,
    falsePositives: fpPages.length,
    negatives: negatives.length,
    medianMsNormalPage: median(times),
    signaturesOnly: { detected: count(positives, sig), falsePositives: count(negatives, sig) },
    heuristicsOnly: { detected: count(positives, heu), falsePositives: count(negatives, heu) },
    leaveOperatorOut: { detected: looDetected, total: positives.length },
    missed,
    falsePositivePages: fpPages,
  };
}

function describe(v: BlockPageVerdict): string {
  return v.blocked ? `${v.kind ?? ''} ${v.signature ?? ''} ${v.country ?? ''}`.trim() : '';
}
