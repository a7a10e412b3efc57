/**
 * Library benchmarks (PRODUCT.md targets): `npm run bench -- --only library [--library-articles N]`
 * (a section of bench/main.ts) or standalone (`node bench/library.mjs [--articles N] [--queries N] [--runs N]`):
 *
 *  - librarySearchBench: generates a library of N articles (default 10,000, ~1,500 words each,
 *    mixed scripts: Latin, Cyrillic, Persian/Arabic, Chinese), indexes it with the library's own
 *    search module, and times the library's own search() over a mixed query set — prefixes as
 *    typed, whole words, two-word queries, typos, Persian letter variants and ZWNJ, CJK words.
 *    Target: median < 50 ms. Also: the cost of an article's postings (tokenising, paid when it
 *    is saved) and of assembling the index from stored postings (paid when the library opens).
 *  - librarySizeBench: a local fixture news page (tests/fixtures/library/news-article.html) with
 *    its images, extracted with the core and saved with the real save pipeline into an in-memory
 *    IndexedDB; reports saved bytes (every stored record, serialised, search postings included,
 *    plus image blobs) against
 *    the page's HTML plus its images' bytes. Target: ratio ≤ 0.5.
 *  - libraryPaintBench (bench/library-paint.ts): library.html in real Chromium with the built
 *    extension and N articles in its database: when the first 50 rows are painted, from
 *    navigation start. Target: median < 200 ms. Then the search box is focused: how long until
 *    the index is ready (the `terms` store read and the index assembled, in the page).
 *    Page image bytes count every <img> of the page once, at its src (what a 1x screen loads).
 *    Images are generated deterministically at sizes typical for JPEGs of their dimensions.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../src/core/index.js';
import { search, type SearchDoc } from '../src/storage/search.js';
import { articlePostings, type TermsRecord } from '../src/storage/postings.js';
import { TermIndex } from '../src/storage/term-index.js';
import { saveArticle } from '../src/storage/save.js';
import { openLibrary } from '../src/storage/schema.js';
import { libraryAnswerCompare, libraryPaintBench, libraryPaintCompare, libraryPaintTrace } from './library-paint.js';
import { loadavg } from 'node:os';

// ---------- deterministic generation ----------

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Script {
  name: string;
  syllables: string[];
  joiner: string;
  minSyl: number;
  maxSyl: number;
}

const SCRIPTS: Script[] = [
  { name: 'latin', syllables: 'ka ri to men sa lo vi ne da por tra cel ung ber fis gal hom qua zen lu mar ti on es ple stor vek ram'.split(' '), joiner: '', minSyl: 2, maxSyl: 4 },
  { name: 'cyrillic', syllables: 'ко ра ни то ве ли мо сла про дер жа ны ста ку ре ми го ла бо ры ще ёл ци ду'.split(' '), joiner: '', minSyl: 2, maxSyl: 4 },
  { name: 'persian', syllables: 'کا را می نی دو سا تو بر خا نه گو پی زی ما هر فر ست ده یک کت اب یا شی ور'.split(' '), joiner: '', minSyl: 2, maxSyl: 4 },
  { name: 'chinese', syllables: [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'], joiner: '', minSyl: 1, maxSyl: 3 },
];

/** A vocabulary per script, used with a Zipf-like distribution (as real text is). */
function vocabulary(script: Script, size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = script.minSyl + Math.floor(random() * (script.maxSyl - script.minSyl + 1));
    let w = '';
    for (let i = 0; i < n; i++) w += script.syllables[Math.floor(random() * script.syllables.length)];
    words.add(w);
  }
  return [...words];
}

function zipfPicker(size: number, random: () => number): () => number {
  // Inverse-CDF sampling of a Zipf(1) distribution over ranks 1..size.
  const h = Math.log(size) + 0.5772;
  return () => Math.min(size - 1, Math.floor(Math.exp(random() * h) - 1));
}

export interface GeneratedLibrary {
  docs: SearchDoc[];
  vocab: Record<string, string[]>;
}

