/**
 * Scoring used by the bench. The Zyte article-extraction-benchmark metric: texts become
 * multisets of 4-token shingles over `\w+` tokens (Unicode letters, digits, underscore); per
 * page TP/FP/FN are counted and scaled so TP+FP+FN = 1; precision and recall are averaged over
 * pages and F1 is the harmonic mean of the two averages.
 */

const WORD = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Multiset of n-token shingles. Texts shorter than n give one shingle of all their tokens. */
export function shingles(text: string, n = 4): Map<string, number> {
  const t = tokenize(text);
  const m = new Map<string, number>();
  if (!t.length) return m;
  if (t.length < n) {
    m.set(t.join(' '), 1);
    return m;
  }
  for (let i = 0; i + n <= t.length; i++) {
    const k = t.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Per-page counts, scaled to TP+FP+FN = 1, with that page's precision, recall and F1. */
export function pageScore(predicted: string, truth: string): PageScore {
  const p = shingles(predicted);
  const g = shingles(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const gc = g.get(k) ?? 0;
    tp += Math.min(c, gc);
    fp += Math.max(0, c - gc);
  }
  for (const [k, c] of g) fn += Math.max(0, c - (p.get(k) ?? 0));
  const total = tp + fp + fn;
  if (total === 0) return { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 };
  const s = { tp: tp / total, fp: fp / total, fn: fn / total };
  // Empty prediction: precision is taken as 0 (nothing right was returned).
  const precision = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 0;
  const recall = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...s, precision, recall, f1 };
}

export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

/** Average precision and recall over pages; F1 is their harmonic mean (the Zyte way). */
export function corpusScore(pages: PageScore[]): CorpusScore {
  if (!pages.length) return { precision: 0, recall: 0, f1: 0, pages: 0 };
  let p = 0;
  let r = 0;
  for (const s of pages) {
    p += s.precision;
    r += s.recall;
  }
  p /= pages.length;
  r /= pages.length;
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0, pages: pages.length };
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Quantile by linear interpolation between closest ranks. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
