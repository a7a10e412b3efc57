#!/usr/bin/env node
// Launcher for `npm run bench`: bundles bench/main.ts (and the core it imports from src/) with
// esbuild into bench-output/, then runs it. jsdom and Readability.js stay external packages.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'bench-output');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'bench.mjs');
await build({
  entryPoints: [join(root, 'bench/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
// The whole corpus parses several hundred jsdom documents in one process; jsdom frees them slowly,
// so the bench runs in a child with a larger heap than Node's default (about 4 GB here).
const runner = join(outDir, 'run-bench.mjs');
writeFileSync(
  runner,
  `const { main } = await import(${JSON.stringify(pathToFileURL(outfile).href)});\n` +
    `process.exitCode = await main(process.argv.slice(2), ${JSON.stringify(root)});\n`,
);
const child = spawnSync(process.execPath, ['--max-old-space-size=12288', '--expose-gc', runner, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = child.status ?? 1;
