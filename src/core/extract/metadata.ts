/**
 * Page-level metadata from <head>-style sources: <meta> (OpenGraph, Twitter cards, Dublin Core,
 * article:*, parsely), JSON-LD, <link rel=canonical|next>, <title>. One pass over the few
 * elements involved; no layout, no full-tree queries in loops.
 */
import { readJsonLd, type JsonLdMeta } from './jsonld.js';
import { normalizeSpace } from '../text.js';
import type { PageRefs } from './refs.js';

export interface PageMeta {
  /** Lower-cased meta key (name, property, itemprop or http-equiv) → first non-empty content. */
  values: Map<string, string>;
  jsonld: JsonLdMeta | null;
  docTitle: string;
  canonical: string | null;
  relNext: string | null;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** Decode the HTML entities that leak into JSON-LD strings (parsers do not decode them there). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

/** Read the metadata from the elements the scan gathered (see refs.ts, which also caps them). */
export function readPageMeta(refs: PageRefs): PageMeta {
  const values = new Map<string, string>();
  for (const m of refs.metas) {
    const content = m.getAttribute('content');
    if (!content || !content.trim()) continue;
    const keys = (m.getAttribute('property') || '') + ' ' + (m.getAttribute('name') || '') + ' ' + (m.getAttribute('itemprop') || '');
    // A property attribute may list several space-separated names (RDFa).
    for (const k of keys.toLowerCase().split(/\s+/)) {
      if (k && !values.has(k)) values.set(k, normalizeSpace(content));
    }
  }
  const ld = refs.ldJson;
  let jsonld: JsonLdMeta | null = null;
  try {
    jsonld = ld.length ? readJsonLd(ld) : null;
  } catch {
    jsonld = null;
  }
  if (jsonld) {
    for (const k of ['headline', 'name', 'author', 'publisher', 'description'] as const) {
      const v = jsonld[k];
      if (v) jsonld[k] = normalizeSpace(decodeEntities(v));
    }
  }
  let canonical: string | null = null;
  let relNext: string | null = null;
  for (const l of refs.links) {
    const rel = ` ${(l.getAttribute('rel') || '').toLowerCase()} `;
    const href = l.getAttribute('href');
    if (!href) continue;
    if (!canonical && rel.includes(' canonical ')) canonical = href.trim();
    if (!relNext && rel.includes(' next ')) relNext = href.trim();
  }
  const titleEl = refs.title;
  const docTitle = titleEl ? normalizeSpace(titleEl.textContent || '') : '';
  return { values, jsonld, docTitle, canonical, relNext };
}

/** First present value among the given meta keys. */
export function pick(values: Map<string, string>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = values.get(k);
    if (v) return v;
  }
  return null;
}

// Separators between a headline and the site name in <title>.
const TITLE_SEP = /\s+[|\-–—:»·/\\]\s+/;

/**
 * Clean a <title> value: drop a trailing or leading site name separated by | - – — » etc.
 * Why: <title> is "Headline | Site" on most CMSs; the reader shows the headline alone. Only
 * cut when the remaining part still looks like a headline (≥ 3 words or a known site name).
 */
export function cleanDocTitle(title: string, siteName: string | null, h1s: string[]): string {
  const t = normalizeSpace(title);
  if (!t) return t;
  // An <h1> that the title contains is the headline itself.
  for (const h of h1s) {
    if (h.length >= 10 && t.includes(h) && h.split(' ').length >= 3) return h;
  }
  if (!TITLE_SEP.test(t)) return t;
  const parts = t.split(TITLE_SEP);
  if (siteName) {
    const s = siteName.toLowerCase();
    const kept = parts.filter((p) => p.toLowerCase() !== s);
    if (kept.length && kept.length < parts.length) return kept.join(' - ');
  }
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  // Keep the longest side when it is substantial.
  const best = first.length >= last.length ? first : last;
  return best.split(' ').length >= 4 ? best : t;
}
