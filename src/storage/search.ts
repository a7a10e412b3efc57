/**
 * Full-text search over the library: prefix (last word, as you type) and fuzzy matching, every
 * query word required, BM25+ ranking with field boosts; highlighting and snippets. Terms come
 * from text-terms.ts (normalisation, CJK bigrams); the index is term-index.ts, assembled from
 * the per-article postings of postings.ts.
 */
import { fieldFreq, FIELDS } from './postings.js';
import { TermIndex } from './term-index.js';
import { CJK_RUN, normalizeText, TOKEN, tokenize } from './text-terms.js';

export { normalizeText, tokenize, tokenizeForIndex, type SearchDoc } from './text-terms.js';

/** An empty index; `addAll` indexes articles given as search text. */
export function createIndex(): TermIndex {
  return new TermIndex();
}

export interface Hit {
  url: string;
  score: number;
  /** The document terms that matched, for highlighting. */
  terms: string[];
}

const MAX_PREFIX_TERMS = 24;
const MAX_FUZZY_TERMS = 8;

/**
 * The words a query word stands for: itself; for the last word, the most frequent words it
 * begins (as you type); for a longer word the library does not contain, the most frequent close
 * spellings (typos). Bounding both keeps a search fast on a large library: a short prefix may
 * begin thousands of words.
 */
function expand(index: TermIndex, term: string, last: boolean, weights: Map<string, number>): string[] {
  const out = [term];
  weights.set(term, Math.max(weights.get(term) ?? 0, 1));
  if (CJK_RUN.test(term)) return out;
  if (last && term.length >= 3) {
    const found = index.termsWithPrefix(term).filter((t) => t !== term).map((t) => [t, index.postingCount(t)] as const);
    found.sort((a, b) => b[1] - a[1]);
    for (const [t] of found.slice(0, MAX_PREFIX_TERMS)) {
      out.push(t);
      weights.set(t, Math.max(weights.get(t) ?? 0, 0.7 * (term.length / t.length) + 0.2));
    }
  }
  // Typos: only when the word is not in the library at all (looking up close spellings in a
  // large vocabulary is the slowest step of a search, and a known word needs none), and only
  // with the whole vocabulary at hand (a partial index, read while the index loads, has not).
  if (index.complete && term.length >= 5 && out.length === 1 && !index.hasPrefix(term)) {
    const maxDistance = term.length >= 9 ? 2 : 1;
    const found = index.similarTerms(term, maxDistance).map(([t, d]) => [t, d, index.postingCount(t)] as const);
    found.sort((a, b) => a[1] - b[1] || b[2] - a[2]);
    for (const [t, d] of found.slice(0, MAX_FUZZY_TERMS)) {
      out.push(t);
      weights.set(t, Math.max(weights.get(t) ?? 0, 0.45 / d));
    }
  }
  return out;
}

const FIELD_BOOST: Record<string, number> = { title: 3, tags: 2, siteName: 1.5, text: 1 };
const BOOSTS = FIELDS.map((f) => FIELD_BOOST[f] ?? 1);
// BM25+ with MiniSearch's defaults (the formula this library used from the start).
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * Searches with every query word required (AND) and each word standing for its expansions (OR),
 * ranked by BM25+ per field with field boosts, scored over typed arrays.
 */
