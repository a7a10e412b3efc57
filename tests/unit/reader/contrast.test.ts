/** WCAG contrast of every text colour pair the reader draws, in every theme (≥ 4.5:1). */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { PALETTES, TEXT_PAIRS, cssVariables, effectiveTheme } = await import('../../../src/pages/reader/themes.js');
const { DEFAULT_SETTINGS } = await import('../../../src/shared/settings.js');

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const channels = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * channels[0]! + 0.7152 * channels[1]! + 0.0722 * channels[2]!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('theme contrast', () => {
  it('computes WCAG ratios correctly', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [theme, palette] of Object.entries(PALETTES)) {
    it(`${theme}: every text pair reaches 4.5:1`, () => {
      for (const [fg, bg] of TEXT_PAIRS) {
        const ratio = contrast(palette[fg] as string, palette[bg] as string);
        expect(ratio, `${theme} ${fg} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    });
    it(`${theme}: the focus ring stands out from the page (3:1)`, () => {
      expect(contrast(palette.accent, palette.bg)).toBeGreaterThanOrEqual(3);
      expect(contrast(palette.accent, palette.surface)).toBeGreaterThanOrEqual(3);
    });
  }

  it('"system" follows light and dark, and the CSS variables carry the palette', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('sepia', true)).toBe('sepia');
    const vars = cssVariables({ ...DEFAULT_SETTINGS, theme: 'dark' }, false);
    expect(vars['--bg']).toBe(PALETTES.dark.bg);
    expect(vars['--accent-fg']).toBe(PALETTES.dark.accentFg);
    expect(vars['--reader-size']).toBe(`${DEFAULT_SETTINGS.fontSize}px`);
  });
});
