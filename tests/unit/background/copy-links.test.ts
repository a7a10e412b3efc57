import { describe, expect, it } from 'vitest';
import { archiveHref, mirrorLinksFor, parseMirrorList, parseWaybackAvailability } from '../../../src/background/copy-links.js';

const settings = {
  archiveTodayHost: 'archive.ph',
  endpoints: { wayback: 'https://web.archive.org', waybackAvailability: 'https://archive.org/wayback/available', ghostarchive: 'https://ghostarchive.org', megalodon: 'https://megalodon.jp' },
};

describe('archive links', () => {
  const url = 'https://example.org/news/story?id=1&x=2';
  it('appends the original URL as is for the Wayback Machine and archive.today', () => {
    expect(archiveHref('wayback', url, settings)).toBe(`https://web.archive.org/web/2/${url}`);
    expect(archiveHref('archive-today', url, settings)).toBe(`https://archive.ph/newest/${url}`);
  });
  it('uses the selected archive.today host, http for its onion, or a full base URL', () => {
    expect(archiveHref('archive-today', url, { ...settings, archiveTodayHost: 'archive.is' })).toBe(`https://archive.is/newest/${url}`);
    const onion = 'archiveiya74codqgiixo33q62qlrqtkgmcitqx5u2oeqnmn5bpcbiyd.onion';
    expect(archiveHref('archive-today', url, { ...settings, archiveTodayHost: onion })).toBe(`http://${onion}/newest/${url}`);
    expect(archiveHref('archive-today', url, { ...settings, archiveTodayHost: 'http://archive.test:8080' })).toBe(`http://archive.test:8080/newest/${url}`);
  });
  it('links Ghostarchive and Megalodon searches', () => {
    expect(archiveHref('ghostarchive', url, settings)).toBe(`https://ghostarchive.org/search?term=${encodeURIComponent(url)}`);
    expect(archiveHref('megalodon', url, settings)).toBe(`https://megalodon.jp/?url=${encodeURIComponent(url)}`);
  });
});

describe('parseWaybackAvailability', () => {
  const answer = (closest: unknown) => JSON.stringify({ url: 'x', archived_snapshots: closest === undefined ? {} : { closest } });
  it('accepts a 2xx capture with its date', () => {
    expect(parseWaybackAvailability(answer({ status: '200', available: true, url: 'http://web.archive.org/web/20240115093000/x', timestamp: '20240115093000' }))).toEqual({
      timestamp: '20240115093000',
      date: '2024-01-15T09:30:00Z',
      url: 'https://web.archive.org/web/20240115093000/x',
    });
  });
  it('rejects non-2xx captures and empty answers', () => {
    expect(parseWaybackAvailability(answer({ status: '404', available: true, url: 'https://web.archive.org/web/20240115093000/x', timestamp: '20240115093000' }))).toBeNull();
    expect(parseWaybackAvailability(answer({ status: '302', available: true, url: 'https://web.archive.org/web/20240115093000/x', timestamp: '20240115093000' }))).toBeNull();
    expect(parseWaybackAvailability(answer(undefined))).toBeNull();
  });
  it('calls malformed JSON malformed instead of throwing', () => {
    expect(parseWaybackAvailability('{"archived_snapshots": {')).toBe('malformed');
    expect(parseWaybackAvailability('<html>')).toBe('malformed');
    expect(parseWaybackAvailability('[]')).toBe('malformed');
    expect(parseWaybackAvailability('{"archived_snapshots": {"closest": {"available": true, "url": 5, "timestamp": "x"}}}')).toBe('malformed');
  });
});

describe('mirrors', () => {
  const list = JSON.stringify({
    version: 3,
    sites: [
      {
        main_domain: 'www.example.org',
        available_alternatives: [
          { proto: 'https', type: 'mirror', url: 'https://mirror.example.net', created_at: '', updated_at: '' },
          { proto: 'tor', type: 'eotk', url: 'exampleabcdefghij.onion', created_at: '', updated_at: '' },
          { proto: 'https', type: 'proxy', url: 'https://proxy.example.com/p/', created_at: '', updated_at: '' },
          { proto: 'ipfs', type: 'ipfs', url: 'ipfs://Qm…', created_at: '', updated_at: '' },
          { nonsense: true },
        ],
      },
      { main_domain: 42 },
      'junk',
    ],
  });
  it('parses the bypass-mirrors list, tolerating junk entries', () => {
    const sites = parseMirrorList(list)!;
    expect(sites.map((s) => s.mainDomain)).toEqual(['example.org']);
    expect(sites[0]!.mirrors.map((m) => m.url)).toEqual(['https://mirror.example.net/', 'http://exampleabcdefghij.onion/', 'https://proxy.example.com/p/']);
  });
  it('returns null for malformed lists', () => {
    expect(parseMirrorList('{')).toBeNull();
    expect(parseMirrorList('{"version":1}')).toBeNull();
  });
  it('opens the same path on the mirror host, onions last', () => {
    const sites = parseMirrorList(list)!;
    const links = mirrorLinksFor('https://www.example.org/a/b.html?x=1', sites, [{ mainDomain: 'example.org', url: 'https://mine.example.com' }]);
    expect(links.map((l) => l.href)).toEqual([
      'https://mine.example.com/a/b.html?x=1',
      'https://mirror.example.net/a/b.html?x=1',
      'https://proxy.example.com/p/a/b.html?x=1',
      'http://exampleabcdefghij.onion/a/b.html?x=1',
    ]);
    expect(links.at(-1)!.onion).toBe(true);
    expect(links[0]!.type).toBe('custom');
    expect(mirrorLinksFor('https://other.org/', sites, [])).toEqual([]);
  });
});
