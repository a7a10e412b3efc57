import { describe, expect, it, vi } from 'vitest';
import { createIndex, highlight, normalizeText, search, snippet, tokenize, type SearchDoc } from '../../../src/storage/search.js';
import { articlePostings } from '../../../src/storage/postings.js';
import { boundedDistance, chunksFor, TermIndex } from '../../../src/storage/term-index.js';

const docs: SearchDoc[] = [
  { url: 'en', title: 'Café owners protest new licensing rules', siteName: 'News Test', text: 'Owners of cafés gathered outside the ministry on Tuesday.', tags: ['economy'] },
  { url: 'fa', title: 'کتابخانه‌ها در تهران', siteName: 'خبر', text: 'مردم می‌خواهند کتاب بخوانند و کتابخانه را ببینند.', tags: [] },
  { url: 'ar', title: 'مكتبة المدينة', siteName: 'الأخبار', text: 'قال مسؤولون إن المكتبة ستفتح يوم الأحد.', tags: [] },
  { url: 'zh', title: '北京图书馆重新开放', siteName: '新闻', text: '市民周末可以前往图书馆借阅书籍。', tags: [] },
  { url: 'ja', title: '東京で大雨', siteName: 'ニュース', text: '気象庁は東京都内に大雨警報を発表した。', tags: [] },
  { url: 'ru', title: 'Новости Москвы', siteName: 'Новости', text: 'Власти объявили о закрытии ёлочного базара.', tags: ['город'] },
];

function index() {
  const ix = createIndex();
  ix.addAll(docs);
  return ix;
}
const urls = (q: string) => search(index(), q).map((h) => h.url);

