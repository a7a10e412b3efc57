// Profiles one-click reading in headless Chromium with a whole-browser trace (CDP Tracing on a
// page target records every process: browser, extension service worker, web page, reader page).
//   node scripts/trace-click.mjs [--ext DIR] [--runs N] [--url-path /science/night-trains.html] [--out trace.json]
//                                [--mode reader|floor] [--names REGEX]
// --mode floor traces the test build's floor instead: the same trigger and tabs.update, to
// floor.html (no script, one line of text). --names also lists every event whose name matches
// (instant and short ones too), e.g. the frame pipeline: 'BeginFrame|DrawFrame|Swap|Presentation'.
// Builds nothing: pass a test build (node build.mjs --test --out=bench-output/trace). Writes the
// raw trace of the last run (open it in chrome://tracing or Perfetto) and prints the main events
// of each process from the trigger to the title's paint, as offsets from the trigger.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const extensionDir = resolve(opt('ext', join(repoRoot, 'bench-output/trace/chrome')));
const runs = Number(opt('runs', '3'));
const host = opt('host', 'news.test');
const urlPath = opt('url-path', '/science/night-trains.html');
const out = opt('out', join(repoRoot, 'bench-output/click-trace.json'));
const minMs = Number(opt('min-ms', '0.8'));
const mode = opt('mode', 'reader');
const names = opt('names', '') ? new RegExp(opt('names', '')) : null;
const request = mode === 'floor' ? { hook: 'floor-click' } : { hook: 'action-click' };
const target = mode === 'floor' ? /\/floor\.html\?/ : /\/reader\.html\?/;
const identifier = mode === 'floor' ? 'floor-text' : 'article-title';

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing', 'loading', 'navigation',
  'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'fonts', 'extensions', 'browser', 'content', 'renderer_host',
  'toplevel', 'ipc', 'mojom', 'benchmark', 'cc', 'viz', 'gpu', 'blink.resource', 'ServiceWorker', 'disabled-by-default-devtools.timeline.frame',
].join(',');

const server = await startSiteServer({ root: join(repoRoot, 'tests/fixtures/site') });
const profile = mkdtempSync(join(tmpdir(), 'samizdat-trace-'));
const { context } = await launchChromiumWithExtension({ extensionDir, profileDir: profile, executablePath: findBrowser('chromium') });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
const url = server.url(host, urlPath);

async function oneClick(trace) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('samizdat:content-script').length > 0, undefined, { polling: 20 });
  await page.waitForTimeout(300);
  let chunks = [];
  let done;
  if (trace) {
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(','), recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
    cdp.on('Tracing.dataCollected', (e) => chunks.push(...e.value));
    done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  }
  await page.waitForTimeout(100);
  await page.evaluate((request) => window.postMessage({ samizdatTest: 'trace-click', request }, '*'), request);
  await page.waitForURL(target);
  const painted = await page.evaluate(
    (identifier) =>
      new Promise((resolve) => {
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((e) => e.identifier === identifier);
          if (!entry) return;
          observer.disconnect();
          const mark = performance.getEntriesByName('samizdat:article-painted')[0];
          resolve({ paintAt: performance.timeOrigin + (entry.renderTime || entry.startTime), navAt: performance.timeOrigin, markAt: mark ? performance.timeOrigin + mark.startTime : NaN });
        }).observe({ type: 'element', buffered: true });
      }),
    identifier,
  );
  await page.waitForTimeout(300);
  const worker = context.serviceWorkers()[0];
  const triggerAt = await worker.evaluate(() => globalThis.samizdatTriggerAt);
  if (trace) {
    await cdp.send('Tracing.end');
    await done;
  }
  return { paintMs: painted.paintAt - triggerAt, toNavMs: painted.navAt - triggerAt, markMs: painted.markAt - triggerAt, events: chunks };
}

let last;
for (let i = 0; i < runs; i++) {
  last = await oneClick(i === runs - 1);
  console.log(`run ${i + 1}: trigger → ${mode} navigation start ${last.toNavMs.toFixed(1)} ms, → text painted ${last.paintMs.toFixed(1)} ms`);
}
writeFileSync(out, JSON.stringify({ traceEvents: last.events }));
console.log(`trace: ${out} (${last.events.length} events)`);

