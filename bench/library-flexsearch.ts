/**
 * The library's own search index against FlexSearch, side by side in Node on the library
 * benchmark's generated articles (`node bench/library-flexsearch.mjs [--articles N] [--queries N]`,
 * FlexSearch installed apart: `npm install --no-save flexsearch`, or FLEXSEARCH=path/to/its
 * module). FlexSearch is not a dependency; this measures whether it should be.
 *
 * Both get the same text and the same normalisation (FlexSearch's encoder is handed
 * normalizeText, so case, diacritics, ی/ي, ک/ك and ZWNJ fold alike, and CJK runs become the
 * same bigrams). Per index: build time, exported size, load (import) time, query median and p95
 * over the benchmark's query mix, and what each can do on a few hand-made articles (prefix,
 * typo, diacritics, Persian letter variants and ZWNJ, CJK, Cyrillic).
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { articlePostings } from '../src/storage/postings.js';
import { search, type SearchDoc } from '../src/storage/search.js';
import { TermIndex } from '../src/storage/term-index.js';
import { normalizeText, tokenize } from '../src/storage/text-terms.js';
import { generateLibrary, median, queries } from './library.js';

const FIELDS = ['title', 'siteName', 'text', 'tags'] as const;

interface Engine {
  name: string;
  build(docs: SearchDoc[]): Promise<void>;
  /** Serialised index, as strings and typed arrays. */
  exportIndex(): Promise<{ bytes: number; load: () => Promise<void> }>;
  search(q: string): string[];
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function ours(): Engine {
  let index = new TermIndex();
  return {
    name: 'ours (term-index.ts)',
    async build(docs) {
      index = TermIndex.fromRecords(docs.map(articlePostings));
    },
    async exportIndex() {
      const snap = index.snapshot()!;
      let bytes = utf8(JSON.stringify(snap.head.urls)) + snap.head.lengths.byteLength + utf8(snap.head.firsts.join('\n'));
      for (const c of snap.chunks) bytes += utf8(c.vocab) + c.offsets.byteLength + c.docs.byteLength + c.freqs.byteLength + c.masks.byteLength;
      // As IndexedDB hands it back: a structured clone (copied before the clock starts, as the library bench does).
      const stored = structuredClone(snap);
      return { bytes, load: async () => void (index = TermIndex.fromSnapshot(stored.head, stored.chunks)) };
    },
    search: (q) => search(index, q, 200).map((h) => h.url),
  };
}

/** FlexSearch's Document index over the four fields, forward (prefix) tokenising. */
function flex(FlexSearch: FlexModule, fuzzy: boolean): Engine {
  const make = () =>
    new FlexSearch.Document({
      document: { id: 'id', index: [...FIELDS] },
      tokenize: 'forward',
      // Our normalisation and tokens (so both index the same terms); FlexSearch's own Latin
      // phonetic folding on top when `fuzzy` (its typo tolerance; it has no edit distance).
      encoder: new FlexSearch.Encoder({
        ...(fuzzy ? FlexSearch.Charset.LatinBalance : {}),
        normalize: false,
        dedupe: false,
        // Folded before FlexSearch splits (it splits at ZWNJ); CJK runs into bigrams after.
        prepare: normalizeText,
        finalize: (terms: string[]) => terms.flatMap((t) => tokenize(t)),
      }),
      cache: false,
    });
  let index = make();
  let urls: string[] = [];
  return {
    name: `FlexSearch ${FlexSearch.version ?? ''} (Document, forward${fuzzy ? ', LatinBalance' : ''})`,
    async build(docs) {
      index = make();
      urls = docs.map((d) => d.url);
      docs.forEach((d, id) => index.add({ id, title: d.title, siteName: d.siteName, text: d.text, tags: d.tags.join(' ') }));
    },
    async exportIndex() {
      const parts: [string, string][] = [];
      await index.export((key: string, data: string) => void parts.push([key, data]));
      const bytes = parts.reduce((n, [k, d]) => n + utf8(k) + utf8(d ?? ''), 0);
      return {
        bytes,
        load: async () => {
          index = make();
          for (const [k, d] of parts) await index.import(k, d);
        },
      };
    },
    search(q) {
      const res = index.search(normalizeQuery(q), { limit: 200, merge: true }) as { id: number }[];
      return res.map((r) => urls[r.id]!);
    },
  };
}

