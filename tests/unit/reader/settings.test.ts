import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));

const { DEFAULT_SETTINGS, FONT_SIZES, nextTheme, normalizeSettings, readMirror, stepFontSize, MIRROR_KEY } = await import('../../../src/shared/settings.js');
const { shortcutFor } = await import('../../../src/pages/reader/shortcuts.js');

describe('reader settings', () => {
  it('turn anything stored into valid settings', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings('junk')).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ theme: 'neon', font: 'comic', fontSize: 'big', width: 3 })).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ theme: 'dark', font: 'sans', fontSize: 23, width: 'wide', lineHeight: 'loose', speechRate: 1.4, extra: 1 }))
      .toEqual({ theme: 'dark', font: 'sans', fontSize: 22, width: 'wide', lineHeight: 'loose', speechRate: 1.5 });
  });

  it('step the font size within its range', () => {
    expect(stepFontSize(20, 1)).toBe(22);
    expect(stepFontSize(20, -1)).toBe(18);
    expect(stepFontSize(FONT_SIZES[0], -1)).toBe(FONT_SIZES[0]);
    expect(stepFontSize(FONT_SIZES.at(-1)!, 1)).toBe(FONT_SIZES.at(-1));
  });

  it('cycle the themes', () => {
    expect(nextTheme('light')).toBe('sepia');
    expect(nextTheme('sepia')).toBe('dark');
    expect(nextTheme('dark')).toBe('system');
    expect(nextTheme('system')).toBe('light');
  });

  it('read the synchronous mirror, tolerating garbage', () => {
    const store = (value: string | null) => ({ getItem: (key: string) => (key === MIRROR_KEY ? value : null) });
    expect(readMirror(store(JSON.stringify({ theme: 'sepia' })))?.theme).toBe('sepia');
    expect(readMirror(store('{not json'))).toBeNull();
    expect(readMirror(store(null))).toBeNull();
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, code: string, extra: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: unknown }> = {}) =>
    shortcutFor({ key: k, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: null, ...extra } as Parameters<typeof shortcutFor>[0]);

  it('map keys to actions by physical key, whatever the layout', () => {
    expect(key('t', 'KeyT')).toBe('theme');
    expect(key('е', 'KeyT')).toBe('theme'); // Russian layout
    expect(key('ش', 'KeyS')).toBe('save'); // Persian layout
    expect(key('b', 'KeyB')).toBe('leave');
    expect(key('l', 'KeyL')).toBe('listen');
    expect(key('f', 'KeyF')).toBe('font');
    expect(key('+', 'Equal', { shiftKey: true })).toBe('bigger');
    expect(key('=', 'Equal')).toBe('bigger');
    expect(key('-', 'Minus')).toBe('smaller');
    expect(key('?', 'Slash', { shiftKey: true })).toBe('help');
    expect(key('Escape', 'Escape')).toBe('close');
  });

  it('leave browser shortcuts and typing alone', () => {
    expect(key('s', 'KeyS', { ctrlKey: true })).toBeNull();
    expect(key('t', 'KeyT', { altKey: true })).toBeNull();
    expect(key('s', 'KeyS', { target: { tagName: 'INPUT', type: 'text' } })).toBeNull();
    expect(key('s', 'KeyS', { target: { tagName: 'INPUT', type: 'radio' } })).toBe('save');
    expect(key('x', 'KeyX')).toBeNull();
  });
});
