import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_TODAY_HOSTS, archiveTodaySubmitUrl, capturedPageUrl, archiveTodayUrl, ghostarchiveUrl, isPrivateAddress,
  mayLookUpAutomatically, megalodonUrl, parseWaybackAvailability, timestampToIso,
  waybackAvailabilityApiUrl, waybackSaveUrl, waybackUrl, withoutQuery,
} from '../../../src/shared/archives.js';

const URL1 = 'https://news.test/world/a?id=5&x=%20y#top';

describe('archive links', () => {
  it('Wayback: latest capture, or a timestamp, with the URL appended as is', () => {
    expect(waybackUrl(URL1)).toBe(`https://web.archive.org/web/2/${URL1}`);
    expect(waybackUrl(URL1, { timestamp: '20240102030405' })).toBe(`https://web.archive.org/web/20240102030405/${URL1}`);
    expect(waybackUrl(URL1, { timestamp: 'bad' })).toBe(`https://web.archive.org/web/2/${URL1}`);
    expect(waybackUrl(URL1, { base: 'http://127.0.0.1:9000/' })).toBe(`http://127.0.0.1:9000/web/2/${URL1}`);
    expect(waybackSaveUrl(URL1)).toBe(`https://web.archive.org/save/${URL1}`);
  });

  it('archive.today: newest, archive.ph by default, any of its hosts or its onion', () => {
    expect(archiveTodayUrl(URL1)).toBe(`https://archive.ph/newest/${URL1}`);
    for (const h of ARCHIVE_TODAY_HOSTS.filter((h) => !h.endsWith('.onion'))) {
      expect(archiveTodayUrl(URL1, h)).toBe(`https://${h}/newest/${URL1}`);
    }
    const onion = ARCHIVE_TODAY_HOSTS.find((h) => h.endsWith('.onion'))!;
    expect(archiveTodayUrl(URL1, onion)).toBe(`http://${onion}/newest/${URL1}`);
    expect(archiveTodayUrl(URL1, 'http://localhost:8080/')).toBe(`http://localhost:8080/newest/${URL1}`);
    expect(archiveTodaySubmitUrl(URL1)).toBe(`https://archive.ph/?url=${encodeURIComponent(URL1)}`);
    expect(ARCHIVE_TODAY_HOSTS).toEqual(expect.arrayContaining(['archive.ph', 'archive.today', 'archive.is', 'archive.li', 'archive.vn', 'archive.fo', 'archive.md']));
  });

  it('Ghostarchive and Megalodon searches take the URL encoded', () => {
    expect(ghostarchiveUrl(URL1)).toBe(`https://ghostarchive.org/search?term=${encodeURIComponent(URL1)}`);
    expect(megalodonUrl(URL1)).toBe(`https://megalodon.jp/?url=${encodeURIComponent(URL1)}`);
  });

  it('without the query string', () => {
    expect(withoutQuery(URL1)).toBe('https://news.test/world/a');
    expect(withoutQuery('https://news.test/a')).toBeNull();
    expect(withoutQuery('https://news.test/a#x?y')).toBeNull();
  });

  it('availability API URL', () => {
    expect(waybackAvailabilityApiUrl('https://news.test/a?b=1')).toBe('https://archive.org/wayback/available?url=https%3A%2F%2Fnews.test%2Fa%3Fb%3D1');
  });
});

describe('capturedPageUrl', () => {
  it('gives the page a Wayback-style capture is a copy of, query string included', () => {
    expect(capturedPageUrl(`https://web.archive.org/web/20260101120000id_/${URL1}`)).toBe(URL1);
    expect(capturedPageUrl('http://archive.test:8080/web/2/http://news.test/a')).toBe('http://news.test/a');
  });

  it('is null for pages that are not captures', () => {
    expect(capturedPageUrl(URL1)).toBeNull();
    expect(capturedPageUrl('https://news.test/web/2026/story')).toBeNull();
    expect(capturedPageUrl('https://web.archive.org/web/*/news.test')).toBeNull();
  });
});

