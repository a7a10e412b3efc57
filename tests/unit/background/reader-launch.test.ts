import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));

const { pageStatus } = await import('../../../src/background/reader-launch.js');

describe('the HTTP status handed to the reader with the article', () => {
  const page = 'https://news.example/a';

  it('is what webRequest recorded for the tab\'s document', () => {
    expect(pageStatus({ finalUrl: `${page}#top`, status: 203 }, page, 200)).toBe(203);
  });

  it('falls back to the page\'s navigation timing when the record is of another document or has no status', () => {
    expect(pageStatus({ finalUrl: 'https://news.example/b', status: 404 }, page, 200)).toBe(200);
    expect(pageStatus({ finalUrl: page }, page, 201)).toBe(201);
    expect(pageStatus(undefined, page, 200)).toBe(200);
  });

  it('is null when neither knows (timing reports 0 for a cached or cross-origin answer)', () => {
    expect(pageStatus(undefined, page, undefined)).toBeNull();
    expect(pageStatus({ finalUrl: 'https://other.example/' , status: 200 }, page, 0)).toBeNull();
  });
});
