#!/usr/bin/env node
// Launcher for `npm run bench`: bundles bench/main.ts (and the core it imports from src/) with
// esbuild into bench-output/, then runs it. jsdom and Readability.js stay external packages.
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleBench, outDir, repoRoot as root } from './bundle.mjs';

const benchUrl = await bundleBench('bench/main.ts', 'bench.mjs');
// The whole corpus parses several hundred jsdom documents in one process; jsdom frees them slowly,
// so the bench runs in a child with a larger heap than Node's default (about 4 GB here).
const runner = join(outDir, 'run-bench.mjs');
writeFileSync(
  runner,
  `const { main } = await import(${JSON.stringify(benchUrl)});\n` +
    `process.exitCode = await main(process.argv.slice(2), ${JSON.stringify(root)});\n`,
);
const child = spawnSync(process.execPath, ['--max-old-space-size=12288', '--expose-gc', runner, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = child.status ?? 1;
