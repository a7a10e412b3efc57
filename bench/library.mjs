#!/usr/bin/env node
// Standalone: `node bench/library.mjs [--articles N] [--queries N]` — bundles bench/library.ts
// with esbuild (like bench/run.mjs does for bench/main.ts) and runs the library benchmarks.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'bench-output');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'library-bench.mjs');
await build({
  entryPoints: [join(root, 'bench/library.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
const { runLibraryBench } = await import(pathToFileURL(outfile).href);
process.exitCode = await runLibraryBench(root, process.argv.slice(2));
