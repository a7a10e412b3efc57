#!/usr/bin/env node
// Standalone entry for the block-page bench: `node bench/blockpages.mjs [corpusDir] [--verbose] [--json]`.
// Bundles bench/blockpages.ts with esbuild (TypeScript) into a temporary file and runs it.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const corpus = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'corpus'));
// Inside node_modules so the bundle's bare imports (jsdom) resolve.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const tmp = mkdtempSync(join(cache, 'samizdat-bpbench-'));
try {
  const out = join(tmp, 'blockpages.mjs');
  await build({
    entryPoints: [join(root, 'bench', 'blockpages.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out,
    packages: 'external', absWorkingDir: root, logLevel: 'error',
  });
  const { runBlockPageBench } = await import(pathToFileURL(out).href);
  let r;
  try {
    r = await runBlockPageBench(corpus, { verbose: args.includes('--verbose') });
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(2);
  }
  if (args.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
    console.log(`block pages detected   ${r.detected}/${r.total} (${pct(r.detected, r.total)})`);
    console.log(`false positives        ${r.falsePositives}/${r.negatives}`);
    console.log(`median ms, normal page ${r.medianMsNormalPage.toFixed(3)}`);
    console.log(`signatures only        ${r.signaturesOnly.detected}/${r.total} (${pct(r.signaturesOnly.detected, r.total)}), FP ${r.signaturesOnly.falsePositives}`);
    console.log(`heuristics only        ${r.heuristicsOnly.detected}/${r.total} (${pct(r.heuristicsOnly.detected, r.total)}), FP ${r.heuristicsOnly.falsePositives}`);
    console.log(`leave-operator-out     ${r.leaveOperatorOut.detected}/${r.leaveOperatorOut.total} (${pct(r.leaveOperatorOut.detected, r.leaveOperatorOut.total)})`);
    if (r.missed.length) console.log('missed:', r.missed.join(' '));
    if (r.falsePositivePages.length) console.log('false positives:', r.falsePositivePages.join(' '));
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
