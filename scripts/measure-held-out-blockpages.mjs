#!/usr/bin/env node
// `node scripts/measure-held-out-blockpages.mjs DIR`: detectBlockPage on a set of block pages
// (DIR/unseen) and tricky normal pages (DIR/not-blocked) that no rule was tuned on. Run it on a
// new set BEFORE changing any rule for it: that figure is the honest rate on unknown block pages.
import { join, resolve } from 'node:path';
import { bundleBench, repoRoot } from '../bench/bundle.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/measure-held-out-blockpages.mjs DIR   (DIR holds unseen/ and not-blocked/)');
  process.exit(2);
}
const { runBlockPageBench } = await import(await bundleBench('bench/blockpages.ts', 'blockpages-bench.mjs'));
const r = await runBlockPageBench(join(repoRoot, '..', 'shared', 'corpus'), { ownFixtures: resolve(dir) });
if (!r.own) {
  console.error(`${dir}: no unseen/ directory`);
  process.exit(2);
}
console.log(`block pages found      ${r.own.unseen.detected}/${r.own.unseen.total}${r.own.unseen.missed.length ? '  missed: ' + r.own.unseen.missed.join(' ') : ''}`);
console.log(`false alarms           ${r.own.notBlocked.falsePositives}/${r.own.notBlocked.total}${r.own.notBlocked.pages.length ? ': ' + r.own.notBlocked.pages.join(' ') : ''}`);
