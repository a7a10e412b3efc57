import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { DEFAULT_COPY_SETTINGS, normalizeCopySettings } = await import('../../../src/shared/copy-settings.js');

describe('copy settings', () => {
  it('defaults: every archive on, archive.ph, lookups on, 15 s, the public mirror list then a CDN copy', () => {
    const s = normalizeCopySettings(undefined);
    expect(s.archives.map((a) => a.id)).toEqual(['wayback', 'archive-today', 'ghostarchive', 'megalodon']);
    expect(s.archiveTodayHost).toBe('archive.ph');
    expect(s.autoLookups).toBe(true);
    expect(s.slowLoadSeconds).toBe(15);
    expect(s.mirrorListUrls).toEqual(DEFAULT_COPY_SETTINGS.mirrorListUrls);
    expect(s.mirrorListUrls[0]).toMatch(/mirrorSites\.json$/);
  });
  it('keeps a valid order and fills in missing archives', () => {
    const s = normalizeCopySettings({ archives: [{ id: 'megalodon', enabled: false }, { id: 'wayback' }, { id: 'bogus' }, { id: 'wayback' }] });
    expect(s.archives).toEqual([
      { id: 'megalodon', enabled: false },
      { id: 'wayback', enabled: true },
      { id: 'archive-today', enabled: true },
      { id: 'ghostarchive', enabled: true },
    ]);
  });
  it('repairs corrupt values', () => {
    const s = normalizeCopySettings({ slowLoadSeconds: -4, archiveTodayHost: 'javascript:alert(1)', endpoints: { wayback: 'ftp://x' }, mirrorListUrls: ['nope', 'https://l.example/list.json'], customMirrors: [{ mainDomain: 'www.Example.org', url: 'https://m.example' }, { mainDomain: '', url: 'x' }] });
    expect(s.slowLoadSeconds).toBe(1);
    expect(s.archiveTodayHost).toBe('archive.ph');
    expect(s.endpoints.wayback).toBe('https://web.archive.org');
    expect(s.mirrorListUrls).toEqual(['https://l.example/list.json']);
    expect(s.customMirrors).toEqual([{ mainDomain: 'example.org', url: 'https://m.example' }]);
  });
  it('accepts a local base URL for archive.today (tests, self-hosted)', () => {
    expect(normalizeCopySettings({ archiveTodayHost: 'http://archive.test:8080/' }).archiveTodayHost).toBe('http://archive.test:8080');
    expect(normalizeCopySettings({ archiveTodayHost: 'archive.is' }).archiveTodayHost).toBe('archive.is');
  });
});