export function generateLibrary(count = 10000, wordsPerArticle = 1500, seed = 42): GeneratedLibrary {
  const random = rng(seed);
  const vocab: Record<string, string[]> = {};
  for (const s of SCRIPTS) vocab[s.name] = vocabulary(s, s.name === 'chinese' ? 6000 : 20000, random);
  // ZWNJ inside some Persian words, as Persian text writes می‌خواهم.
  vocab.persian = vocab.persian!.map((w, i) => (i % 7 === 0 && w.length > 3 ? `${w.slice(0, 2)}\u200c${w.slice(2)}` : w));
  const pick = zipfPicker(20000, random);
  const pickZh = zipfPicker(6000, random);
  const docs: SearchDoc[] = [];
  for (let i = 0; i < count; i++) {
    const script = SCRIPTS[i % SCRIPTS.length]!;
    const words = vocab[script.name]!;
    const next = () => words[script.name === 'chinese' ? pickZh() : pick()]!;
    const parts: string[] = [];
    for (let w = 0; w < wordsPerArticle; w++) {
      parts.push(next());
      // Latin articles quote a few words of other scripts, as news does.
      if (script.name === 'latin' && w % 300 === 0) parts.push(vocab.cyrillic![pick()]!);
    }
    const sep = script.name === 'chinese' ? '' : ' ';
    let text = '';
    for (let p = 0; p < parts.length; p += 60) text += parts.slice(p, p + 60).join(sep) + (script.name === 'chinese' ? '。\n\n' : '.\n\n');
    const title = Array.from({ length: 6 }, next).join(sep);
    docs.push({ url: `https://bench.test/${script.name}/${i}`, title, siteName: `${script.name}.bench.test`, text, tags: i % 10 === 0 ? ['bench'] : [] });
  }
  return { docs, vocab };
}

/** Which of the query kinds below is the typo (reported apart: it is the slowest kind). */
const TYPO_KIND = 3;

export function queries(vocab: Record<string, string[]>, count: number, seed = 7): string[] {
  const random = rng(seed);
  const mid = (list: string[]) => list[50 + Math.floor(random() * 2000)]!;
  const out: string[] = [];
  const kinds = [
    () => mid(vocab.latin!),
    () => mid(vocab.latin!).slice(0, 3),
    () => `${mid(vocab.latin!)} ${mid(vocab.latin!).slice(0, 3)}`,
    () => {
      // kinds[TYPO_KIND]
      const w = vocab.latin!.find((x, i) => i > 100 + Math.floor(random() * 1000) && x.length >= 7) ?? 'kariton';
      return w.slice(0, 3) + w.slice(4); // a typo: one letter dropped
    },
    () => mid(vocab.cyrillic!),
    () => mid(vocab.cyrillic!).slice(0, 4).toUpperCase(),
    () => mid(vocab.persian!).replace(/ی/g, 'ي').replace(/ک/g, 'ك').replace(/\u200c/g, ''),
    () => mid(vocab.persian!),
    () => mid(vocab.chinese!) + mid(vocab.chinese!).slice(0, 1),
    () => mid(vocab.chinese!),
  ];
  for (let i = 0; i < count; i++) out.push(kinds[i % kinds.length]!());
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface SearchBenchResult {
  articles: number;
  words: number;
  /** Tokenising one article into its stored postings (paid once, when it is saved). */
  postingsMsPerArticle: number;
  /** Assembling the index from the stored postings (what opening the library costs, less the reads). */
  indexReadyMs: number;
  /** The same from a stored snapshot of the assembled index (what a usual open costs). */
  indexFromSnapshotMs: number;
  /** The stored postings, for the browser benchmark's library. */
  records: TermsRecord[];
  queries: number;
  medianMs: number;
  /** CPU time of the search itself (unaffected by other processes on a busy machine). */
  medianCpuMs: number;
  p95Ms: number;
  /** The queries with a typo (a word the library does not contain: close spellings looked up). */
  typoMedianMs: number;
  typoP95Ms: number;
  /** A query of two words of the library (one typed in part), for the browser benchmark. */
  sampleQuery: string;
  medianHits: number;
  zeroHitQueries: number;
}

export function librarySearchBench(options: { articles?: number; wordsPerArticle?: number; queries?: number; log?: (s: string) => void } = {}): SearchBenchResult {
  const articles = options.articles ?? 10000;
  const log = options.log ?? (() => undefined);
  const t0 = performance.now();
  const lib = generateLibrary(articles, options.wordsPerArticle ?? 1500);
  log(`generated ${articles} articles in ${Math.round(performance.now() - t0)} ms`);
  const t1 = performance.now();
  const records = lib.docs.map(articlePostings);
  const postingsMs = performance.now() - t1;
  log(`postings of ${articles} articles (tokenising, done at save time) in ${Math.round(postingsMs)} ms`);
  // As IndexedDB hands them back: structured clones.
  const stored = records.map((r) => structuredClone(r));
  const t2 = performance.now();
  const index = TermIndex.fromRecords(stored);
  const indexReadyMs = performance.now() - t2;
  log(`index assembled from stored postings in ${Math.round(indexReadyMs)} ms`);
  const snap = structuredClone(index.snapshot()!);
  const t3 = performance.now();
  TermIndex.fromSnapshot(snap.head, snap.chunks);
  const fromSnapshotMs = performance.now() - t3;
  log(`index read from its snapshot in ${Math.round(fromSnapshotMs)} ms`);
  const words = lib.docs.reduce((n, d) => n + d.text.split(/\s+/).length, 0);
  const qs = queries(lib.vocab, options.queries ?? 200);
  for (const q of qs.slice(0, 10)) search(index, q); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  const hits: number[] = [];
  const typoTimes: number[] = [];
  for (const [i, q] of qs.entries()) {
    const c = process.cpuUsage();
    const s = performance.now();
    const r = search(index, q);
    times.push(performance.now() - s);
    if (i % 10 === TYPO_KIND) typoTimes.push(times[times.length - 1]!);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    hits.push(r.length);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    articles,
    words,
    postingsMsPerArticle: Number((postingsMs / articles).toFixed(2)),
    indexReadyMs: Math.round(indexReadyMs),
    indexFromSnapshotMs: Math.round(fromSnapshotMs),
    records,
    queries: qs.length,
    medianMs: Number(median(times).toFixed(2)),
    medianCpuMs: Number(median(cpu).toFixed(2)),
    p95Ms: Number(sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)),
    typoMedianMs: Number(median(typoTimes).toFixed(2)),
    typoP95Ms: Number([...typoTimes].sort((a, b) => a - b)[Math.floor(typoTimes.length * 0.95)]!.toFixed(2)),
    sampleQuery: `${lib.vocab.latin![120]} ${lib.vocab.latin![300]!.slice(0, 3)}`,
    medianHits: median(hits),
    zeroHitQueries: hits.filter((h) => h === 0).length,
  };
}

