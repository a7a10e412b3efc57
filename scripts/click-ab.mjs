// Click to readable text, test builds side by side: one headless Chromium per build, clicks
// interleaved (the order rotates every round) on the same articles, so all meet the same load.
//   node scripts/click-ab.mjs --builds name=DIR,name=DIR[,…] [--modes reader,floor,…] [--runs N] [--only TEXT] [--exclude TEXT] [--corpus ../shared/corpus]
//   [--paint-holding on|off|both] [--settle MS]
// DIR is a test build's chrome folder (node build.mjs --test --out=...). Prints medians per
// article and overall, and each side's ratio to the first. Timing as bench/browser.ts: from the
// trigger reaching the background to the reader title's element-timing paint.
// --modes runs each build several ways, interleaved like builds (a side is build:mode):
//   reader         the toolbar click (default)
//   floor          the floor: the same trigger and tabs.update, to the test build's floor.html
//                  (no script, one line of text); timed to that line's element-timing paint
//   floor-extract  the same, after the engine's extraction (the reader click minus the reader)
//   web            the same trigger and tabs.update, to a one-line web page (floor.test)
// Columns: paint = trigger → the text's element-timing paint (presented); preview = → the frame
// that draws the in-page instant view starts (its rAF; only the prototype on branch
// h-reader-instant-view reports one, other builds show NaN); frame = → the
// frame that draws reader.html's first paint starts (its samizdat:article-painted rAF mark).
// --paint-holding: on (the default) launches Chromium as a user's Chrome runs, with paint holding
// (Playwright turns it off; paint-holding.mjs takes that out); off keeps Playwright's flags as
// they are; both runs every build both ways, as sides NAME@ph-on and NAME@ph-off.
// --screencast records what the tab showed during each click (CDP Page.startScreencast; frame
// times are the compositor's swap times) and prints, per side, when the first frame after the
// page appeared, the longest near-uniform (blank) stretch, and how much the last frame before
// reader.html's differs from reader.html's first; --shots DIR also writes one click's frames.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromiumWithExtension } from './chromium.mjs';
import { paintHoldingState } from './paint-holding.mjs';
import { startSiteServer } from './site-server.mjs';
import { findBrowser } from './browsers.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const repoRoot = resolve(new URL('..', import.meta.url).pathname);
const holdingOpt = opt('paint-holding', 'on');
if (!['on', 'off', 'both'].includes(holdingOpt)) throw new Error('--paint-holding is on, off or both');
const holdings = holdingOpt === 'both' ? ['on', 'off'] : [holdingOpt];
/** Each browser to launch: a build, with paint holding on or off. */
const dirs = {};
const holdingOf = {};
for (const pair of opt('builds').split(',')) {
  for (const holding of holdings) {
    const key = holdings.length > 1 ? `${pair.split('=')[0]}@ph-${holding}` : pair.split('=')[0];
    dirs[key] = resolve(pair.split('=')[1]);
    holdingOf[key] = holding;
  }
}
const modes = opt('modes', 'reader').split(',');
const names = Object.keys(dirs).flatMap((build) => modes.map((mode) => (modes.length > 1 ? `${build}:${mode}` : build)));
const sideOf = (name) => ({ build: name.split(':')[0], mode: modes.length > 1 ? name.split(':')[1] : modes[0] });
const runs = Number(opt('runs', '10'));
const corpus = resolve(opt('corpus', join(repoRoot, '../shared/corpus')));
const only = opt('only', '');
const screencast = args.includes('--screencast');
const shotsDir = opt('shots', '');
// --settle MS: wait that long on the loaded page before the click (a user reads before clicking;
// work the extension does ahead of the click needs the page idle first).
const settleMs = Number(opt('settle', '0'));

const server = await startSiteServer({ root: join(repoRoot, 'tests/fixtures/site') });
// The web page of --modes web: one line of text, no script, as floor.html.
server.route('floor.test/', (_req, res) => {
  const body = Buffer.from('<!doctype html><meta charset="utf-8"><title>floor</title><p elementtiming="floor-text">One line of text on a trivial web page.</p>');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
  return true;
});
const webFloorUrl = server.url('floor.test', '/');
const articles = [
  { name: 'news.test night-trains', url: server.url('news.test', '/science/night-trains.html') },
  { name: 'novosti.test biblioteki', url: server.url('novosti.test', '/obshchestvo/biblioteki.html') },
  { name: 'khabar.test ketabkhaneh', url: server.url('khabar.test', '/farhang/ketabkhaneh.html') },
];
for (const name of ['nytimes-2', 'guardian-1', 'wikipedia-2']) {
  const file = join(corpus, 'readability', name, 'source.html');
  if (!existsSync(file)) continue;
  const body = Buffer.from(readFileSync(file, 'utf8'), 'utf8');
  server.route(`corpus.test/readability/${name}/`, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'content-security-policy': "script-src 'none'" });
    res.end(body);
    return true;
  });
  articles.push({ name: `corpus ${name}`, url: server.url('corpus.test', `/readability/${name}/`) });
}
const exclude = opt('exclude', '');
const chosen = articles.filter((a) => (!only || a.name.includes(only)) && (!exclude || !a.name.includes(exclude)));

