#!/usr/bin/env node
// Side-by-side extraction speed in headless Chromium: two builds of the core (a git ref and the
// working tree) and Readability.js, interleaved on every corpus page in one browser, so all three
// meet the same load. Each page is parsed afresh with DOMParser before every timed call; each
// engine's page time is its best of --rounds (the call order rotates every round); figures are
// medians of per-page times and ratios. It also compares the two builds' article HTML page by
// page: exactly, and after both are parsed and serialised again (what the reader does).
//
//   node scripts/extract-ab.mjs [--base REF (default main)] [--corpus DIR] [--rounds 3] [--limit N] [--only zyte|readability] [--verbose]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findBrowser } from './browsers.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const baseRef = opt('--base', 'main');
const corpus = resolve(opt('--corpus', join(repoRoot, '../shared/corpus')));
const rounds = Number(opt('--rounds', '3'));
const limit = Number(opt('--limit', 'Infinity'));
const only = opt('--only', null);
const verbose = argv.includes('--verbose');

function pages(which) {
  const out = [];
  if (which === 'zyte') {
    const dir = join(corpus, 'zyte');
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
    for (const id of Object.keys(truth).sort().slice(0, limit)) {
      out.push({ name: `zyte/${id.slice(0, 12)}`, url: truth[id].url, html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8') });
    }
  } else {
    const dir = join(corpus, 'readability');
    for (const n of readdirSync(dir).filter((x) => existsSync(join(dir, x, 'source.html'))).sort().slice(0, limit)) {
      out.push({ name: `readability/${n}`, url: 'http://fakehost/test/page.html', html: readFileSync(join(dir, n, 'source.html'), 'utf8') });
    }
  }
  return out;
}

/** One IIFE exposing the core of `root` as globalThis[name] (packages from this checkout). */
async function bundle(root, name) {
  const r = await build({
    stdin: { contents: `import { extractArticle } from './src/core/index.ts';\nglobalThis.${name} = extractArticle;\n`, resolveDir: root, loader: 'ts' },
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', minify: true, write: false,
    nodePaths: [join(repoRoot, 'node_modules')], logLevel: 'warning',
  });
  return r.outputFiles[0].text;
}

/** Runs in the page: best-of-rounds per engine, and both builds' HTML from the first round. */
function timePage(arg) {
  const engines = {
    base: (d) => globalThis.abBase(d, { url: arg.url }),
    head: (d) => globalThis.abHead(d, { url: arg.url }),
    theirs: (d) => new globalThis.abReadability(d).parse(),
  };
  const names = ['base', 'head', 'theirs'];
  const best = { base: Infinity, head: Infinity, theirs: Infinity };
  const html = { base: null, head: null };
  const parser = new DOMParser();
  let error = null;
  for (let round = 0; round < arg.rounds; round++) {
    for (let k = 0; k < 3; k++) {
      const name = names[(round + k) % 3];
      const doc = parser.parseFromString(arg.html, 'text/html');
      globalThis.gc?.({ type: 'minor' });
      const t0 = performance.now();
      let r = null;
      try {
        r = engines[name](doc);
      } catch (e) {
        error = `${name}: ${String(e)}`;
      }
      const ms = performance.now() - t0;
      best[name] = Math.min(best[name], ms);
      if (round === 0 && name !== 'theirs') html[name] = r ? r.contentHtml : null;
    }
  }
  const reparse = (s) => {
    const t = document.createElement('template');
    t.innerHTML = s;
    return t.innerHTML;
  };
  const same = html.base === html.head ? 'same' : html.base !== null && html.head !== null && reparse(html.base) === reparse(html.head) ? 'same-reparsed' : 'different';
  return { best, same, error };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)] + s[Math.ceil(m)]) / 2;
};

const tmp = mkdtempSync(join(tmpdir(), 'extract-ab-'));
try {
  execFileSync('sh', ['-c', `git -C "${repoRoot}" archive "${baseRef}" src | tar -x -C "${tmp}"`]);
  const baseSha = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--short', baseRef]).toString().trim();
  const script = (await bundle(tmp, 'abBase')) + ';' + (await bundle(repoRoot, 'abHead')) + ';' +
    (await build({ stdin: { contents: "import { Readability } from '@mozilla/readability';\nglobalThis.abReadability = Readability;\n", resolveDir: repoRoot }, bundle: true, format: 'iife', minify: true, write: false, logLevel: 'warning' })).outputFiles[0].text;
  const browser = await chromium.launch({
    executablePath: findBrowser('chromium'), headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc'],
  });
  const loads = [loadavg()[0]];
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><head><title>extract-ab</title></head><body></body></html>');
    await page.addScriptTag({ content: script });
    console.log(`base ${baseRef} (${baseSha}) against the working tree; best of ${rounds} interleaved rounds per page`);
    for (const which of ['zyte', 'readability']) {
      if (only && only !== which) continue;
      const t = { base: [], head: [], theirs: [], rBase: [], rHead: [], headOverBase: [] };
      const diff = { same: 0, 'same-reparsed': 0, different: 0 };
      const lines = [];
      for (const p of pages(which)) {
        const r = await page.evaluate(timePage, { html: p.html, url: p.url, rounds });
        if (r.error) console.log(`  error on ${p.name}: ${r.error}`);
        const floor = (x) => Math.max(x, 0.1);
        t.base.push(r.best.base);
        t.head.push(r.best.head);
        t.theirs.push(r.best.theirs);
        t.rBase.push(r.best.theirs / floor(r.best.base));
        t.rHead.push(r.best.theirs / floor(r.best.head));
        t.headOverBase.push(floor(r.best.head) / floor(r.best.base));
        diff[r.same]++;
        if (r.same !== 'same') lines.push(`  ${r.same}: ${p.name}`);
        if (verbose) lines.push(`  ${p.name} base ${r.best.base.toFixed(1)} head ${r.best.head.toFixed(1)} readability ${r.best.theirs.toFixed(1)} ms`);
        loads.push(loadavg()[0]);
      }
      console.log(`${which} (${t.base.length} pages): median ms base ${median(t.base).toFixed(2)}, head ${median(t.head).toFixed(2)}, Readability.js ${median(t.theirs).toFixed(2)}; ` +
        `ratio to Readability.js base ${median(t.rBase).toFixed(2)}, head ${median(t.rHead).toFixed(2)}; per-page head/base ${median(t.headOverBase).toFixed(2)}; ` +
        `article HTML same ${diff.same}, same after reparse ${diff['same-reparsed']}, different ${diff.different}`);
      if (lines.length) console.log(lines.join('\n'));
    }
  } finally {
    await browser.close();
  }
  console.log(`load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