// ---------- saved size ----------

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A valid PNG of about `bytes` bytes (noise pixels, which do not compress). */
function imageOfSize(bytes: number, seed: number): Uint8Array {
  const random = rng(seed);
  const side = Math.max(2, Math.round(Math.sqrt(bytes / 3)));
  const raw = new Uint8Array(side * (1 + side * 3));
  for (let i = 0; i < raw.length; i++) raw[i] = i % (1 + side * 3) === 0 ? 0 : Math.floor(random() * 256);
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, side);
  new DataView(ihdr.buffer).setUint32(4, side);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 1 }))), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Typical JPEG sizes for the fixture's images (bytes). */
const FIXTURE_IMAGES: Record<string, number> = {
  'lead-400.jpg': 38000, 'lead-800.jpg': 110000, 'lead-1600.jpg': 330000, 'inline-a.jpg': 105000, 'inline-b.jpg': 98000,
  'logo.png': 9000, 'logo-footer.png': 4000, 'ad-banner.jpg': 85000, 'ad-box.jpg': 42000,
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`thumb-${i}.jpg`, 24000])),
};

export interface SizeBenchResult {
  pageHtmlBytes: number;
  pageImageBytes: number;
  savedBytes: number;
  savedImageBytes: number;
  savedImages: number;
  ratio: number;
}

export async function librarySizeBench(repoRoot: string): Promise<SizeBenchResult> {
  const pageUrl = 'https://news.test/world/flood-2026';
  const html = readFileSync(join(repoRoot, 'tests/fixtures/library/news-article.html'), 'utf8');
  const images = new Map<string, Uint8Array>();
  let seed = 1;
  for (const [name, size] of Object.entries(FIXTURE_IMAGES)) images.set(`https://news.test/img/${name}`, imageOfSize(size, seed++));
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const body = images.get(String(input));
    return body ? new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'image/png' } }) : new Response('', { status: 404 });
  }) as typeof fetch;

  // What the page loads: its HTML and each <img> once, at its src (what a 1x screen loads).
  const dom = new JSDOM(html, { url: pageUrl });
  const pageImages = new Set<string>();
  for (const img of dom.window.document.querySelectorAll('img[src]')) pageImages.add(new URL(img.getAttribute('src')!, pageUrl).href);
  const pageImageBytes = [...pageImages].reduce((n, u) => n + (images.get(u)?.byteLength ?? 0), 0);
  const pageHtmlBytes = new TextEncoder().encode(html).byteLength;

  const article = extractArticle(new JSDOM(html, { url: pageUrl }).window.document, { url: pageUrl });
  if (!article) throw new Error('the fixture page has no article');
  const dbName = `bench-size-${Date.now()}`;
  const result = await saveArticle(article, { dbName, pageUrl, httpStatus: 200, images: { fetchImpl } });
  if (!result.ok) throw new Error(result.error);
  const db = await openLibrary(dbName);
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).byteLength;
  let savedImageBytes = 0;
  const stored = await db.getAll('images');
  for (const img of stored) savedImageBytes += img.blob.size;
  // The search postings too (their term list as text, their counts as the bytes they are).
  const postings = (await db.getAll('terms')).reduce((n, r) => n + json({ ...r, freqs: null }) + r.freqs.byteLength, 0);
  const savedRecords = json(await db.getAll('entries')) + json(await db.getAll('versions')) + json(await db.getAll('texts')) + postings;
  const savedBytes = savedRecords + savedImageBytes;
  return {
    pageHtmlBytes,
    pageImageBytes,
    savedBytes,
    savedImageBytes,
    savedImages: stored.length,
    ratio: Number((savedBytes / (pageHtmlBytes + pageImageBytes)).toFixed(3)),
  };
}

