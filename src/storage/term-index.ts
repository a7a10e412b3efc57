/**
 * The library's in-memory search index, assembled from stored per-article postings
 * (postings.ts) without tokenising anything: a sorted vocabulary and one flat array of postings
 * per term (compressed-row layout in typed arrays), so 10,000 articles make a few dozen
 * allocations instead of millions of Map entries. Articles changed after assembly go to a small
 * overlay; a removed article is only marked dead. Prefix and typo lookups run over the sorted
 * vocabulary (binary search; bounded edit distance behind a letter-set filter).
 *
 * Why not MiniSearch, which the library used before: measured on 1,000 generated articles
 * (2 cores, load 6), its add took 26.7 s and its JSON serialisation 55 s, both paid again on
 * every open where the library had changed; tokenising the same articles took 5.2 s (paid
 * once here, at save time) and assembling this index from the stored postings takes well under
 * a second (bench: library.indexReadyMs).
 */
import { articlePostings, FIELDS, type TermsRecord } from './postings.js';
import type { SearchDoc } from './text-terms.js';

const FIELD_COUNT = FIELDS.length;

/** A typed array that grows by doubling (Uint32Array or Uint8Array, by the factory given). */
class Growable<A extends Uint32Array | Uint8Array> {
  data: A;
  length = 0;
  constructor(
    private readonly make: (size: number) => A,
    capacity = 1024,
  ) {
    this.data = make(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

const u32 = (size: number): Uint32Array => new Uint32Array(size);
const u8 = (size: number): Uint8Array => new Uint8Array(size);

/** A 32-bit set of the term's letters (hashed): an edit changes at most two bits of it. */
function letterMask(term: string): number {
  let m = 0;
  for (let i = 0; i < term.length; i++) m |= 1 << (term.charCodeAt(i) & 31);
  return m >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// Scratch rows for boundedDistance, grown as needed (typo lookups call it thousands of times).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance of a and b if it is at most max, else max + 1. Only the band of cells
 * within `max` of the diagonal can hold a value ≤ max, so only those are computed.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  const big = max + 1;
  if (Math.abs(m - n) > max) return big;
  if (rowA.length < n + 2) {
    rowA = new Int32Array(2 * n + 2);
    rowB = new Int32Array(2 * n + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    // The cell left of the band: column 0 holds i; anything further off the diagonal is out of bounds.
    const edge = lo === 1 ? Math.min(i, big) : big;
    cur[lo - 1] = edge;
    let rowMin = edge;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < v) v = up;
      const left = cur[j - 1]! + 1;
      if (left < v) v = left;
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The cell right of the band is read by the next row as "above": out of bounds.
    if (hi < n) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return Math.min(prev[n]!, big);
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An assembled index as stored, in two parts so that a search can start before all of it is
 * read: a head (the articles) and chunks, each a run of the sorted vocabulary with its
 * postings (about the same number of postings each). IndexedDB clones typed arrays as bytes, so
 * reading one back is a copy, not a rebuild. Terms and URLs never contain a newline, so each
 * vocabulary is one string.
 */
export interface SnapshotHead {
  urls: string[];
  /** Per-field lengths, FIELDS.length per article. */
  lengths: Uint32Array;
  /** The first term of each chunk: chunk i holds the terms from firsts[i] up to firsts[i + 1]. */
  firsts: string[];
}

export interface SnapshotChunk {
  vocab: string;
  /** Where each term's postings start in docs/freqs (one more entry than terms; the first is 0). */
  offsets: Uint32Array;
  /** 16-bit while the library has fewer than 65,536 articles: the largest array, halved. */
  docs: Uint32Array | Uint16Array;
  freqs: Uint8Array;
  /** Each term's letter mask (kept so a load need not compute them again). */
  masks: Uint32Array;
}

/** Which chunks a lookup of `terms` (exact) and `prefix` (every term it begins) needs. */
export function chunksFor(firsts: string[], terms: string[], prefix: string | null): number[] {
  const need = new Set<number>();
  // The chunk holding `term`, if any: the last one whose first term is not after it.
  const at = (term: string) => {
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid]! <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  for (const t of terms) {
    const i = at(t);
    if (i >= 0) need.add(i);
  }
  if (prefix !== null) {
    const end = prefix + '\uffff';
    for (let i = Math.max(0, at(prefix)); i < firsts.length && firsts[i]! < end; i++) need.add(i);
  }
  return [...need].sort((a, b) => a - b);
}

/** Called for each posting of a term: the document and its packed per-field counts. */
export type PostingVisitor = (doc: number, packed: number) => void;

export class TermIndex {
  // The assembled part: vocabulary (sorted) and, per term, its postings in doc order.
  private vocab: string[] = [];
  private offsets: Uint32Array = new Uint32Array(1);
  private postDocs: Uint32Array | Uint16Array = new Uint32Array(0);
  private postFreqs: Uint8Array = new Uint8Array(0);
  private masks: Uint32Array = new Uint32Array(0);
  // For typo lookups: term ids grouped by length (built on first use; see similarTerms).
  private byLength: { ids: Uint32Array; starts: Uint32Array } | null = null;
  // Articles added after assembly: term → [doc, packed, doc, packed, …].
  private overlay = new Map<string, number[]>();
  private overlaySorted: string[] | null = null;
  // Documents: id → url, per-field lengths, alive.
  private urls: string[] = [];
  private ids = new Map<string, number>();
  private lengths: number[] = [];
  private alive: boolean[] = [];
  private lengthSums = new Array<number>(FIELD_COUNT).fill(0);
  private live = 0;
  /** False for an index of only some snapshot chunks (see fromSnapshot). */
  complete = true;

  /** Assembles an index from stored postings (see IndexBuilder for doing it in slices). */
  static fromRecords(records: Iterable<TermsRecord>): TermIndex {
    const builder = new IndexBuilder();
    builder.push(records);
    return builder.finish();
  }

  /**
   * An index from a stored head and chunks (see snapshot()). Given only some of the chunks (in
   * order), it is a partial index: exact and prefix lookups inside those chunks are complete,
   * but typo lookups would miss the terms of the chunks not read, so `complete` is false and
   * search() skips them.
   */
  static fromSnapshot(head: Pick<SnapshotHead, 'urls' | 'lengths'>, chunks: SnapshotChunk[], complete = true): TermIndex {
    const vocab: string[] = [];
    let postings = 0;
    for (const c of chunks) postings += c.docs.length;
    const wide = chunks.some((c) => c.docs instanceof Uint32Array);
    const docs = wide ? new Uint32Array(postings) : new Uint16Array(postings);
    const freqs = new Uint8Array(postings);
    const terms = chunks.reduce((n, c) => n + c.offsets.length - 1, 0);
    const offsets = new Uint32Array(terms + 1);
    const masks = new Uint32Array(terms);
    let t = 0;
    let p = 0;
    for (const c of chunks) {
      const words = c.vocab ? c.vocab.split('\n') : [];
      for (const w of words) vocab.push(w);
      for (let i = 0; i < words.length; i++) offsets[t + i + 1] = p + c.offsets[i + 1]!;
      masks.set(c.masks.length === words.length ? c.masks : Uint32Array.from(words, letterMask), t);
      docs.set(c.docs, p);
      freqs.set(c.freqs, p);
      t += words.length;
      p += c.docs.length;
    }
    const ix = TermIndex.assemble({ vocab, offsets, docs, freqs, urls: head.urls, lengths: head.lengths, masks });
    ix.complete = complete;
    return ix;
  }

  /**
   * The index as stored, its postings cut into chunks of about `chunkPostings` each; only for an
   * index fresh from assembly (no overlay, nothing removed).
   */
  snapshot(chunkPostings = 1 << 18): { head: SnapshotHead; chunks: SnapshotChunk[] } | null {
    if (this.overlay.size || this.live !== this.urls.length) return null;
    const narrow = this.urls.length <= 0xffff;
    const chunks: SnapshotChunk[] = [];
    const firsts: string[] = [];
    for (let from = 0; from < this.vocab.length; ) {
      let to = from + 1;
      while (to < this.vocab.length && this.offsets[to + 1]! - this.offsets[from]! <= chunkPostings) to++;
      const base = this.offsets[from]!;
      const end = this.offsets[to]!;
      const docs = this.postDocs.subarray(base, end);
      firsts.push(this.vocab[from]!);
      chunks.push({
        vocab: this.vocab.slice(from, to).join('\n'),
        offsets: Uint32Array.from(this.offsets.subarray(from, to + 1), (o) => o - base),
        docs: narrow ? Uint16Array.from(docs) : Uint32Array.from(docs),
        freqs: this.postFreqs.slice(base, end),
        masks: this.masks.slice(from, to),
      });
      from = to;
    }
    return { head: { urls: [...this.urls], lengths: Uint32Array.from(this.lengths), firsts }, chunks };
  }

  /** @internal Used by IndexBuilder. */
  static assemble(parts: { vocab: string[]; offsets: Uint32Array; docs: Uint32Array | Uint16Array; freqs: Uint8Array; urls: string[]; lengths: ArrayLike<number>; masks?: Uint32Array }): TermIndex {
    const ix = new TermIndex();
    ix.vocab = parts.vocab;
    ix.offsets = parts.offsets;
    ix.postDocs = parts.docs;
    ix.postFreqs = parts.freqs;
    ix.masks = parts.masks?.length === parts.vocab.length ? parts.masks : Uint32Array.from(parts.vocab, letterMask);
    parts.urls.forEach((url, doc) => {
      ix.urls.push(url);
      ix.ids.set(url, doc);
      ix.alive.push(true);
      for (let f = 0; f < FIELD_COUNT; f++) {
        const len = parts.lengths[doc * FIELD_COUNT + f] ?? 0;
        ix.lengths.push(len);
        ix.lengthSums[f]! += len;
      }
    });
    ix.live = parts.urls.length;
    return ix;
  }

  /** Live (searchable) articles. */
  get documentCount(): number {
    return this.live;
  }

  /** One past the highest document id (for arrays indexed by document). */
  get size(): number {
    return this.urls.length;
  }

  has(url: string): boolean {
    return this.ids.has(url);
  }

  url(doc: number): string {
    return this.urls[doc]!;
  }

  isAlive(doc: number): boolean {
    return this.alive[doc] === true;
  }

  fieldLength(doc: number, f: number): number {
    return this.lengths[doc * FIELD_COUNT + f]!;
  }

  averageFieldLength(f: number): number {
    return this.live ? this.lengthSums[f]! / this.live : 0;
  }

  /** Adds (or replaces) one article from its postings. */
  add(record: TermsRecord): void {
    this.discard(record.url);
    const doc = this.urls.length;
    this.urls.push(record.url);
    this.ids.set(record.url, doc);
    this.alive.push(true);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const len = record.lengths[f] ?? 0;
      this.lengths.push(len);
      this.lengthSums[f]! += len;
    }
    this.live++;
    if (!record.freqs.length) return;
    record.terms.split('\n').forEach((term, i) => {
      let list = this.overlay.get(term);
      if (!list) {
        list = [];
        this.overlay.set(term, list);
        this.overlaySorted = null;
      }
      list.push(doc, record.freqs[i]!);
    });
  }

  /** Articles given as search text (tests and the benchmark); the library loads stored postings. */
  addAll(docs: SearchDoc[]): void {
    if (this.urls.length === 0) {
      const built = TermIndex.fromRecords(docs.map(articlePostings));
      Object.assign(this, built);
    } else for (const doc of docs) this.add(articlePostings(doc));
  }

  /** Takes an article out (its postings stay, marked dead, until the next assembly). */
  discard(url: string): void {
    const doc = this.ids.get(url);
    if (doc === undefined) return;
    this.ids.delete(url);
    if (!this.alive[doc]) return;
    this.alive[doc] = false;
    for (let f = 0; f < FIELD_COUNT; f++) this.lengthSums[f]! -= this.lengths[doc * FIELD_COUNT + f]!;
    this.live--;
  }

  /** Visits every posting of `term` (live or dead: the caller checks isAlive). */
  forEachPosting(term: string, visit: PostingVisitor): void {
    const at = this.termId(term);
    if (at >= 0) {
      for (let p = this.offsets[at]!, end = this.offsets[at + 1]!; p < end; p++) visit(this.postDocs[p]!, this.postFreqs[p]!);
    }
    const extra = this.overlay.get(term);
    if (extra) for (let i = 0; i < extra.length; i += 2) visit(extra[i]!, extra[i + 1]!);
  }

  /** How many articles (live or not) contain `term`: a cheap popularity measure. */
  postingCount(term: string): number {
    const at = this.termId(term);
    return (at >= 0 ? this.offsets[at + 1]! - this.offsets[at]! : 0) + (this.overlay.get(term)?.length ?? 0) / 2;
  }

  /** Every term that begins with `prefix` (the prefix itself included when it is a term). */
  termsWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = lowerBound(this.vocab, prefix); i < this.vocab.length && this.vocab[i]!.startsWith(prefix); i++) out.push(this.vocab[i]!);
    for (const t of this.overlayTerms()) if (t.startsWith(prefix) && this.termId(t) < 0) out.push(t);
    return out;
  }

  hasPrefix(prefix: string): boolean {
    const i = lowerBound(this.vocab, prefix);
    if (i < this.vocab.length && this.vocab[i]!.startsWith(prefix)) return true;
    const o = this.overlayTerms();
    const j = lowerBound(o, prefix);
    return j < o.length && o[j]!.startsWith(prefix);
  }

  /**
   * Terms within `maxDistance` edits of `term` (itself excluded), with their distance. Only
   * terms whose length is within `maxDistance` of the word's can qualify, so only those length
   * buckets are visited; of them, only terms whose letter set differs from the word's in at
   * most 2 bits per edit reach the (banded) edit distance. Both filters are exact: the result is
   * that of comparing every term (tests/unit/storage/search.test.ts checks it on a sample).
   */
  similarTerms(term: string, maxDistance: number): [string, number][] {
    const mask = letterMask(term);
    const out: [string, number][] = [];
    const consider = (t: string, m: number) => {
      if (t === term || popcount(m ^ mask) > 2 * maxDistance) return;
      const d = boundedDistance(term, t, maxDistance);
      if (d <= maxDistance) out.push([t, d]);
    };
    const { ids, starts } = this.lengthBuckets();
    const last = starts.length - 2;
    const from = Math.min(last, Math.max(0, term.length - maxDistance));
    const to = Math.min(last, term.length + maxDistance);
    for (let len = from; len <= to; len++) {
      for (let k = starts[len]!, end = starts[len + 1]!; k < end; k++) {
        const id = ids[k]!;
        consider(this.vocab[id]!, this.masks[id]!);
      }
    }
    for (const t of this.overlayTerms()) if (Math.abs(t.length - term.length) <= maxDistance && this.termId(t) < 0) consider(t, letterMask(t));
    return out;
  }

  /** Term ids grouped by length (a counting sort, O(vocabulary)); lengths past 64 share the last bucket. */
  private lengthBuckets(): { ids: Uint32Array; starts: Uint32Array } {
    if (this.byLength) return this.byLength;
    const cap = 64;
    const starts = new Uint32Array(cap + 2);
    for (const t of this.vocab) starts[Math.min(t.length, cap) + 1]!++;
    for (let len = 0; len <= cap; len++) starts[len + 1]! += starts[len]!;
    const fill = starts.slice(0, cap + 1);
    const ids = new Uint32Array(this.vocab.length);
    this.vocab.forEach((t, id) => (ids[fill[Math.min(t.length, cap)]!++] = id));
    this.byLength = { ids, starts };
    return this.byLength;
  }

  private termId(term: string): number {
    const i = lowerBound(this.vocab, term);
    return i < this.vocab.length && this.vocab[i] === term ? i : -1;
  }

  private overlayTerms(): string[] {
    if (!this.overlaySorted) this.overlaySorted = [...this.overlay.keys()].sort();
    return this.overlaySorted;
  }
}

/**
 * Assembles a TermIndex from postings given in slices (as they are read from IndexedDB), so
 * the reading can yield to the page between slices. Terms are numbered as they come, then
 * sorted once, and the postings laid out per term with a counting sort.
 */
export class IndexBuilder {
  private termIds = new Map<string, number>();
  private termOf = new Growable(u32, 1 << 16);
  private docOf = new Growable(u32, 1 << 16);
  private freqOf = new Growable(u8, 1 << 16);
  private urls: string[] = [];
  private lengths: number[] = [];

  push(records: Iterable<TermsRecord>): void {
    for (const record of records) {
      const doc = this.urls.length;
      this.urls.push(record.url);
      for (let f = 0; f < FIELD_COUNT; f++) this.lengths.push(record.lengths[f] ?? 0);
      if (!record.freqs.length) continue;
      const terms = record.terms.split('\n');
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i]!;
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(term, id);
        }
        this.termOf.push(id);
        this.docOf.push(doc);
        this.freqOf.push(record.freqs[i]!);
      }
    }
  }

  get articles(): number {
    return this.urls.length;
  }

  finish(): TermIndex {
    const vocab = [...this.termIds.keys()];
    const byText = Uint32Array.from(vocab.keys()).sort((a, b) => (vocab[a]! < vocab[b]! ? -1 : vocab[a]! > vocab[b]! ? 1 : 0));
    const rank = new Uint32Array(vocab.length);
    byText.forEach((id, r) => (rank[id] = r));
    const n = this.termOf.length;
    const offsets = new Uint32Array(vocab.length + 1);
    for (let p = 0; p < n; p++) offsets[rank[this.termOf.data[p]!]! + 1]!++;
    for (let r = 0; r < vocab.length; r++) offsets[r + 1]! += offsets[r]!;
    const fill = offsets.slice(0, vocab.length);
    const docs = new Uint32Array(n);
    const freqs = new Uint8Array(n);
    for (let p = 0; p < n; p++) {
      const at = fill[rank[this.termOf.data[p]!]!]!++;
      docs[at] = this.docOf.data[p]!;
      freqs[at] = this.freqOf.data[p]!;
    }
    return TermIndex.assemble({ vocab: Array.from(byText, (id) => vocab[id]!), offsets, docs, freqs, urls: this.urls, lengths: this.lengths });
  }
}
