/**
 * The reader's colour themes. The palettes live here, not in CSS, so the contrast unit test
 * checks exactly the colours the reader applies (as CSS custom properties on <html>).
 */
import type { ReaderSettings, Theme } from '../../shared/settings.js';

export interface Palette {
  bg: string;
  /** Toolbar, panels, banners. */
  surface: string;
  fg: string;
  /** Byline, captions, secondary text. */
  muted: string;
  link: string;
  /** Buttons and the focus ring. */
  accent: string;
  /** Text on an accent background. */
  accentFg: string;
  codeBg: string;
  /** Borders and rules (decorative, not text). */
  rule: string;
  /** The browser's built-in widgets (scrollbars, form controls). */
  scheme: 'light' | 'dark';
}

export type ConcreteTheme = Exclude<Theme, 'system'>;

export const PALETTES: Record<ConcreteTheme, Palette> = {
  light: {
    bg: '#fbfaf7', surface: '#f1eee8', fg: '#1f1d1a', muted: '#5a554d', link: '#8c2128',
    accent: '#8c2128', accentFg: '#ffffff', codeBg: '#efece6', rule: '#d9d3c8', scheme: 'light',
  },
  sepia: {
    bg: '#f4ecd8', surface: '#eadfc5', fg: '#3a2e1f', muted: '#5e4c36', link: '#7c3413',
    accent: '#7c3413', accentFg: '#fffaf0', codeBg: '#ebe1c9', rule: '#d3c4a2', scheme: 'light',
  },
  dark: {
    bg: '#17181b', surface: '#222327', fg: '#e4e1da', muted: '#aaa59c', link: '#f1a38f',
    accent: '#f1a38f', accentFg: '#1a1412', codeBg: '#26272b', rule: '#3b3c41', scheme: 'dark',
  },
};

/** Text/background pairs the reader draws; each must reach WCAG AA (4.5:1). */
export const TEXT_PAIRS: [keyof Palette, keyof Palette][] = [
  ['fg', 'bg'], ['muted', 'bg'], ['link', 'bg'],
  ['fg', 'surface'], ['muted', 'surface'], ['link', 'surface'],
  ['fg', 'codeBg'], ['link', 'codeBg'], ['accentFg', 'accent'],
];

export const FONT_STACKS = {
  serif: '"Samizdat Serif", "Noto Serif", "Noto Serif CJK SC", "Songti SC", Georgia, serif',
  sans: '"Samizdat Sans", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", system-ui, sans-serif',
} as const;

export const LINE_WIDTHS_EM = { narrow: 30, medium: 36, wide: 44 } as const;
export const LINE_HEIGHT_VALUES = { compact: 1.45, normal: 1.65, loose: 1.9 } as const;

export function effectiveTheme(theme: Theme, prefersDark: boolean): ConcreteTheme {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme;
}

function cssVar(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The custom properties the reader's stylesheet reads, for given settings. */
export function cssVariables(settings: ReaderSettings, prefersDark: boolean): Record<string, string> {
  const palette = PALETTES[effectiveTheme(settings.theme, prefersDark)];
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(palette)) if (key !== 'scheme') vars[cssVar(key)] = value;
  vars['--reader-font'] = FONT_STACKS[settings.font];
  vars['--reader-size'] = `${settings.fontSize}px`;
  vars['--reader-width'] = `${LINE_WIDTHS_EM[settings.width]}em`;
  vars['--reader-leading'] = String(LINE_HEIGHT_VALUES[settings.lineHeight]);
  return vars;
}

const darkQuery = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/**
 * Puts the settings on <html> (data attributes and custom properties). Synchronous, so the
 * reader calls it before anything is painted.
 */
export function applySettings(settings: ReaderSettings, root: HTMLElement = document.documentElement): void {
  const prefersDark = darkQuery()?.matches ?? false;
  const theme = effectiveTheme(settings.theme, prefersDark);
  root.dataset.theme = settings.theme;
  root.dataset.effectiveTheme = theme;
  root.dataset.font = settings.font;
  root.style.colorScheme = PALETTES[theme].scheme;
  for (const [name, value] of Object.entries(cssVariables(settings, prefersDark))) root.style.setProperty(name, value);
}

/** Re-applies "follow the system" when the system switches between light and dark. */
export function watchSystemTheme(current: () => ReaderSettings): void {
  darkQuery()?.addEventListener('change', () => {
    const settings = current();
    if (settings.theme === 'system') applySettings(settings);
  });
}