const sides = {};
for (const [key, extensionDir] of Object.entries(dirs)) {
  const profile = mkdtempSync(join(tmpdir(), `samizdat-ab-${key}-`));
  const { context } = await launchChromiumWithExtension({
    extensionDir,
    profileDir: profile,
    executablePath: findBrowser('chromium'),
    extraArgs: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND'],
    paintHolding: holdingOf[key] === 'on',
  });
  // The running browser's own command line says whether PaintHolding is disabled.
  const state = paintHoldingState(profile);
  if (state !== null && state !== holdingOf[key]) throw new Error(`${key}: paint holding is ${state} in the launched browser, ${holdingOf[key]} was asked`);
  sides[key] = { context, profile, page: await context.newPage(), holding: state ?? `${holdingOf[key]} (unverified)` };
}

const MODES = {
  reader: { request: { hook: 'action-click' }, target: /\/reader\.html\?/, identifier: 'article-title' },
  floor: { request: { hook: 'floor-click' }, target: /\/floor\.html\?/, identifier: 'floor-text' },
  'floor-extract': { request: { hook: 'floor-click', extract: true }, target: /\/floor\.html\?/, identifier: 'floor-text' },
  web: { request: { hook: 'floor-click', url: webFloorUrl }, target: /\/\/floor\.test/, identifier: 'floor-text' },
};
for (const mode of modes) if (!MODES[mode]) throw new Error(`unknown mode ${mode}`);

/** Records the tab's frames (swap time in epoch ms, JPEG) until stopped. */
async function startRecording(context, page) {
  const cdp = await context.newCDPSession(page);
  const frames = [];
  cdp.on('Page.screencastFrame', (frame) => {
    frames.push({ at: frame.metadata.timestamp * 1000, data: frame.data });
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
  });
  await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 70, everyNthFrame: 1 });
  return async () => {
    await cdp.send('Page.stopScreencast').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    return frames;
  };
}

async function clickToPaint({ context, page }, url, mode) {
  const { request, target, identifier } = MODES[mode];
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat:content-script').length > 0, undefined, { timeout: 10000, polling: 20 });
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  const worker = context.serviceWorkers()[0];
  await worker.evaluate(() => { globalThis.samizdatPreview = undefined; });
  const stopRecording = screencast ? await startRecording(context, page) : null;
  if (stopRecording) await page.waitForTimeout(150);
  await page.evaluate((request) => window.postMessage({ samizdatTest: 'ab-click', request }, '*'), request);
  await page.waitForURL(target, { timeout: 15000 });
  const painted = await page.evaluate(
    (identifier) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no paint')), 15000);
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((e) => e.identifier === identifier);
          if (!entry) return;
          observer.disconnect();
          clearTimeout(timer);
          const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
          const nav = performance.getEntriesByType('navigation')[0];
          resolve({ paintAt: performance.timeOrigin + (entry.renderTime || entry.startTime), navAt: performance.timeOrigin, dclAt: performance.timeOrigin + (nav?.domContentLoadedEventEnd ?? NaN), frameAt: performance.timeOrigin + mark('samizdat:article-painted'), scriptMs: mark('samizdat:handoff-asked'), docMs: nav?.responseEnd ?? NaN, ...Object.fromEntries(['pages.css', 'reader.css', 'reader-first.js'].map((file) => [file, performance.getEntriesByType('resource').find((r) => r.name.includes(`/${file}`))?.responseEnd ?? NaN])), handoffMs: mark('samizdat:handoff-taken') - mark('samizdat:handoff-asked') });
        }).observe({ type: 'element', buffered: true });
      }),
    identifier,
  );
  // Let the full view settle before the next click.
  if (mode === 'reader') await page.waitForFunction(() => Boolean(document.querySelector('article h1')), undefined, { timeout: 15000, polling: 20 });
  const frames = stopRecording ? (await page.waitForTimeout(400), await stopRecording()) : [];
  const { triggerAt, preview } = await worker.evaluate(() => ({ triggerAt: globalThis.samizdatTriggerAt, preview: globalThis.samizdatPreview }));
  return {
    paint: painted.paintAt - triggerAt,
    preview: preview ? preview.frameAt - triggerAt : NaN,
    frame: painted.frameAt - triggerAt,
    toNav: painted.navAt - triggerAt,
    dcl: painted.dclAt - triggerAt,
    handoff: painted.handoffMs,
    // Phases from the reader's own navigation start (per click, then medians).
    navToScript: painted.scriptMs,
    navToDcl: painted.dclAt - painted.navAt,
    navToDoc: painted.docMs,
    navToCss: Math.max(painted['pages.css'], painted['reader.css']),
    navToJs: painted['reader-first.js'],
    navToFrame: painted.frameAt - painted.navAt,
    frameToPaint: painted.paintAt - painted.frameAt,
    frames: frames.map((f) => ({ ...f, t: f.at - triggerAt })),
    paintT: painted.paintAt - triggerAt,
  };
}