describe('library search', () => {
  it('folds case and diacritics, matches prefixes and typos', () => {
    expect(urls('CAFE')).toEqual(['en']);
    expect(urls('caf')).toEqual(['en']);
    expect(urls('licensng')).toEqual(['en']);
    expect(urls('ministry tues')).toEqual(['en']);
  });

  it('treats Persian and Arabic letter variants and ZWNJ as the same', () => {
    expect(normalizeText('كتاب')).toBe(normalizeText('کتاب'));
    expect(normalizeText('يوم')).toBe(normalizeText('یوم'));
    expect(urls('ميخواهند')).toEqual(['fa']);
    expect(urls('می‌خواهند')).toEqual(['fa']);
    expect(urls('كتابخانه')).toEqual(['fa']);
    expect(urls('مکتبة')).toEqual(['ar']);
    expect(urls('يوم الاحد')).toEqual(['ar']);
  });

  it('finds CJK words inside unspaced text', () => {
    expect(urls('图书馆')).toEqual(['zh']);
    expect(urls('借阅')).toEqual(['zh']);
    expect(urls('大雨')).toEqual(['ja']);
    expect(urls('警報')).toEqual(['ja']);
    expect(tokenize('東京2026')).toEqual(['東京', '2026']);
  });

  it('searches Cyrillic, with ё = е', () => {
    expect(urls('москвы')).toEqual(['ru']);
    expect(urls('елочного')).toEqual(['ru']);
    expect(urls('город')).toEqual(['ru']);
  });

  it('highlights what matched, in the original text', () => {
    const [hit] = search(index(), 'cafe owners');
    const segs = highlight(docs[0]!.title, hit!.terms);
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['Café', 'owners']);
    const [zh] = search(index(), '图书馆');
    expect(highlight(docs[3]!.title, zh!.terms).filter((s) => s.hit).map((s) => s.text)).toEqual(['图书馆']);
    const [fa] = search(index(), 'ميخواهند');
    expect(snippet(docs[1]!.text, fa!.terms).filter((s) => s.hit).map((s) => s.text)).toEqual(['می‌خواهند']);
  });

  it('assembles the same index from stored postings (cloned as IndexedDB stores them)', () => {
    const ix = TermIndex.fromRecords(docs.map((d) => structuredClone(articlePostings(d))));
    expect(search(ix, 'tehran').length).toBe(0);
    expect(search(ix, 'تهران').map((h) => h.url)).toEqual(['fa']);
    for (const q of ['cafe owners', 'caf', 'licensng', '图书馆', 'елочного', 'ميخواهند']) expect(search(ix, q)).toEqual(search(index(), q));
  });

  it('finds articles added after assembly, and forgets discarded ones', () => {
    const ix = index();
    ix.add(articlePostings({ url: 'late', title: 'Licensing appeal heard', siteName: 'Late News', text: 'The appeal of the licensing board.', tags: [] }));
    expect(search(ix, 'licensing').map((h) => h.url).sort()).toEqual(['en', 'late']);
    expect(search(ix, 'appea').map((h) => h.url)).toEqual(['late']); // prefix in the added part
    expect(search(ix, 'apeal').map((h) => h.url)).toEqual(['late']); // typo in the added part
    ix.discard('en');
    expect(search(ix, 'licensing').map((h) => h.url)).toEqual(['late']);
    expect(ix.documentCount).toBe(docs.length);
    ix.add(articlePostings({ ...docs[0]!, tags: ['licensing'] })); // back, re-indexed
    expect(search(ix, 'licensing').map((h) => h.url).sort()).toEqual(['en', 'late']);
  });

  it('stores the index in chunks; the chunks a query needs answer it as the whole index does', () => {
    const ix = TermIndex.fromRecords(docs.map(articlePostings));
    const snap = structuredClone(ix.snapshot(4)!); // 4 postings a chunk: many chunks
    expect(snap.chunks.length).toBeGreaterThan(10);
    const whole = TermIndex.fromSnapshot(snap.head, snap.chunks);
    const queries = ['cafe owners', 'caf', 'licensng', '图书馆', 'елочного', 'ميخواهند', 'owners caf', 'новост', 'الاخبار', 'tuesday'];
    for (const q of queries) expect(search(whole, q), q).toEqual(search(ix, q));
    for (const q of queries.filter((x) => x !== 'licensng')) {
      const terms = [...new Set(tokenize(q))];
      const need = chunksFor(snap.head.firsts, terms, terms.at(-1)!);
      expect(need.length).toBeLessThan(snap.chunks.length);
      const partial = TermIndex.fromSnapshot(snap.head, need.map((i) => snap.chunks[i]!), false);
      expect(search(partial, q), q).toEqual(search(ix, q));
    }
    // A typo needs the whole vocabulary: a partial index does not guess.
    const some = TermIndex.fromSnapshot(snap.head, snap.chunks.slice(0, 3), false);
    expect(search(some, 'licensng')).toEqual([]);
    expect(search(whole, 'licensng').map((h) => h.url)).toEqual(['en']);
  });

  it('counts edits exactly up to the bound', () => {
    expect(boundedDistance('licensing', 'licensng', 2)).toBe(1);
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedDistance('abc', 'abcdef', 2)).toBe(3);
  });

  // A plain full-matrix Levenshtein, the reference the banded, bounded one must agree with.
  const levenshtein = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };
  // Words from few syllables, so that many are a letter or two apart (as the bench's are).
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  const syllables = 'ka ri to men sa lo vi ne da por ел ка کا را 东京'.split(' ');
  const word = (n: number) => Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const typo = (w: string) => {
    const at = Math.floor(random() * w.length);
    const kind = Math.floor(random() * 3);
    return kind === 0 ? w.slice(0, at) + w.slice(at + 1) : kind === 1 ? w.slice(0, at) + 'x' + w.slice(at) : w.slice(0, at) + 'a' + w.slice(at + 1);
  };

  it('bounded distance equals the full Levenshtein distance, capped at the bound', () => {
    for (let i = 0; i < 3000; i++) {
      const a = word(1 + Math.floor(random() * 5));
      const b = random() < 0.5 ? typo(typo(a)) : word(1 + Math.floor(random() * 5));
      const max = Math.floor(random() * 4);
      expect(boundedDistance(a, b, max), `${a} / ${b} / ${max}`).toBe(Math.min(levenshtein(a, b), max + 1));
    }
  });

  it('typo lookups find exactly the terms a scan of the whole vocabulary finds', () => {
    const vocab = [...new Set(Array.from({ length: 2500 }, () => word(2 + Math.floor(random() * 4))))];
    vocab.push('a'.repeat(70), 'a'.repeat(69) + 'b', 'a'.repeat(100)); // past the last length bucket
    const records = [];
    for (let i = 0; i < vocab.length; i += 50) records.push(articlePostings({ url: `doc${i}`, title: '', siteName: '', text: vocab.slice(i, i + 50).join(' '), tags: [] }));
    const ix = TermIndex.fromRecords(records);
    ix.add(articlePostings({ url: 'late', title: '', siteName: '', text: 'karitomenx latecomer', tags: [] })); // overlay terms count too
    const all = ix.termsWithPrefix('');
    const queries = [...Array.from({ length: 120 }, () => typo(vocab[Math.floor(random() * vocab.length)]!)), ...Array.from({ length: 50 }, () => word(3)), 'karitomen', 'a'.repeat(71), 'a'.repeat(99)];
    let found = 0;
    for (const q of queries) {
      const max = q.length >= 9 ? 2 : 1;
      // (A length difference is a lower bound of the distance: skipping those only saves time.)
      const scan = all.filter((t) => t !== q && Math.abs(t.length - q.length) <= max && levenshtein(q, t) <= max).map((t) => [t, levenshtein(q, t)]);
      const got = ix.similarTerms(q, max);
      expect(new Map(got), q).toEqual(new Map(scan as [string, number][]));
      expect(got.length).toBe(scan.length);
      found += got.length;
    }
    expect(found).toBeGreaterThan(100); // the sample does exercise matches, not only misses
  });
});

