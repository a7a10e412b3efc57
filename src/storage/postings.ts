/**
 * One article's search postings: its distinct terms with how often each occurs in each field.
 * Computed when the article's search text is written (in the same transaction) and stored in
 * the `terms` store, so opening the library assembles the index from these records without
 * tokenising a single article again (tokenising is most of what indexing costs).
 */
import { tokenizeForIndex, type SearchDoc } from './text-terms.js';

/** Field order of the packed frequencies and lengths. */
export const FIELDS = ['title', 'siteName', 'text', 'tags'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface TermsRecord {
  url: string;
  /** The distinct terms, normalised, joined by "\n" (one string clones far faster than many). */
  terms: string;
  /**
   * One byte per term: 2 bits per field (title, siteName, text, tags, from the low bits up),
   * each the term's count in that field (tokenizeForIndex keeps at most 3 of a term per field).
   */
  freqs: Uint8Array;
  /** Distinct terms per field: the field length of BM25's normalisation (as MiniSearch counts it). */
  lengths: number[];
  /**
   * The library revision of the write (schema.ts, bumpRevision): a stored index snapshot taken
   * at revision R is brought up to date with the records whose rev is above R.
   */
  rev?: number;
}

export function fieldText(doc: SearchDoc, field: FieldName): string {
  const v = doc[field];
  return Array.isArray(v) ? v.join(' ') : v;
}

export function articlePostings(doc: SearchDoc): TermsRecord {
  const packed = new Map<string, number>();
  const lengths: number[] = [];
  FIELDS.forEach((field, f) => {
    const tokens = tokenizeForIndex(fieldText(doc, field));
    lengths.push(new Set(tokens).size);
    for (const term of tokens) {
      const p = packed.get(term) ?? 0;
      // Counts stop at 3 (the tokenizer's cap), so a field's 2 bits never overflow.
      if (((p >> (2 * f)) & 3) < 3) packed.set(term, p + (1 << (2 * f)));
    }
  });
  return { url: doc.url, terms: [...packed.keys()].join('\n'), freqs: Uint8Array.from(packed.values()), lengths };
}

/** Count of `term` in field `f` from a packed frequency byte. */
export const fieldFreq = (packed: number, f: number) => (packed >> (2 * f)) & 3;