/** FlexSearch splits on spaces: the query's terms as ours, joined (AND over them). */
const normalizeQuery = (q: string) => tokenize(q).join(' ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FlexModule = any;

/** A few hand-made articles and queries for what each index can find. */
const CAPABILITY_DOCS: SearchDoc[] = [
  { url: 'fr', title: 'Le café de la gare', siteName: 'fr.test', text: 'Un café crème près de la gare, élégant.', tags: [] },
  { url: 'fa', title: 'کتابخانه‌ها باز شدند', siteName: 'fa.test', text: 'مردم می‌خواهند کتاب بخوانند.', tags: [] },
  { url: 'zh', title: '大学图书馆', siteName: 'zh.test', text: '我们在北京大学学习中文。', tags: [] },
  { url: 'ru', title: 'Москва-река', siteName: 'ru.test', text: 'Наводнение в Москве: уровень реки растёт.', tags: [] },
  { url: 'en', title: 'River towns brace for the flood', siteName: 'en.test', text: 'Engineers reinforced the levee with sandbags overnight.', tags: [] },
];
const CAPABILITIES: [string, string, string][] = [
  ['prefix', 'sandb', 'en'],
  ['typo (one letter dropped)', 'enginers', 'en'],
  ['typo (letters swapped)', 'levee sadnbags', 'en'],
  ['case and diacritics', 'CAFE creme', 'fr'],
  ['ی/ي, ک/ك and ZWNJ', 'كتابخانهها', 'fa'],
  ['ی/ي and ZWNJ', 'ميخواهند', 'fa'],
  ['words from the title and the body together', 'flood levee', 'en'],
  ['CJK inside a run', '北京', 'zh'],
  ['Cyrillic, ё, prefix', 'растет МОСКВ', 'ru'],
  ['prefix of a word not typed last', 'МОСКВ растет', 'ru'],
];

export async function flexsearchCompare(options: { articles?: number; queries?: number; rounds?: number; modulePath?: string; log?: (s: string) => void } = {}): Promise<void> {
  const log = options.log ?? console.log;
  const FlexSearch: FlexModule = await import(options.modulePath ?? 'flexsearch').then((m) => m.default ?? m);
  const engines = [ours(), flex(FlexSearch, false), flex(FlexSearch, true)];
  log(`capabilities (hand-made articles; ✓ = the right article found):`);
  for (const e of engines) {
    await e.build(CAPABILITY_DOCS);
    log(`  ${e.name}: ${CAPABILITIES.map(([what, q, want]) => `${what} ${e.search(q).includes(want) ? '✓' : '✗'}`).join('; ')}`);
  }
  const articles = options.articles ?? 10000;
  const lib = generateLibrary(articles, 1500);
  const qs = queries(lib.vocab, options.queries ?? 200);
  log(`generated ${articles} articles; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const e of engines) {
    if (global.gc) global.gc();
    const t0 = performance.now();
    await e.build(lib.docs);
    const buildMs = performance.now() - t0;
    const exported = await e.exportIndex();
    const t1 = performance.now();
    await exported.load();
    const loadMs = performance.now() - t1;
    for (const q of qs.slice(0, 10)) e.search(q);
    const times: number[] = [];
    const hits: number[] = [];
    const typo: number[] = [];
    for (const [i, q] of qs.entries()) {
      const s = performance.now();
      const r = e.search(q);
      times.push(performance.now() - s);
      hits.push(r.length);
      if (i % 10 === 3) typo.push(r.length);
    }
    log(`${e.name}: build ${Math.round(buildMs)} ms; export ${(exported.bytes / 1048576).toFixed(1)} MB; load ${Math.round(loadMs)} ms; query median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms over ${qs.length} queries; median hits ${median(hits)}, queries without hits ${hits.filter((h) => !h).length}, typo queries with hits ${typo.filter(Boolean).length}/${typo.length}; heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
}
