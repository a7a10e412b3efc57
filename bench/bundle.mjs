// Shared by the bench launchers: bundles a TypeScript bench entry (and the sources it imports)
// with esbuild into bench-output/, keeping packages external, and returns its file URL to import.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(repoRoot, 'bench-output');

/** @param {string} entry path under the repo, e.g. 'bench/main.ts' @param {string} name output file name */
export async function bundleBench(entry, name) {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, name);
  await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    absWorkingDir: repoRoot,
    outfile,
    logLevel: 'warning',
  });
  return pathToFileURL(outfile).href;
}