describe('parseWaybackAvailability', () => {
  const answer = (closest: unknown): string => JSON.stringify({ url: 'news.test/a', archived_snapshots: { closest } });

  it('a 2xx capture', () => {
    const r = parseWaybackAvailability(answer({
      available: true, url: 'http://web.archive.org/web/20130919044612/http://news.test/a', timestamp: '20130919044612', status: '200',
    }));
    expect(r).toEqual({
      ok: true,
      capture: {
        url: 'https://web.archive.org/web/20130919044612/http://news.test/a', timestamp: '20130919044612',
        date: '2013-09-19T04:46:12Z', status: 200,
      },
    });
  });

  it('no capture, or only a non-2xx one', () => {
    expect(parseWaybackAvailability('{"url":"x","archived_snapshots":{}}')).toEqual({ ok: true, capture: null });
    expect(parseWaybackAvailability({ archived_snapshots: {} })).toEqual({ ok: true, capture: null });
    for (const status of ['404', '301', '500', 'x']) {
      expect(parseWaybackAvailability(answer({ available: true, url: 'https://web.archive.org/web/2/x', timestamp: '20200101000000', status }))).toEqual({ ok: true, capture: null });
    }
    expect(parseWaybackAvailability(answer({ available: false, url: 'https://w/x', timestamp: '20200101000000', status: '200' }))).toEqual({ ok: true, capture: null });
  });

  it('malformed input is a typed error, never a throw', () => {
    expect(parseWaybackAvailability('{not json')).toEqual({ ok: false, error: 'malformed-json' });
    expect(parseWaybackAvailability('')).toEqual({ ok: false, error: 'malformed-json' });
    expect(parseWaybackAvailability('[1,2]')).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseWaybackAvailability('null')).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseWaybackAvailability(42)).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseWaybackAvailability({ archived_snapshots: 'x' })).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseWaybackAvailability(answer({ available: true, url: 'javascript:alert(1)', timestamp: '2020', status: '200' }))).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseWaybackAvailability(answer({ available: true, url: 'https://w/x', timestamp: 5, status: '200' }))).toEqual({ ok: false, error: 'unexpected-shape' });
  });

  it('timestamps', () => {
    expect(timestampToIso('20240229235959')).toBe('2024-02-29T23:59:59Z');
    expect(timestampToIso('2024')).toBe('2024-01-01T00:00:00Z');
    expect(timestampToIso('20230230000000')).toBeNull();
  });
});

describe('mayLookUpAutomatically', () => {
  it('public http(s) hosts, including .test ones the tests use', () => {
    expect(mayLookUpAutomatically('https://news.example.org/a')).toBe(true);
    expect(mayLookUpAutomatically('http://news.test/a')).toBe(true);
    expect(mayLookUpAutomatically('http://8.8.8.8/')).toBe(true);
  });

  it('never for local, private, onion or non-web URLs', () => {
    for (const u of [
      'http://localhost/', 'http://localhost:8080/a', 'http://app.localhost/', 'http://printer.local/',
      'http://abc.onion/', 'http://127.0.0.1/', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://172.31.255.1/',
      'http://192.168.1.1/', 'http://169.254.1.1/', 'http://[::1]/', 'http://[fc00::1]/', 'http://[fd12:3456::1]/',
      'http://[fe80::1]/', 'http://[::ffff:192.168.0.1]/', 'http://0.0.0.0/', 'file:///etc/passwd', 'ftp://x.org/',
      'not a url', '',
    ]) {
      expect(mayLookUpAutomatically(u), u).toBe(false);
    }
    expect(mayLookUpAutomatically('http://172.32.0.1/')).toBe(true);
  });

  it('never after a DNS failure; extra suffixes are configurable', () => {
    expect(mayLookUpAutomatically('https://news.example.org/', { reason: 'dns' })).toBe(false);
    expect(mayLookUpAutomatically('https://news.example.org/', { reason: 'connection-reset' })).toBe(true);
    expect(mayLookUpAutomatically('http://news.test/', { excludeSuffixes: ['.test'] })).toBe(false);
    expect(mayLookUpAutomatically('http://wiki.corp/', { excludeSuffixes: ['corp'] })).toBe(false);
  });

  it('isPrivateAddress', () => {
    expect(isPrivateAddress('10.0.0.1')).toBe(true);
    expect(isPrivateAddress('[::1]')).toBe(true);
    expect(isPrivateAddress('2001:db8::1')).toBe(false);
    expect(isPrivateAddress('example.org')).toBe(false);
    expect(isPrivateAddress('100.64.0.1')).toBe(true);
  });
});