/**
 * Per frame, in a plain page: how much of it is one colour (a blank frame is ≥ 99.5%), and a
 * 64×43 grey thumbnail to compare frames by.
 */
async function analyseFrames(context, frames) {
  const page = await context.newPage();
  await page.goto('about:blank');
  const out = [];
  for (let i = 0; i < frames.length; i += 20) {
    const batch = frames.slice(i, i + 20).map((f) => f.data);
    out.push(
      ...(await page.evaluate(async (batch) => {
        const canvas = new OffscreenCanvas(64, 43);
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        const big = new OffscreenCanvas(320, 215);
        const bctx = big.getContext('2d', { willReadFrequently: true });
        const results = [];
        for (const data of batch) {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
          bctx.drawImage(bitmap, 0, 0, 320, 215);
          const px = bctx.getImageData(0, 0, 320, 215).data;
          const counts = new Map();
          for (let p = 0; p < px.length; p += 4) {
            const key = ((px[p] >> 3) << 10) | ((px[p + 1] >> 3) << 5) | (px[p + 2] >> 3);
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          const uniform = Math.max(...counts.values()) / (px.length / 4);
          ctx.drawImage(bitmap, 0, 0, 64, 43);
          const small = ctx.getImageData(0, 0, 64, 43).data;
          const grey = [];
          for (let p = 0; p < small.length; p += 4) grey.push(Math.round((small[p] + small[p + 1] + small[p + 2]) / 3));
          results.push({ uniform, grey });
        }
        return results;
      }, batch)),
    );
  }
  await page.close();
  return out;
}

const diff = (a, b) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length / 255;

/**
 * What the tab showed between the trigger and reader.html's title: when the first frame unlike
 * the page came, the longest blank stretch (≥ 99.5% one colour) after the trigger, and how far
 * the last frame before the title's paint is from the first frame at or after it (0 = identical,
 * 1 = inverse), the "jump" when reader.html takes over.
 */
function timeline(sample, analysed) {
  const frames = sample.frames.map((f, i) => ({ t: f.t, ...analysed[i] }));
  const before = frames.filter((f) => f.t <= 0);
  const pageFrame = before[before.length - 1] ?? frames[0];
  const after = frames.filter((f) => f.t > 0);
  const changed = after.find((f) => diff(f.grey, pageFrame.grey) > 0.02);
  let blankMs = 0;
  for (let i = 0; i < after.length; i++) {
    if (after[i].uniform < 0.995) continue;
    const next = after.slice(i + 1).find((f) => f.uniform < 0.995);
    blankMs = Math.max(blankMs, (next ? next.t : after[after.length - 1].t) - after[i].t);
  }
  const lastBefore = [...after].reverse().find((f) => f.t < sample.paintT - 1);
  const firstReader = after.find((f) => f.t >= sample.paintT - 1);
  return {
    changedT: changed ? changed.t : NaN,
    blankMs,
    blankFrames: after.filter((f) => f.t < sample.paintT + 50 && f.uniform >= 0.995).length,
    jump: lastBefore && firstReader ? diff(lastBefore.grey, firstReader.grey) : NaN,
    frames: after.length,
  };
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const results = Object.fromEntries(names.map((n) => [n, []]));
const loads = [loadavg()[0]];
for (const article of chosen) {
  for (let i = 0; i < runs; i++) {
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const key of order) results[key].push({ article: article.name, ...(await clickToPaint(sides[sideOf(key).build], article.url, sideOf(key).mode)) });
  }
  loads.push(loadavg()[0]);
  process.stderr.write(`${article.name} done, load ${loadavg()[0].toFixed(1)}\n`);
}
for (const n of Object.keys(dirs)) console.log(`${n} = ${dirs[n]}, paint holding ${sides[n].holding} (browser process command line)`);
console.log(`${runs} interleaved runs per article and build; load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
console.log('columns per side: paint = trigger → text painted (median ms), ratio to the first side, preview = → instant view frame, frame = → reader first-paint frame, to nav = → navigation start, dcl = → DOMContentLoaded end, handoff = the reader\'s handoff read');
console.log(`${'article'.padEnd(26)} ${names.map((n) => `${n} paint`.padStart(14) + ' ' + 'ratio'.padStart(5) + ' ' + 'preview'.padStart(7) + ' ' + 'frame'.padStart(7) + ' ' + 'to nav'.padStart(7) + ' ' + 'dcl'.padStart(7) + ' ' + 'handoff'.padStart(7)).join(' ')}`);
const row = (label, pick) => {
  const first = median(pick(results[names[0]]).map((x) => x.paint));
  console.log(
    `${label.padEnd(26)} ${names
      .map((n) => {
        const mine = pick(results[n]);
        const paint = median(mine.map((x) => x.paint));
        return paint.toFixed(1).padStart(14) + ' ' + (paint / first).toFixed(2).padStart(5) + ' ' + median(mine.map((x) => x.preview)).toFixed(1).padStart(7) + ' ' + median(mine.map((x) => x.frame)).toFixed(1).padStart(7) + ' ' + median(mine.map((x) => x.toNav)).toFixed(1).padStart(7) + ' ' + median(mine.map((x) => x.dcl)).toFixed(1).padStart(7) + ' ' + median(mine.map((x) => x.handoff)).toFixed(1).padStart(7);
      })
      .join(' ')}`,
  );
};
for (const article of chosen) row(article.name, (xs) => xs.filter((x) => x.article === article.name));
row('all', (xs) => xs);
console.log('\nphases from the navigation start (medians of per-click figures, ms): nav→script = the first-paint script runs (its handoff-asked mark), nav→dcl = DOMContentLoaded end, nav→frame = the frame that draws the article starts, frame→paint = that frame to the title presented');
console.log('  (nav→html, nav→css, nav→js: the document\'s, the later stylesheet\'s and reader-first.js\'s responseEnd)');
console.log(`${'side'.padEnd(26)} ${'trigger→nav'.padStart(11)} ${'nav→html'.padStart(8)} ${'nav→css'.padStart(7)} ${'nav→js'.padStart(7)} ${'nav→script'.padStart(10)} ${'nav→dcl'.padStart(8)} ${'nav→frame'.padStart(9)} ${'frame→paint'.padStart(11)} ${'paint'.padStart(8)}`);
for (const n of names) {
  const mine = results[n];
  const med = (pick) => median(mine.map(pick)).toFixed(1);
  console.log(`${n.padEnd(26)} ${med((x) => x.toNav).padStart(11)} ${med((x) => x.navToDoc).padStart(8)} ${med((x) => x.navToCss).padStart(7)} ${med((x) => x.navToJs).padStart(7)} ${med((x) => x.navToScript).padStart(10)} ${med((x) => x.navToDcl).padStart(8)} ${med((x) => x.navToFrame).padStart(9)} ${med((x) => x.frameToPaint).padStart(11)} ${med((x) => x.paint).padStart(8)}`);
}
if (screencast) {
  console.log('\nWhat the tab showed (screencast; ms from the trigger, medians over the clicks; max = the worst click):');
  console.log(`${'side'.padEnd(22)} ${'first change'.padStart(12)} ${'blank ms (max)'.padStart(15)} ${'blank frames'.padStart(12)} ${'jump (max)'.padStart(13)} ${'frames'.padStart(6)}`);
  for (const n of names) {
    const { context } = sides[sideOf(n).build];
    const lines = [];
    for (const sample of results[n]) {
      if (!sample.frames.length) continue;
      lines.push(timeline(sample, await analyseFrames(context, sample.frames)));
    }
    const max = (xs) => Math.max(...xs.filter(Number.isFinite));
    console.log(
      `${n.padEnd(22)} ${median(lines.map((l) => l.changedT)).toFixed(1).padStart(12)} ${`${median(lines.map((l) => l.blankMs)).toFixed(0)} (${max(lines.map((l) => l.blankMs)).toFixed(0)})`.padStart(15)} ${median(lines.map((l) => l.blankFrames)).toFixed(0).padStart(12)} ${`${median(lines.map((l) => l.jump)).toFixed(3)} (${max(lines.map((l) => l.jump)).toFixed(3)})`.padStart(13)} ${median(lines.map((l) => l.frames)).toFixed(0).padStart(6)}`,
    );
    if (shotsDir) {
      const sample = results[n].find((x) => x.frames.length);
      if (sample) {
        const dir = join(shotsDir, n.replace(/[^\w.-]+/g, '_'));
        mkdirSync(dir, { recursive: true });
        for (const f of sample.frames) writeFileSync(join(dir, `t${String(Math.round(f.t) + 10000)}.jpg`), Buffer.from(f.data, 'base64'));
        writeFileSync(join(dir, 'times.txt'), `paint ${sample.paintT.toFixed(1)} preview ${sample.preview.toFixed(1)} frame ${sample.frame.toFixed(1)}\n`);
      }
    }
  }
}
for (const side of Object.values(sides)) {
  await side.context.close();
  rmSync(side.profile, { recursive: true, force: true });
}
await server.close();