export function search(index: TermIndex, query: string, limit = 200): Hit[] {
  const terms = [...new Set(tokenize(query))];
  if (!terms.length) return [];
  const weights = new Map<string, number>();
  const groups = terms.map((t, i) => expand(index, t, i === terms.length - 1, weights));
  const size = index.size;
  const score = new Float64Array(size);
  const groupsMatched = new Uint16Array(size);
  const n = index.documentCount;
  const avg = FIELDS.map((_, f) => index.averageFieldLength(f) || 1);
  const df = new Array<number>(FIELDS.length);
  const fb = new Array<number>(FIELDS.length);
  for (const group of groups) {
    const seen = new Uint8Array(size);
    for (const term of group) {
      df.fill(0);
      index.forEachPosting(term, (doc, packed) => {
        if (!index.isAlive(doc)) return;
        for (let f = 0; f < FIELDS.length; f++) if (fieldFreq(packed, f)) df[f]!++;
      });
      const w = weights.get(term) ?? 1;
      for (let f = 0; f < FIELDS.length; f++) fb[f] = BOOSTS[f]! * w * Math.log(1 + (n - df[f]! + 0.5) / (df[f]! + 0.5));
      index.forEachPosting(term, (doc, packed) => {
        if (!index.isAlive(doc)) return;
        let s = 0;
        for (let f = 0; f < FIELDS.length; f++) {
          const tf = fieldFreq(packed, f);
          if (!tf) continue;
          const len = index.fieldLength(doc, f);
          s += fb[f]! * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * len) / avg[f]!)));
        }
        score[doc] = score[doc]! + s;
        if (!seen[doc]) {
          seen[doc] = 1;
          groupsMatched[doc] = groupsMatched[doc]! + 1;
        }
      });
    }
  }
  const want = groups.length;
  const found: number[] = [];
  for (let doc = 0; doc < size; doc++) if (groupsMatched[doc] === want) found.push(doc);
  found.sort((a, b) => score[b]! - score[a]!);
  const top = found.slice(0, limit);
  // The terms each result matched, for highlighting: one more pass over the postings.
  const rank = new Int32Array(size).fill(-1);
  top.forEach((doc, r) => (rank[doc] = r));
  const matched: string[][] = top.map(() => []);
  for (const t of new Set(groups.flat())) {
    index.forEachPosting(t, (doc) => {
      const r = rank[doc]!;
      if (r >= 0 && matched[r]!.at(-1) !== t) matched[r]!.push(t);
    });
  }
  return top.map((doc, r) => ({ url: index.url(doc), score: score[doc]!, terms: matched[r]! }));
}

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits `text` into plain and highlighted segments: a word is highlighted when its normalised
 * form is (or, for the typed prefix, starts with) a matched term; CJK runs by matched bigram.
 */
export function highlight(text: string, terms: string[]): Segment[] {
  if (!terms.length) return [{ text, hit: false }];
  const set = new Set(terms);
  const cjkTerms = terms.filter((t) => CJK_RUN.test(t));
  const marks: [number, number][] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index!;
    const norm = normalizeText(m[0]);
    if (set.has(norm)) {
      marks.push([start, start + m[0].length]);
      continue;
    }
    if (!cjkTerms.length) continue;
    // Character-by-character within CJK runs (normalisation keeps their length).
    const chars = [...m[0]];
    let offset = start;
    const offsets = chars.map((c) => {
      const o = offset;
      offset += c.length;
      return o;
    });
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = normalizeText(chars[i]! + chars[i + 1]!);
      if (set.has(pair)) marks.push([offsets[i]!, offsets[i + 1]! + chars[i + 1]!.length]);
    }
  }
  if (!marks.length) return [{ text, hit: false }];
  marks.sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let at = 0;
  for (const [s, e] of marks) {
    const from = Math.max(s, at);
    if (e <= from) continue;
    if (from > at) segments.push({ text: text.slice(at, from), hit: false });
    const last = segments[segments.length - 1];
    if (last?.hit && from === at) last.text += text.slice(from, e);
    else segments.push({ text: text.slice(from, e), hit: true });
    at = e;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}

/** A short passage around the first match, highlighted. */
export function snippet(text: string, terms: string[], radius = 90): Segment[] {
  const all = highlight(text, terms);
  let pos = 0;
  let first = -1;
  for (const s of all) {
    if (s.hit) {
      first = pos;
      break;
    }
    pos += s.text.length;
  }
  if (first < 0) return [{ text: text.slice(0, radius * 2) + (text.length > radius * 2 ? '…' : ''), hit: false }];
  const from = Math.max(0, first - radius);
  const to = Math.min(text.length, first + radius);
  return highlight((from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : ''), terms);
}
