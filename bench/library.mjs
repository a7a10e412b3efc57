#!/usr/bin/env node
// Standalone: `node bench/library.mjs [--articles N] [--queries N] [--runs N]` — bundles bench/library.ts
// with esbuild (bench/bundle.mjs) and runs the library benchmarks.
import { bundleBench, repoRoot } from './bundle.mjs';

const { runLibraryBench } = await import(await bundleBench('bench/library.ts', 'library-bench.mjs'));
process.exitCode = (await runLibraryBench(repoRoot, process.argv.slice(2))).status;