describe('library search index kept up to date', () => {
  it('re-indexes one article after its tags change, and drops a deleted one, without a rebuild', async () => {
    const { freshDb, article, fakeFetch } = await import('./helpers.js');
    const { saveArticle } = await import('../../../src/storage/save.js');
    const { setTags, trashEntry } = await import('../../../src/storage/library.js');
    const { buildSearchIndex, updateSearchIndex } = await import('../../../src/storage/search-index.js');
    const dbName = freshDb();
    await saveArticle(article(), { dbName, images: { fetchImpl: fakeFetch() } });
    await saveArticle(article({ url: 'https://news.test/other', title: 'Another story', textContent: 'Nothing about rivers', contentHtml: '<p>Nothing about rivers</p>' }), { dbName, images: { fetchImpl: fakeFetch() } });
    const index = await buildSearchIndex({ dbName });
    expect(search(index, 'floodwatch')).toEqual([]);
    await setTags('https://news.test/other', ['floodwatch'], { dbName });
    const add = vi.spyOn(index, 'addAll');
    await updateSearchIndex(index, ['https://news.test/other'], { dbName });
    expect(add).not.toHaveBeenCalled();
    expect(search(index, 'floodwatch').map((h) => h.url)).toEqual(['https://news.test/other']);
    await trashEntry('https://news.test/other', { dbName });
    await updateSearchIndex(index, ['https://news.test/other'], { dbName });
    expect(search(index, 'floodwatch')).toEqual([]);
    expect(index.documentCount).toBe(1);
  });
});

/** A fresh library, and `save(path, text)`: a text-only article at https://news.test/PATH saved into it. */
async function textLibrary() {
  const { freshDb, article, fakeFetch } = await import('./helpers.js');
  const { saveArticle } = await import('../../../src/storage/save.js');
  const dbName = freshDb();
  const save = (path: string, text: string) =>
    saveArticle(article({ url: `https://news.test/${path}`, title: `Story ${path}`, textContent: text, contentHtml: `<p>${text}</p>`, leadImage: null }), { dbName, images: { fetchImpl: fakeFetch() } });
  return { dbName, save };
}

