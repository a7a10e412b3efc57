import { describe, expect, it } from 'vitest';
import {
  findMirrors, mergeMirrorLists, mirrorPageUrl, normaliseDomain, parseMirrorList, userMirror, type MirrorList,
} from '../../../src/shared/mirrors.js';

const ONION = 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz23.onion';

const SAMPLE = {
  version: '2.0',
  sites: [
    {
      main_domain: 'news.test',
      available_alternatives: [
        { proto: 'https', type: 'mirror', created_at: '2024-01-01 00:00:00', updated_at: '2024-02-01 00:00:00', url: 'https://d1234.mirror.test' },
        { proto: 'tor', type: 'eotk', created_at: '2024-01-01', updated_at: '2024-01-02', url: `https://www.${ONION}` },
        { proto: 'https', type: 'mirror', url: 'https://proxy.test/newssite/' },
        { proto: 'https', type: 'mirror' }, // no url
        { url: 'javascript:alert(1)' }, // not a web URL
        'https://bare-string.mirror.test',
      ],
    },
    { main_domain: 'www.Other.TEST', available_alternatives: [{ url: 'other-mirror.test' }] },
    { main_domain: 42, available_alternatives: [] },
    { main_domain: 'broken.test' },
    null,
  ],
};

describe('parseMirrorList', () => {
  it('reads the bypass-mirrors format, tolerant of malformed entries', () => {
    const r = parseMirrorList(JSON.stringify(SAMPLE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { list } = r;
    expect(list.version).toBe('2.0');
    expect(list.sites.map((s) => s.mainDomain)).toEqual(['news.test', 'other.test']);
    const news = list.sites[0]!.mirrors;
    expect(news.map((m) => m.url)).toEqual([
      'https://d1234.mirror.test/', `https://www.${ONION}/`, 'https://proxy.test/newssite/', 'https://bare-string.mirror.test/',
    ]);
    expect(news[0]).toMatchObject({ proto: 'https', type: 'mirror', createdAt: '2024-01-01 00:00:00', updatedAt: '2024-02-01 00:00:00', needsTor: false, userAdded: false });
    expect(news[1]).toMatchObject({ proto: 'tor', type: 'eotk', needsTor: true });
    expect(list.sites[1]!.mirrors[0]!.url).toBe('https://other-mirror.test/');
    expect(list.skipped).toBe(5);
  });

  it('malformed input is a typed error, never a throw', () => {
    expect(parseMirrorList('{oops')).toEqual({ ok: false, error: 'malformed-json' });
    expect(parseMirrorList('[]')).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseMirrorList({ version: 1 })).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseMirrorList(null)).toEqual({ ok: false, error: 'unexpected-shape' });
    expect(parseMirrorList({ sites: [] })).toEqual({ ok: true, list: { version: null, sites: [], skipped: 0 } });
  });
});

describe('finding and using mirrors', () => {
  const list = (parseMirrorList(SAMPLE) as { ok: true; list: MirrorList }).list;

  it('matches the main domain with or without www, and parent domains', () => {
    expect(findMirrors('https://news.test/a', list.sites)).toHaveLength(4);
    expect(findMirrors('https://www.news.test/a', list.sites)).toHaveLength(4);
    expect(findMirrors('https://world.news.test/a', list.sites)).toHaveLength(4);
    expect(findMirrors('https://www.other.test/', list.sites)).toHaveLength(1);
    expect(findMirrors('https://unlisted.test/', list.sites)).toEqual([]);
    expect(findMirrors('not a url', list.sites)).toEqual([]);
  });

  it('builds the same path on a mirror host', () => {
    const page = 'https://www.news.test/world/2024/story.html?id=7#c';
    expect(mirrorPageUrl(page, 'https://d1234.mirror.test')).toBe('https://d1234.mirror.test/world/2024/story.html?id=7#c');
    expect(mirrorPageUrl(page, `https://www.${ONION}/`)).toBe(`https://www.${ONION}/world/2024/story.html?id=7#c`);
    expect(mirrorPageUrl(page, 'https://proxy.test/newssite/')).toBe('https://proxy.test/newssite/world/2024/story.html?id=7#c');
    expect(mirrorPageUrl(page, ONION)).toBe(`http://${ONION}/world/2024/story.html?id=7#c`);
    expect(mirrorPageUrl('bad', 'https://x.test')).toBeNull();
    expect(mirrorPageUrl(page, 'ftp://x.test')).toBeNull();
  });

  it('merges user mirrors first, without duplicates', () => {
    const mine = userMirror('www.news.test', 'my-mirror.test');
    const dup = userMirror('news.test', 'https://d1234.mirror.test');
    expect(mine).not.toBeNull();
    const merged = mergeMirrorLists([list, list], [mine!, dup!, userMirror('new.test', ONION)!]);
    const news = merged.find((s) => s.mainDomain === 'news.test')!;
    expect(news.mirrors[0]).toMatchObject({ url: 'https://my-mirror.test/', userAdded: true, type: 'user' });
    expect(news.mirrors.filter((m) => m.url === 'https://d1234.mirror.test/')).toHaveLength(1);
    expect(news.mirrors).toHaveLength(5);
    const added = merged.find((s) => s.mainDomain === 'new.test')!;
    expect(added.mirrors[0]).toMatchObject({ needsTor: true, url: `http://${ONION}/` });
    expect(userMirror('not a domain', 'x.test')).toBeNull();
    expect(userMirror('news.test', '')).toBeNull();
  });

  it('normaliseDomain', () => {
    expect(normaliseDomain('WWW.News.Test.')).toBe('news.test');
    expect(normaliseDomain('https://www.news.test:8443/a')).toBe('news.test');
    expect(normaliseDomain('news.test/path')).toBe('news.test');
    expect(normaliseDomain('')).toBeNull();
    expect(normaliseDomain('no spaces.test')).toBeNull();
  });
});
