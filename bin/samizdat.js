#!/usr/bin/env node
// Samizdat command line. Runs the built CLI bundle when present; in a source checkout it
// bundles src/cli/extract.ts with esbuild (a devDependency) into bench-output/ first.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src/cli/extract.ts');
const out = join(root, 'bench-output/cli.mjs');

async function load() {
  if (existsSync(src)) {
    // esbuild takes ~50 ms here; rebuilding every run keeps the CLI in step with the source.
    try {
      const { build } = await import('esbuild');
      mkdirSync(dirname(out), { recursive: true });
      await build({ entryPoints: [src], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: out, logLevel: 'error' });
    } catch (e) {
      if (!existsSync(out)) throw e;
    }
  }
  return import(pathToFileURL(out).href);
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd !== 'extract') {
  process.stderr.write('usage: samizdat extract [--url URL] [--format json|html|markdown|text] FILE...\n');
  process.exit(cmd === '--help' || cmd === '-h' ? 0 : 2);
}
const { runExtract } = await load();
process.exitCode = await runExtract(rest, (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
