/**
 * Reader settings without any extension API: defaults, validation, steps and the synchronous
 * localStorage mirror. The reader's first-paint script applies them before the polyfill or
 * storage.local is even loaded; settings.ts adds persistence.
 */
export const THEMES = ['light', 'sepia', 'dark', 'system'] as const;
export const FONTS = ['serif', 'sans'] as const;
export const WIDTHS = ['narrow', 'medium', 'wide'] as const;
export const LINE_HEIGHTS = ['compact', 'normal', 'loose'] as const;
/** Body text sizes in CSS pixels, smallest to largest. */
export const FONT_SIZES = [14, 15, 16, 17, 18, 20, 22, 24, 26, 28, 32] as const;
export const SPEECH_RATES = [0.75, 1, 1.25, 1.5, 2] as const;

export type Theme = (typeof THEMES)[number];
export type FontChoice = (typeof FONTS)[number];
export type LineWidth = (typeof WIDTHS)[number];
export type LineHeight = (typeof LINE_HEIGHTS)[number];

export interface ReaderSettings {
  theme: Theme;
  font: FontChoice;
  fontSize: number;
  width: LineWidth;
  lineHeight: LineHeight;
  speechRate: number;
}

export const DEFAULT_SETTINGS: Readonly<ReaderSettings> = Object.freeze({
  theme: 'system',
  font: 'serif',
  fontSize: 20,
  width: 'medium',
  lineHeight: 'normal',
  speechRate: 1,
});

export const STORAGE_KEY = 'readerSettings';
/** The synchronous mirror in the extension origin's localStorage. */
export const MIRROR_KEY = 'samizdat.readerSettings';

function oneOf<T extends string>(list: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

function nearest(list: readonly number[], value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  let best = list[0] ?? fallback;
  for (const candidate of list) if (Math.abs(candidate - value) < Math.abs(best - value)) best = candidate;
  return best;
}

/** Any stored value (old, partial, corrupt) becomes valid settings; unknown fields are dropped. */
export function normalizeSettings(raw: unknown): ReaderSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    theme: oneOf(THEMES, r.theme, DEFAULT_SETTINGS.theme),
    font: oneOf(FONTS, r.font, DEFAULT_SETTINGS.font),
    fontSize: nearest(FONT_SIZES, r.fontSize, DEFAULT_SETTINGS.fontSize),
    width: oneOf(WIDTHS, r.width, DEFAULT_SETTINGS.width),
    lineHeight: oneOf(LINE_HEIGHTS, r.lineHeight, DEFAULT_SETTINGS.lineHeight),
    speechRate: nearest(SPEECH_RATES, r.speechRate, DEFAULT_SETTINGS.speechRate),
  };
}

/** The next font size step up (+1) or down (−1), clamped to the range. */
export function stepFontSize(size: number, direction: 1 | -1): number {
  const index = FONT_SIZES.indexOf(nearest(FONT_SIZES, size, DEFAULT_SETTINGS.fontSize) as (typeof FONT_SIZES)[number]);
  const next = Math.min(FONT_SIZES.length - 1, Math.max(0, index + direction));
  return FONT_SIZES[next] ?? DEFAULT_SETTINGS.fontSize;
}

export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? 'light';
}

export function settingsEqual(a: ReaderSettings, b: ReaderSettings): boolean {
  return (Object.keys(DEFAULT_SETTINGS) as (keyof ReaderSettings)[]).every((key) => a[key] === b[key]);
}

/** Settings from the synchronous mirror, or null when there is none (first run, other origin). */
export function readMirror(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ReaderSettings | null {
  try {
    const text = storage?.getItem(MIRROR_KEY);
    return text ? normalizeSettings(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}