// Summary: thread names, then complete events of at least minMs, by time, from the test hook's message.
const events = last.events;
const threads = new Map();
const procs = new Map();
for (const e of events) {
  if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  if (e.ph === 'M' && e.name === 'process_name') procs.set(e.pid, e.args.name);
  if (e.ph === 'M' && e.name === 'process_labels') procs.set(e.pid, `${procs.get(e.pid) ?? ''} ${e.args.labels}`);
}
const marks = events.filter((e) => e.cat?.includes('blink.user_timing'));
// The trigger's time in trace time: from a mark of the new page known in both clocks (the
// reader's paint mark, else the floor page's navigationStart).
const markEvent = marks.find((e) => e.name === 'samizdat:article-painted');
const navEvent = [...marks].reverse().find((e) => e.name === 'navigationStart' && /Extension/.test(procs.get(e.pid) ?? ''));
const t0 = markEvent ? markEvent.ts - last.markMs * 1000 : navEvent ? navEvent.ts - last.toNavMs * 1000 : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
console.log(`t0 = ${markEvent ? 'the trigger (from the paint mark)' : navEvent ? 'the trigger (from the navigation start)' : 'first event'}; text painted at ${last.paintMs.toFixed(1)} ms`);
for (const m of marks) console.log(`  mark ${m.name} ${m.ph} @ ${((m.ts - t0) / 1000).toFixed(1)} ms [${procs.get(m.pid) ?? m.pid}]`);
const rows = events
  .filter((e) => e.ts >= t0 - 5000 && ((e.ph === 'X' && e.dur >= minMs * 1000) || (names && names.test(e.name) && e.ph !== 'M' && e.ph !== 'E')))
  .sort((a, b) => a.ts - b.ts);
for (const e of rows) {
  const where = `${(procs.get(e.pid) ?? String(e.pid)).slice(0, 28)}/${(threads.get(`${e.pid}:${e.tid}`) ?? e.tid).toString().slice(0, 22)}`;
  const detail = e.args?.data?.url ?? e.args?.data?.functionName ?? e.args?.data?.type ?? e.args?.url ?? '';
  const dur = e.dur === undefined ? `  ${e.ph}   ` : `+${(e.dur / 1000).toFixed(1).padStart(6)}`;
  console.log(`${((e.ts - t0) / 1000).toFixed(1).padStart(8)} ${dur}  ${where.padEnd(52)} ${e.name} ${String(detail).slice(0, 80)}`);
}

// What the frame that draws the text is made of: from the article-painted mark (its rAF) to the
// text presented, the time each kind of work took, summed over the events of that window (the
// outermost event of each kind per thread, clipped to the window; threads run in parallel, so
// the rows add up to more than the window).
if (markEvent) {
  const from = markEvent.ts;
  const to = t0 + last.paintMs * 1000;
  const KINDS = [
    ['style and layout (main)', /^(?:LocalFrameView::RunStyleAndLayoutLifecyclePhases|Document::UpdateStyleAndLayout|UpdateLayoutTree|Layout)$/],
    ['prepaint and paint (main)', /^(?:PrePaint|LocalFrameView::RunPaintLifecyclePhase|Paint)$/],
    ['commit (main)', /^(?:Commit|ProxyMain::BeginMainFrame::commit)$/],
    ['image load and decode (main: SVG documents, image data)', /^(?:IsolatedSVGDocumentHost::IsolatedSVGDocumentHost|ImageResourceContent::updateImage|ImageFrameGenerator::decode|Decode Image|ImageDecodeTask)$/],
    ['font decode (main)', /^DecodeFont$/],
    ['tile raster (raster worker)', /^RasterTask$/],
    ['prepare tiles and activation (compositor)', /^(?:TileManager::PrepareTiles|LayerTreeHostImpl::ActivateSyncTree)$/],
    ['viz software draw (DrawAndSwap)', /^Display::DrawAndSwap$/],
    ['  of which the longest single quad', /^SoftwareRenderer::DoDrawQuad$/],
  ];
  console.log(`\nframe → presented: ${((to - from) / 1000).toFixed(1)} ms (the article-painted mark to the title presented), by kind of work in that window:`);
  for (const [label, pattern] of KINDS) {
    const inWindow = events.filter((e) => e.ph === 'X' && pattern.test(e.name) && e.ts < to && e.ts + e.dur > from && /Extension Renderer|GPU Process/.test(procs.get(e.pid) ?? ''));
    const clipped = (e) => (Math.min(e.ts + e.dur, to) - Math.max(e.ts, from)) / 1000;
    if (label.startsWith('  of which')) {
      console.log(`  ${label.padEnd(58)} ${Math.max(0, ...inWindow.map(clipped)).toFixed(1).padStart(7)} ms`);
      continue;
    }
    // Outermost only: an event inside another matching one on the same thread is not counted twice.
    const outer = inWindow.filter((e) => !inWindow.some((o) => o !== e && o.pid === e.pid && o.tid === e.tid && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && (o.ts < e.ts || o.dur > e.dur)));
    console.log(`  ${label.padEnd(58)} ${outer.reduce((sum, e) => sum + clipped(e), 0).toFixed(1).padStart(7)} ms (${outer.length})`);
  }
}
await context.close();
await server.close();
rmSync(profile, { recursive: true, force: true });
