// @vitest-environment jsdom
/** The saved copy's provenance and versions in the reader (Provenance.tsx, sources.ts). */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';

vi.mock('webextension-polyfill', () => ({
  default: { i18n: { getMessage: (key: string, subs?: string | string[]) => (subs ? `${key}:${[subs].flat().join('|')}` : key), getUILanguage: () => 'en' } },
}));

import { Provenance, type ProvenanceInfo } from '../../../src/pages/reader/Provenance.js';
import { loadArticle } from '../../../src/pages/reader/sources.js';
import type { Article } from '../../../src/core/types.js';

const info: ProvenanceInfo = {
  sourceUrl: 'https://news.test/a?ref=home',
  finalUrl: 'https://news.test/a',
  savedAt: '2026-11-27T10:00:00Z',
  httpStatus: 200,
  sha256: 'ab'.repeat(32),
  waybackCaptureUrl: 'https://web.archive.org/web/20261127100000/https://news.test/a',
};
const versions = [
  { version: 1, savedAt: '2026-11-20T10:00:00Z' },
  { version: 2, savedAt: '2026-11-27T10:00:00Z' },
];

function show(props: Partial<Parameters<typeof Provenance>[0]> = {}): HTMLElement {
  const root = document.createElement('div');
  render(<Provenance url="https://news.test/a" info={info} version={2} versions={versions} locale="en" {...props} />, root);
  return root;
}

const field = (root: HTMLElement, label: string) => {
  const dt = [...root.querySelectorAll('dt')].find((d) => d.textContent === label);
  return dt?.nextElementSibling as HTMLElement | undefined;
};

describe('provenance in the reader', () => {
  it('shows source and final URL, time saved, HTTP status, SHA-256 and the Wayback witness', () => {
    const root = show();
    expect(root.querySelector('summary')?.textContent).toBe('readerProvenance:2');
    expect(field(root, 'readerProvenanceSource')?.querySelector('a')?.getAttribute('href')).toBe(info.sourceUrl);
    expect(field(root, 'readerProvenanceFinal')?.textContent).toBe(info.finalUrl);
    expect(field(root, 'readerProvenanceSaved')?.querySelector('time')?.getAttribute('datetime')).toBe(info.savedAt);
    expect(field(root, 'readerProvenanceStatus')?.textContent).toBe('200');
    expect(field(root, 'SHA-256')?.textContent).toBe(info.sha256);
    expect(field(root, 'readerProvenanceWitness')?.querySelector('a')?.getAttribute('href')).toBe(info.waybackCaptureUrl);
  });

  it('leaves out what is not there, and never links a non-http URL', () => {
    const root = show({ info: { ...info, finalUrl: 'javascript:alert(1)', httpStatus: null, waybackCaptureUrl: null, sourceUrl: 'javascript:alert(1)' } });
    expect(field(root, 'readerProvenanceFinal')).toBeUndefined();
    expect(field(root, 'readerProvenanceWitness')).toBeUndefined();
    expect(field(root, 'readerProvenanceStatus')?.textContent).toBe('readerProvenanceUnknown');
    expect(field(root, 'readerProvenanceSource')?.querySelector('a')).toBeNull();
    expect(field(root, 'readerProvenanceSource')?.textContent).toBe('javascript:alert(1)');
  });

  it('lists every version, each opening in the reader, the shown one marked', () => {
    const root = show();
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.provenance-versions a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'reader.html?url=https%3A%2F%2Fnews.test%2Fa&version=1',
      'reader.html?url=https%3A%2F%2Fnews.test%2Fa&version=2',
    ]);
    expect(links.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page']);
  });

  it('the reader gets the provenance with a saved copy', async () => {
    const article = { url: info.finalUrl, title: 'T', contentHtml: '<p>x</p>', textContent: 'x' } as Article;
    const loaded = await loadArticle('https://news.test/a', {
      takeHandoff: async () => null,
      fetchArticle: async () => null,
      getSavedCopy: async () => ({ article, savedAt: info.savedAt, version: 2, versions, sourceUrl: info.sourceUrl, finalUrl: info.finalUrl, httpStatus: 200, sha256: info.sha256, waybackCaptureUrl: info.waybackCaptureUrl }),
    });
    expect(loaded?.provenance).toEqual(info);
  });
});
