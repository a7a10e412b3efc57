import { describe, expect, it } from 'vitest';
import { corpusScore, median, pageScore, quantile, shingles, tokenize } from '../../../bench/metrics.js';

describe('Zyte shingle metric', () => {
  it('tokenises on Unicode word characters', () => {
    expect(tokenize('Hello, world! Привет_мир 42 — 東京')).toEqual(['Hello', 'world', 'Привет_мир', '42', '東京']);
  });

  it('builds a multiset of 4-token shingles', () => {
    const s = shingles('a b c d e a b c d');
    expect(s.get('a b c d')).toBe(2);
    expect(s.get('b c d e')).toBe(1);
    expect(s.size).toBe(5);
    expect([...shingles('a b').entries()]).toEqual([['a b', 1]]);
  });

  it('scores a perfect, an empty and a partial prediction', () => {
    expect(pageScore('one two three four five', 'one two three four five')).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(pageScore('', 'one two three four five')).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: 0, recall: 0, f1: 0 });
    // truth: 2 shingles; prediction: those 2 plus 2 extra → TP 2, FP 2, FN 0 → scaled 0.5/0.5/0.
    const s = pageScore('one two three four five six seven', 'one two three four five');
    expect(s.tp).toBeCloseTo(0.5);
    expect(s.fp).toBeCloseTo(0.5);
    expect(s.fn).toBe(0);
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBe(1);
  });

  it('averages precision and recall over pages, then takes the harmonic mean', () => {
    const c = corpusScore([
      { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 },
      { tp: 0.5, fp: 0.5, fn: 0, precision: 0.5, recall: 1, f1: 2 / 3 },
    ]);
    expect(c.precision).toBeCloseTo(0.75);
    expect(c.recall).toBe(1);
    expect(c.f1).toBeCloseTo((2 * 0.75) / 1.75);
  });

  it('median and quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8);
  });
});
