import { describe, expect, it } from 'vitest';
import { applyFilters, defaultFilters, facets, readerHref, readingMinutes } from '../../../src/pages/library/model.js';
import type { EntryRecord } from '../../../src/storage/schema.js';

function entry(over: Partial<EntryRecord>): EntryRecord {
  return {
    url: 'https://a.test/1', aliases: [], host: 'a.test', title: 'A', siteName: null, byline: null, publishedTime: null, lang: 'en', dir: 'ltr',
    excerpt: null, wordCount: 460, latestVersion: 1, versionCount: 1, firstSavedAt: '2026-11-01T00:00:00.000Z', lastSavedAt: '2026-11-01T00:00:00.000Z',
    tags: [], readAt: null, trashedAt: null, ...over,
  };
}

const now = Date.parse('2026-11-27T12:00:00Z');
const list = [
  entry({ url: 'u1', title: 'Zebra crossings', siteName: 'News Test', lastSavedAt: '2026-11-27T10:00:00.000Z', tags: ['city'], publishedTime: '2026-01-01T00:00:00Z' }),
  entry({ url: 'u2', title: 'apples', host: 'b.test', lastSavedAt: '2026-11-20T10:00:00.000Z', readAt: '2026-11-21T00:00:00.000Z', publishedTime: '2026-11-19T00:00:00Z' }),
  entry({ url: 'u3', title: 'Éclairs', siteName: 'News Test', lastSavedAt: '2025-01-01T10:00:00.000Z', tags: ['food', 'city'] }),
  entry({ url: 'u4', title: 'Gone', trashedAt: '2026-11-27T11:00:00.000Z' }),
];
const urls = (xs: EntryRecord[]) => xs.map((e) => e.url);

describe('library list model', () => {
  it('sorts by saved date, publication, title (locale-aware) and site; hides trashed entries', () => {
    expect(urls(applyFilters(list, defaultFilters, now))).toEqual(['u1', 'u2', 'u3']);
    expect(urls(applyFilters(list, { ...defaultFilters, sort: 'saved-asc' }, now))).toEqual(['u3', 'u2', 'u1']);
    expect(urls(applyFilters(list, { ...defaultFilters, sort: 'title' }, now))).toEqual(['u2', 'u3', 'u1']);
    expect(urls(applyFilters(list, { ...defaultFilters, sort: 'published-desc' }, now))).toEqual(['u2', 'u1', 'u3']);
    expect(urls(applyFilters(list, { ...defaultFilters, sort: 'site' }, now))).toEqual(['u2', 'u1', 'u3']);
  });

  it('filters by site, tag, read state and date', () => {
    expect(urls(applyFilters(list, { ...defaultFilters, site: 'News Test' }, now))).toEqual(['u1', 'u3']);
    expect(urls(applyFilters(list, { ...defaultFilters, tag: 'food' }, now))).toEqual(['u3']);
    expect(urls(applyFilters(list, { ...defaultFilters, read: 'read' }, now))).toEqual(['u2']);
    expect(urls(applyFilters(list, { ...defaultFilters, read: 'unread' }, now))).toEqual(['u1', 'u3']);
    expect(urls(applyFilters(list, { ...defaultFilters, date: '7d' }, now))).toEqual(['u1']);
    expect(urls(applyFilters(list, { ...defaultFilters, date: '30d' }, now))).toEqual(['u1', 'u2']);
  });

  it('orders search results by relevance and keeps only matches', () => {
    const scores = new Map([['u3', 9], ['u2', 4]]);
    expect(urls(applyFilters(list, { ...defaultFilters, sort: 'relevance' }, now, scores))).toEqual(['u3', 'u2']);
  });

  it('lists sites and tags for the filters, links to the reader, estimates reading time', () => {
    expect(facets(list)).toEqual({ sites: ['b.test', 'News Test'], tags: ['city', 'food'] });
    expect(readerHref('https://a.test/x?y=1&z')).toBe('reader.html?url=https%3A%2F%2Fa.test%2Fx%3Fy%3D1%26z');
    expect(readerHref('https://a.test/x', 2)).toBe('reader.html?url=https%3A%2F%2Fa.test%2Fx&version=2');
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(10)).toBe(1);
  });
});