describe('library search index on open', () => {
  it('is read from its stored snapshot, brought up to date with the saves and deletes since', async () => {
    const { dbName, save } = await textLibrary();
    const { deleteEntry } = await import('../../../src/storage/library.js');
    const { buildSearchIndex } = await import('../../../src/storage/search-index.js');
    const { openLibrary } = await import('../../../src/storage/schema.js');
    await save('a', 'Harbour cranes stood idle');
    await save('b', 'Harbour workers went on strike');
    // The first open assembles everything and stores a snapshot (reported on the options given).
    const opts: { dbName: string; snapshotWritten?: Promise<void> } = { dbName };
    const built = await buildSearchIndex(opts);
    expect(search(built, 'harbour').length).toBe(2);
    expect(opts.snapshotWritten).toBeInstanceOf(Promise);
    await opts.snapshotWritten;
    const db = await openLibrary(dbName);
    expect((await db.get('meta', 'search-snapshot'))?.value).toMatchObject({ urls: ['https://news.test/a', 'https://news.test/b'] });

    await save('c', 'Harbour reopens after the strike');
    await deleteEntry('https://news.test/a', { dbName });
    // The next open reads the snapshot and applies only what changed: no new snapshot.
    const again: { dbName: string; snapshotWritten?: Promise<void> } = { dbName };
    const reopened = await buildSearchIndex(again);
    expect(again.snapshotWritten).toBeUndefined();
    expect(search(reopened, 'harbour').map((h) => h.url).sort()).toEqual(['https://news.test/b', 'https://news.test/c']);
    expect(search(reopened, 'cranes')).toEqual([]);
    expect(search(reopened, 'reopens').map((h) => h.url)).toEqual(['https://news.test/c']);
    expect(reopened.documentCount).toBe(2);
  });

  it('answers a query from the snapshot chunks it needs while the whole index loads', async () => {
    const { dbName, save } = await textLibrary();
    const { deleteEntry } = await import('../../../src/storage/library.js');
    const { buildSearchIndex, partialSearchIndex } = await import('../../../src/storage/search-index.js');
    await save('a', 'Harbour cranes stood idle');
    await save('b', 'Harbour workers went on strike');
    await save('d', 'Зерновая сделка и порт Одессы');
    // No snapshot yet: nothing to answer from (the first open assembles one).
    expect(await partialSearchIndex('harbour', { dbName })).toBeNull();
    const opts: { dbName: string; chunkPostings: number; snapshotWritten?: Promise<void> } = { dbName, chunkPostings: 3 };
    await buildSearchIndex(opts);
    await opts.snapshotWritten;
    await save('c', 'Harbour reopens after the strike');
    await deleteEntry('https://news.test/a', { dbName });
    const whole = await buildSearchIndex({ dbName });
    for (const q of ['harbour', 'harb', 'strike harb', 'cranes', 'reopens', 'порт', 'одес', 'story']) {
      const partial = (await partialSearchIndex(q, { dbName }))!;
      expect(partial.complete).toBe(false);
      expect(search(partial, q), q).toEqual(search(whole, q));
    }
  });

  it('learns the deletes since its snapshot from the deletion marks, without listing every article', async () => {
    const { dbName, save } = await textLibrary();
    const { deleteEntry } = await import('../../../src/storage/library.js');
    const { buildSearchIndex, partialSearchIndex } = await import('../../../src/storage/search-index.js');
    const { openLibrary, DELETED_POSTINGS_PREFIX } = await import('../../../src/storage/schema.js');
    await save('a', 'Harbour cranes stood idle');
    await save('b', 'Harbour workers went on strike');
    await save('old', 'Harbour ferry timetable');
    await deleteEntry('https://news.test/old', { dbName });
    const db = await openLibrary(dbName);
    expect(await db.getAllKeys('meta', IDBKeyRange.bound(DELETED_POSTINGS_PREFIX, `${DELETED_POSTINGS_PREFIX}\uffff`))).toEqual([`${DELETED_POSTINGS_PREFIX}https://news.test/old`]);
    const first: { dbName: string; snapshotWritten?: Promise<void> } = { dbName };
    await buildSearchIndex(first);
    await first.snapshotWritten;
    // A new snapshot takes the marks it already reflects away with it.
    expect(await db.getAllKeys('meta', IDBKeyRange.bound(DELETED_POSTINGS_PREFIX, `${DELETED_POSTINGS_PREFIX}\uffff`))).toEqual([]);
    expect((await db.get('meta', 'search-snapshot'))?.value).toMatchObject({ format: 3 });

    await deleteEntry('https://news.test/a', { dbName });
    // Deleted and saved again since the snapshot: it is back.
    await deleteEntry('https://news.test/b', { dbName });
    await save('b', 'Harbour workers back at work');
    const proto = (globalThis as unknown as { IDBIndex: { prototype: { getAllKeys: (...a: unknown[]) => unknown } } }).IDBIndex.prototype;
    const real = proto.getAllKeys;
    let listed = 0;
    proto.getAllKeys = function (this: unknown, ...args: unknown[]) {
      listed++;
      return real.apply(this, args);
    };
    try {
      const again: { dbName: string; snapshotWritten?: Promise<void> } = { dbName };
      const reopened = await buildSearchIndex(again);
      expect(again.snapshotWritten).toBeUndefined();
      expect(search(reopened, 'harbour').map((h) => h.url)).toEqual(['https://news.test/b']);
      expect(search(reopened, 'work').map((h) => h.url)).toEqual(['https://news.test/b']);
      expect(search(reopened, 'cranes')).toEqual([]);
      expect(reopened.documentCount).toBe(1);
      const partial = (await partialSearchIndex('harbour', { dbName }))!;
      expect(search(partial, 'harbour')).toEqual(search(reopened, 'harbour'));
      expect(listed).toBe(0);
    } finally {
      proto.getAllKeys = real;
    }
  });

  it('reads a snapshot of before the deletion marks by listing the articles, and marks it once it is exact', async () => {
    const { dbName, save } = await textLibrary();
    const { buildSearchIndex } = await import('../../../src/storage/search-index.js');
    const { openLibrary } = await import('../../../src/storage/schema.js');
    await save('a', 'Harbour cranes stood idle');
    await save('b', 'Harbour workers went on strike');
    const first: { dbName: string; snapshotWritten?: Promise<void> } = { dbName };
    await buildSearchIndex(first);
    await first.snapshotWritten;
    const db = await openLibrary(dbName);
    const head = (await db.get('meta', 'search-snapshot'))!.value as Record<string, unknown>;
    const format = async () => ((await db.get('meta', 'search-snapshot'))!.value as { format: number }).format;
    // Exact (nothing changed since it was taken): marked, and from now on the marks tell.
    await db.put('meta', { key: 'search-snapshot', value: { ...head, format: 2 } });
    expect(search(await buildSearchIndex({ dbName }), 'harbour')).toHaveLength(2);
    expect(await format()).toBe(3);
    // Deleted by a version that left no mark: found by listing what is still there; not marked.
    await db.put('meta', { key: 'search-snapshot', value: { ...head, format: 2 } });
    await db.delete('terms', 'https://news.test/a');
    const stale = await buildSearchIndex({ dbName });
    expect(search(stale, 'harbour').map((h) => h.url)).toEqual(['https://news.test/b']);
    expect(await format()).toBe(2);
  });

  it('reads a snapshot stored in the single-record format of before', async () => {
    const { freshDb, article, fakeFetch } = await import('./helpers.js');
    const { saveArticle } = await import('../../../src/storage/save.js');
    const { buildSearchIndex } = await import('../../../src/storage/search-index.js');
    const { openLibrary } = await import('../../../src/storage/schema.js');
    const dbName = freshDb();
    await saveArticle(article({ url: 'https://news.test/a', title: 'Harbour story', textContent: 'Harbour cranes', contentHtml: '<p>Harbour cranes</p>', leadImage: null }), { dbName, images: { fetchImpl: fakeFetch() } });
    const db = await openLibrary(dbName);
    const revision = (await db.get('meta', 'revision'))!.value as number;
    const snap = TermIndex.fromRecords(await db.getAll('terms')).snapshot()!;
    const chunk = snap.chunks[0]!;
    await db.put('meta', { key: 'search-snapshot', value: { vocab: chunk.vocab, offsets: chunk.offsets, docs: chunk.docs, freqs: chunk.freqs, urls: snap.head.urls, lengths: snap.head.lengths, revision } });
    const opts: { dbName: string; snapshotWritten?: Promise<void> } = { dbName };
    const index = await buildSearchIndex(opts);
    expect(opts.snapshotWritten).toBeUndefined(); // read, not assembled again
    expect(search(index, 'cranes').map((h) => h.url)).toEqual(['https://news.test/a']);
  });
});
