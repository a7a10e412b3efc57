import { describe, expect, it } from 'vitest';
import { normalise, normaliseHtml } from '../../../src/core/blockpage/normalise.js';
import { SIGNATURES } from '../../../src/core/blockpage/signatures.generated.js';
import { matchBody, matchHeaders, matchHostUrl } from '../../../src/core/blockpage/signatures.js';

describe('generated signature table', () => {
  it('has the scopes that count, and none of injb / fp / vbw', () => {
    expect(SIGNATURES.length).toBeGreaterThan(250);
    for (const [, , , name] of SIGNATURES) expect(name).not.toMatch(/^(injb|fp|vbw|susp)_/);
    const kinds = new Set(SIGNATURES.map((r) => r[2]));
    for (const k of ['n', 'i', 'p', 's']) expect(kinds.has(k as never)).toBe(true);
  });

  it('every pattern is already in normal form (generator and matcher agree)', () => {
    for (const [pattern, where] of SIGNATURES) {
      if (where === 'b') expect(normalise(pattern)).toBe(pattern);
      expect(pattern.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('countries are ISO alpha-2 or empty, none for products', () => {
    for (const [, , kind, , country] of SIGNATURES) {
      expect(country).toMatch(/^([A-Z]{2})?$/);
      if (kind === 'p') expect(country).toBe('');
    }
  });
});

describe('normalise', () => {
  it('brings raw HTML and DOM pieces to one form', () => {
    expect(normalise('<IMG src="a.png" alt=\'b\' />')).toBe('<img src=a.png alt=b>');
    expect(normalise('Доступ&nbsp;ограничен  по')).toBe('доступ ограничен по');
    expect(normalise('&quot;Сухой Лог&quot;')).toBe('сухой лог');
    expect(normalise('<title>POST Ltd &bull; x</title>')).toBe('<title>post ltd • x</title>');
    expect(normaliseHtml('<td>МФТИ-Телеком\u00a0\u00a0</td>')).toBe(normalise('МФТИ-Телеком&nbsp;&nbsp;</td>').replace(/^/, '<td>'));
  });
});

describe('matchers', () => {
  it('body: leftmost pattern wins, longer patterns are not cut short', () => {
    expect(matchBody('<html><title>check point usercheck</title>')?.name).toBe('prod_checkpoint_urlfilter_blockpage');
    expect(matchBody('nothing to see here')).toBeNull();
  });

  it('headers and URLs', () => {
    expect(matchHeaders('location: block.rt.ru/x')?.name).toBe('isp_ru_rostelcom_block_forward');
    expect(matchHostUrl('forbidden.yota.ru/')?.country).toBe('RU');
    expect(matchHostUrl('shop.test/access?x')).toBeNull();
  });
});