export interface LibraryBenchRun {
  /** For bench/floors.json (names ending in Ms are ceilings). */
  figures: Record<string, number>;
  /** 1 when a PRODUCT.md target is missed. */
  status: number;
}

/**
 * All three, printed. `--articles N` (default 10,000) sizes the generated library for both the
 * search and the first-paint figures; `--runs N` the page loads measured (default 7).
 */
export async function runLibraryBench(repoRoot: string, argv: string[] = [], log: (s: string) => void = console.log): Promise<LibraryBenchRun> {
  const arg = (name: string, d: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const articles = arg('--articles', 10000);
  const compareAt = argv.indexOf('--compare');
  if (compareAt >= 0) {
    // Two builds' first paint, loads interleaved: --compare DIR_A DIR_B (built extension folders).
    const dirs = argv.slice(compareAt + 1, compareAt + 3);
    const results = await libraryPaintCompare(dirs, { articles, rounds: arg('--runs', 9), log: (m) => log(`library: ${m}`) });
    for (const r of results) log(`library: ${r.dir}: first 50 rows painted at ${r.rowsMs.join(', ')} ms from navigation start, median ${r.medianRowsMs} ms; whole list median ${r.medianAllMs} ms`);
    log(`library: median ratio ${(results[1]!.medianRowsMs / results[0]!.medianRowsMs).toFixed(2)} (second / first); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return { figures: {}, status: 0 };
  }
  const sizesAt = argv.indexOf('--compare-sizes');
  if (sizesAt >= 0) {
    // One build on two library sizes, loads interleaved: --compare-sizes N_A N_B [--ext DIR].
    const extAt = argv.indexOf('--ext');
    const dir = extAt >= 0 ? argv[extAt + 1]! : join(repoRoot, 'dist/chrome');
    const articlesEach = argv.slice(sizesAt + 1, sizesAt + 3).map(Number);
    const results = await libraryPaintCompare([dir, dir], { articlesEach, rounds: arg('--runs', 9), log: (m) => log(`library: ${m}`) });
    for (const r of results) log(`library: ${r.articles} articles: first 50 rows painted at ${r.rowsMs.join(', ')} ms from navigation start, median ${r.medianRowsMs} ms; whole list median ${r.medianAllMs} ms`);
    log(`library: median ratio ${(results[1]!.medianRowsMs / results[0]!.medianRowsMs).toFixed(2)} (${articlesEach[1]} / ${articlesEach[0]}); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return { figures: {}, status: 0 };
  }
  const answerAt = argv.indexOf('--answer-compare');
  if (answerAt >= 0) {
    // Two builds' first answer to a query typed as the page opens, interleaved: --answer-compare DIR_A DIR_B.
    const lib = generateLibrary(articles, 1500);
    const postings = lib.docs.map(articlePostings);
    const query = `${lib.vocab.latin![120]} ${lib.vocab.latin![300]!.slice(0, 3)}`;
    const results = await libraryAnswerCompare(argv.slice(answerAt + 1, answerAt + 3).filter((d) => !d.startsWith('--')), { articles, rounds: arg('--runs', 7), postings, query, log: (m) => log(`library: ${m}`) });
    for (const r of results) log(`library: ${r.dir}: query "${query}" typed as the page opens: first results after ${r.firstMs.join(', ')} ms (median ${r.medianFirstMs} ms; ${r.partial.filter(Boolean).length} of ${r.firstMs.length} partial), whole index after ${r.wholeMs.join(', ')} ms (median ${r.medianWholeMs} ms)`);
    if (results.length > 1) log(`library: median ratio first answer ${(results[1]!.medianFirstMs / results[0]!.medianFirstMs).toFixed(2)}, whole index ${(results[1]!.medianWholeMs / results[0]!.medianWholeMs).toFixed(2)} (second / first); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return { figures: {}, status: 0 };
  }
  const traceAt = argv.indexOf('--trace');
  if (traceAt >= 0) {
    // One load under a whole-browser trace: --trace FILE [--ext DIR] (default: the release build).
    const extAt = argv.indexOf('--ext');
    const dir = extAt >= 0 ? argv[extAt + 1]! : join(repoRoot, 'dist/chrome');
    await libraryPaintTrace(dir, { articles, out: argv[traceAt + 1]!, minMs: arg('--min-ms', 0.8), log });
    return { figures: {}, status: 0 };
  }
  if (argv.includes('--paint-only')) {
    // Only the first rows (no search text): for working on the first paint.
    const p = await libraryPaintBench(repoRoot, { articles, runs: arg('--runs', 7), paintOnly: true, log: (m) => log(`library: ${m}`) });
    log(`library: first 50 rows painted at ${p.rowsMs.join(', ')} ms from navigation start, median ${p.medianRowsMs} ms; load average ${p.loadAverage.join(' ')}`);
    return { figures: { 'library.firstRowsMedianMs': p.medianRowsMs }, status: p.medianRowsMs < 200 ? 0 : 1 };
  }
  const size = await librarySizeBench(repoRoot);
  log(`library: saved article size ${size.savedBytes} B vs page ${size.pageHtmlBytes} B HTML + ${size.pageImageBytes} B images → ratio ${size.ratio} (target ≤ 0.5); ${size.savedImages} images saved`);
  const s = librarySearchBench({ articles, queries: arg('--queries', 200), log: (m) => log(`library: ${m}`) });
  log(`library: search over ${s.articles} articles (${s.words} words): median ${s.medianMs} ms (CPU ${s.medianCpuMs} ms), p95 ${s.p95Ms} ms over ${s.queries} queries (target median < 50 ms); median hits ${s.medianHits}, ${s.zeroHitQueries} queries without hits; queries with a typo: median ${s.typoMedianMs} ms, p95 ${s.typoP95Ms} ms`);
  log(`library: search index for ${s.articles} articles, in Node: assembled from stored postings in ${s.indexReadyMs} ms, from its snapshot in ${s.indexFromSnapshotMs} ms (no tokenising on open); postings cost ${s.postingsMsPerArticle} ms per article when saved`);
  const p = await libraryPaintBench(repoRoot, { articles, runs: arg('--runs', 7), postings: s.records, query: s.sampleQuery, log: (m) => log(`library: ${m}`) });
  log(`library: library.html in Chromium with ${p.articles} articles: first 50 rows painted at ${p.rowsMs.join(', ')} ms from navigation start, median ${p.medianRowsMs} ms (target < 200 ms); whole list loaded at median ${p.medianAllMs} ms; search index ready after the search box is focused: ${p.indexAssembleMs} ms with no snapshot (all postings read and assembled), then ${p.indexReadyMs.slice(1).join(', ')} ms from the stored snapshot (median ${p.indexFromSnapshotMs} ms); load average ${p.loadAverage.join(' ')}`);
  log(`library: a query ("${s.sampleQuery}") typed as the page opens: first results after ${p.firstAnswerMs.join(', ')} ms (median ${p.medianFirstAnswerMs} ms; ${p.firstAnswerPartial.filter(Boolean).length} of ${p.firstAnswerMs.length} from the partial index), results from the whole index after ${p.wholeAnswerMs.join(', ')} ms`);
  log(`library: load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  return {
    figures: {
      'library.savedSizeReduction': Number((1 - size.ratio).toFixed(3)),
      'library.searchMedianMs': s.medianMs,
      'library.searchMedianCpuMs': s.medianCpuMs,
      'library.postingsPerArticleMs': s.postingsMsPerArticle,
      'library.indexAssembleMs': s.indexReadyMs,
      'library.indexFromSnapshotMs': s.indexFromSnapshotMs,
      'library.indexAssembleBrowserMs': p.indexAssembleMs,
      'library.indexFromSnapshotBrowserMs': p.indexFromSnapshotMs,
      'library.firstRowsMedianMs': p.medianRowsMs,
      'library.firstAnswerMedianMs': p.medianFirstAnswerMs,
      'library.typoSearchP95Ms': s.typoP95Ms,
      'library.allEntriesMedianMs': p.medianAllMs,
    },
    status: size.ratio <= 0.5 && s.medianMs < 50 && p.medianRowsMs < 200 ? 0 : 1,
  };
}
