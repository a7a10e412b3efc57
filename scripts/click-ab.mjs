// Click to readable text, test builds side by side: one headless Chromium per build, clicks
// interleaved (the order rotates every round) on the same articles, so all meet the same load.
//   node scripts/click-ab.mjs --builds name=DIR,name=DIR[,…] [--runs N] [--only TEXT] [--exclude TEXT] [--corpus ../shared/corpus]
// DIR is a test build's chrome folder (node build.mjs --test --out=...). Prints medians per
// article and overall, and each build's ratio to the first. Timing as bench/browser.ts: from the
// trigger reaching the background to the reader title's element-timing paint.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromiumWithExtension } from './chromium.mjs';
import { startSiteServer } from './site-server.mjs';
import { findBrowser } from './browsers.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const repoRoot = resolve(new URL('..', import.meta.url).pathname);
const dirs = Object.fromEntries(opt('builds').split(',').map((pair) => [pair.split('=')[0], resolve(pair.split('=')[1])]));
const names = Object.keys(dirs);
const runs = Number(opt('runs', '10'));
const corpus = resolve(opt('corpus', join(repoRoot, '../shared/corpus')));
const only = opt('only', '');

const server = await startSiteServer({ root: join(repoRoot, 'tests/fixtures/site') });
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
  });
  sides[key] = { context, profile, page: await context.newPage() };
}

async function clickToPaint({ context, page }, url) {
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat:content-script').length > 0, undefined, { timeout: 10000, polling: 20 });
  await page.evaluate(() => window.postMessage({ samizdatTest: 'ab-click', request: { hook: 'action-click' } }, '*'));
  await page.waitForURL(/\/reader\.html\?/, { timeout: 15000 });
  const painted = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no paint')), 15000);
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((e) => e.identifier === 'article-title');
          if (!entry) return;
          observer.disconnect();
          clearTimeout(timer);
          const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
          resolve({ paintAt: performance.timeOrigin + (entry.renderTime || entry.startTime), navAt: performance.timeOrigin, handoffMs: mark('samizdat:handoff-taken') - mark('samizdat:handoff-asked') });
        }).observe({ type: 'element', buffered: true });
      }),
  );
  // Let the full view settle before the next click.
  await page.waitForFunction(() => Boolean(document.querySelector('article h1')), undefined, { timeout: 15000, polling: 20 });
  const triggerAt = await context.serviceWorkers()[0].evaluate(() => globalThis.samizdatTriggerAt);
  return { paint: painted.paintAt - triggerAt, toNav: painted.navAt - triggerAt, handoff: painted.handoffMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const results = Object.fromEntries(names.map((n) => [n, []]));
const loads = [loadavg()[0]];
for (const article of chosen) {
  for (let i = 0; i < runs; i++) {
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const key of order) results[key].push({ article: article.name, ...(await clickToPaint(sides[key], article.url)) });
  }
  loads.push(loadavg()[0]);
  process.stderr.write(`${article.name} done, load ${loadavg()[0].toFixed(1)}\n`);
}
for (const n of names) console.log(`${n} = ${dirs[n]}`);
console.log(`${runs} interleaved runs per article and build; load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
console.log(`${'article'.padEnd(26)} ${names.map((n) => `${n} paint`.padStart(14) + ' ' + 'ratio'.padStart(5) + ' ' + 'to nav'.padStart(7) + ' ' + 'handoff'.padStart(7)).join(' ')}`);
const row = (label, pick) => {
  const first = median(pick(results[names[0]]).map((x) => x.paint));
  console.log(
    `${label.padEnd(26)} ${names
      .map((n) => {
        const mine = pick(results[n]);
        const paint = median(mine.map((x) => x.paint));
        return paint.toFixed(1).padStart(14) + ' ' + (paint / first).toFixed(2).padStart(5) + ' ' + median(mine.map((x) => x.toNav)).toFixed(1).padStart(7) + ' ' + median(mine.map((x) => x.handoff)).toFixed(1).padStart(7);
      })
      .join(' ')}`,
  );
};
for (const article of chosen) row(article.name, (xs) => xs.filter((x) => x.article === article.name));
row('all', (xs) => xs);
for (const side of Object.values(sides)) {
  await side.context.close();
  rmSync(side.profile, { recursive: true, force: true });
}
await server.close();
