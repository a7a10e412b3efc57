import { describe, expect, it } from 'vitest';
import { titleFromDocTitle } from '../../../src/core/extract/metadata.js';

const none = (): string[] => [];

describe('titleFromDocTitle', () => {
  it('drops a site name after an em or en dash when a <h1> shows the headline alone', () => {
    expect(titleFromDocTitle('Bridge to be rebuilt — The Harbour Times', ['Bridge to be rebuilt'], none)).toBe('Bridge to be rebuilt');
    expect(titleFromDocTitle('Мост восстановят – Вечерний город', ['Мост восстановят'], none)).toBe('Мост восстановят');
  });

  it('drops a site name before a middle dot when a <h1> shows the headline alone', () => {
    expect(titleFromDocTitle('Harbour Times · Bridge to be rebuilt', ['Bridge to be rebuilt'], none)).toBe('Bridge to be rebuilt');
  });

  it('keeps a dash that belongs to the headline when no <h1> matches', () => {
    const title = 'Bridge to be rebuilt — but not this year, council says';
    expect(titleFromDocTitle(title, ['Harbour Times'], none)).toBe(title);
    expect(titleFromDocTitle(title, [], none)).toBe(title);
  });

  it('still cuts at the ASCII separators as before', () => {
    expect(titleFromDocTitle('Bridge to be rebuilt next year | Harbour Times', [], none)).toBe('Bridge to be rebuilt next year');
  });
});
