// Builds the extension for Chrome and Firefox, the Node core, and (with --test) the test build.
//   node build.mjs            production build: dist/chrome, dist/firefox, their zips, dist/core
//   node build.mjs --dev      watch build with source maps (same outputs, unminified)
//   node build.mjs --test     test build with hooks: dist-test/chrome, dist-test/firefox
//   --out=DIR                 write the build to DIR instead
import * as esbuild from 'esbuild';
import { zipSync } from 'fflate';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const test = args.has('--test');
// --out=DIR puts the build elsewhere (the browser bench builds beside, not over, the E2E build).
const outArg = process.argv.find((arg) => arg.startsWith('--out='));
const outRoot = outArg ? join(root, outArg.slice('--out='.length)) : join(root, test ? 'dist-test' : 'dist');
const browsers = ['chrome', 'firefox'];
const pages = ['reader', 'library', 'popup', 'options', 'unavailable'];

/** Scripts every browser build contains; the key is the output name. */
function entryPoints(browser) {
  const entries = {
    background: 'src/background/index.ts',
    // The always-on content script is built on its own (contentScriptOptions), not here.
    'detect-full': 'src/content/detect-full.ts',
    // extract-page.js (the full engine, injected on the reader click) is built on its own: injectedEngineOptions.
    // Injected on demand into pages that may be unavailable (issue 6): block-page check and notice.
    'page-check': 'src/content/page-check.ts',
    // Its light twin for pages whose status already says "unavailable" (no detectors in it).
    'page-check-status': 'src/content/page-check-status.ts',
  };
  for (const page of pages) entries[page] = `src/pages/${page}/main.tsx`;
  // The library's first rows are drawn by a small script that then loads library.js.
  entries['library-first'] = 'src/pages/library/first-paint.ts';
  // So are the reader's: the handed-over article's start, painted before reader.js loads.
  entries['reader-first'] = 'src/pages/reader/first-paint.ts';
  // Chrome: the offscreen document whose timer wakes a stopped service worker at a slow-load deadline.
  if (browser === 'chrome') entries['wake-clock'] = 'src/offscreen/wake-clock.ts';
  if (test) entries['test-bridge'] = 'src/test-hooks/bridge.ts';
  return entries;
}

function manifestFor(browser) {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  manifest.version = pkg.version;
  if (browser === 'chrome') {
    manifest.background = { service_worker: 'background.js' };
    manifest.minimum_chrome_version = '116';
    // The slow-load wake clock (src/background/wake-clock.ts); Firefox's event page needs none.
    manifest.permissions.push('offscreen');
  } else {
    manifest.background = { scripts: ['background.js'] };
    manifest.browser_specific_settings = {
      gecko: {
        id: 'samizdat@samizdat.invalid',
        strict_min_version: '128.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  if (test) {
    // The bridge lets a test page ask the background to run the code a toolbar click,
    // shortcut or menu item runs: headless browsers cannot press those.
    manifest.content_scripts.push({
      matches: ['http://*/*'],
      js: ['test-bridge.js'],
      run_at: 'document_start',
    });
  }
  return manifest;
}

function copyStatic(outDir, browser) {
  for (const page of pages) {
    cpSync(join(root, 'src/pages', page, `${page}.html`), join(outDir, `${page}.html`));
  }
  if (browser === 'chrome') cpSync(join(root, 'src/offscreen/wake-clock.html'), join(outDir, 'wake-clock.html'));
  // The test build's trivial extension page: the floor of click to readable text (bench, scripts/click-ab.mjs).
  if (test) cpSync(join(root, 'src/test-hooks/floor.html'), join(outDir, 'floor.html'));
  cpSync(join(root, 'src/pages/shared/pages.css'), join(outDir, 'pages.css'));
  cpSync(join(root, 'icons'), join(outDir, 'icons'), { recursive: true });
  cpSync(join(root, '_locales'), join(outDir, '_locales'), { recursive: true });
  if (existsSync(join(root, 'src/pages/shared/fonts'))) {
    cpSync(join(root, 'src/pages/shared/fonts'), join(outDir, 'fonts'), { recursive: true });
  }
}

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

function zipDir(dir, zipPath) {
  const files = {};
  for (const file of filesUnder(dir)) files[relative(dir, file).split('\\').join('/')] = readFileSync(file);
  writeFileSync(zipPath, zipSync(files, { level: 9 }));
}

function extensionOptions(browser) {
  const outDir = join(outRoot, browser);
  return {
    entryPoints: entryPoints(browser),
    outdir: outDir,
    bundle: true,
    format: 'iife',
    target: browser === 'chrome' ? 'chrome116' : 'firefox128',
    minify: !dev,
    sourcemap: dev ? 'linked' : false,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: {
      __TEST__: JSON.stringify(test),
      __BROWSER__: JSON.stringify(browser),
    },
    logLevel: 'warning',
    plugins: [
      {
        name: 'static-files',
        setup(build) {
          build.onEnd((result) => {
            if (result.errors.length) return;
            copyStatic(outDir, browser);
            writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2));
            if (!dev && !test) zipDir(outDir, join(outRoot, `samizdat-${browser}.zip`));
          });
        },
      },
    ],
  };
}

/**
 * The always-on content script, built alone so that detect-article's block-page matcher can be
 * swapped for the stand-in that defers it (src/content/blockpage-deferred.ts): ≤ 8 KB.
 */
function contentScriptOptions(browser) {
  const deferred = join(root, 'src/content/blockpage-deferred.ts');
  const detector = join(root, 'src/core/detect-article.ts');
  return {
    ...extensionOptions(browser),
    entryPoints: { content: 'src/content/detect.ts' },
    plugins: [
      {
        name: 'defer-block-page-matcher',
        setup(build) {
          build.onResolve({ filter: /\/blockpage\/index\.js$/ }, (args) => (args.importer === detector ? { path: deferred } : undefined));
        },
      },
    ],
  };
}

/**
 * The engine injected when the user opens the reader: the bundle ends with a call of the function
 * it defines, so the script's value (what scripting.executeScript returns) is the extraction —
 * one injection instead of an injection and a second call.
 */
function injectedEngineOptions(browser) {
  return {
    ...extensionOptions(browser),
    entryPoints: { 'extract-page': 'src/content/extract-page.ts' },
    footer: { js: 'samizdatExtract();' },
    plugins: [],
  };
}

/** The core as an ES module for Node and other bundlers (package.json "exports": "./core"). */
const coreOptions = {
  entryPoints: { index: 'src/core/index.ts' },
  outdir: join(outRoot, 'core'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  minify: false,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'inline',
  logLevel: 'warning',
};

rmSync(outRoot, { recursive: true, force: true });
mkdirSync(outRoot, { recursive: true });
// The content scripts first: the other build's end writes the zip of the whole folder.
const contentConfigs = [...browsers.map(contentScriptOptions), ...browsers.map(injectedEngineOptions)];
const configs = [...browsers.map(extensionOptions), ...(test ? [] : [coreOptions])];
if (dev) {
  for (const config of [...contentConfigs, ...configs]) await (await esbuild.context(config)).watch();
  console.log(`Watching; writing ${relative(root, outRoot)}/`);
} else {
  await Promise.all(contentConfigs.map((config) => esbuild.build(config)));
  await Promise.all(configs.map((config) => esbuild.build(config)));
  console.log(`Built ${relative(root, outRoot)}/: ${browsers.join(', ')}${test ? ' (test build with hooks)' : ', core'}`);
}
