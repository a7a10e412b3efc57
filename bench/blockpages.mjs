#!/usr/bin/env node
// Standalone entry for the block-page bench: `node bench/blockpages.mjs [corpusDir] [--verbose] [--json]`.
// Bundles bench/blockpages.ts with esbuild (bench/bundle.mjs) and runs it.
import { join, resolve } from 'node:path';
import { bundleBench, repoRoot as root } from './bundle.mjs';

const args = process.argv.slice(2);
const corpus = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'corpus'));
const { runBlockPageBench } = await import(await bundleBench('bench/blockpages.ts', 'blockpages-bench.mjs'));
let r;
try {
  r = await runBlockPageBench(corpus, { verbose: args.includes('--verbose'), ownFixtures: join(root, 'tests/fixtures/blockpages') });
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
  if (r.own) {
    console.log(`own unseen fixtures    ${r.own.unseen.detected}/${r.own.unseen.total} (${pct(r.own.unseen.detected, r.own.unseen.total)})${r.own.unseen.missed.length ? ' missed: ' + r.own.unseen.missed.join(' ') : ''}`);
    console.log(`own not-blocked        ${r.own.notBlocked.falsePositives}/${r.own.notBlocked.total} false alarms${r.own.notBlocked.pages.length ? ': ' + r.own.notBlocked.pages.join(' ') : ''}`);
  }
  if (r.missed.length) console.log('missed:', r.missed.join(' '));
  if (r.falsePositivePages.length) console.log('false positives:', r.falsePositivePages.join(' '));
}
