/**
 * Page-level metadata from <head>-style sources: <meta> (OpenGraph, Twitter cards, Dublin Core,
 * article:*, parsely), JSON-LD, <link rel=canonical|next>, <title>. One pass over the few
 * elements involved; no layout, no full-tree queries in loops.
 */
import { readJsonLd, type JsonLdMeta } from './jsonld.js';
import { normalizeSpace } from '../text.js';
import type { PageRefs } from './refs.js';

export interface PageMeta {
  /**
   * Lower-cased meta key (name, property or itemprop; "dc.title" and "dc:title" are one key) →
   * content. A property= (RDFa) value outranks a name= value for the same key; otherwise the
   * first non-empty value wins.
   */
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
  const fromProperty = new Set<string>();
  for (const m of refs.metas) {
    const content = m.getAttribute('content');
    if (!content || !content.trim()) continue;
    const text = normalizeSpace(content);
    // A property attribute may list several space-separated names (RDFa).
    for (const k of metaKeys(m.getAttribute('property'))) {
      if (!fromProperty.has(k)) {
        values.set(k, text);
        fromProperty.add(k);
      }
    }
    for (const k of metaKeys((m.getAttribute('name') || '') + ' ' + (m.getAttribute('itemprop') || ''))) {
      if (!values.has(k)) values.set(k, text);
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

function metaKeys(attr: string | null): string[] {
  if (!attr) return [];
  return attr.toLowerCase().replace(/\./g, ':').split(/\s+/).filter(Boolean);
}

/** First present value among the given meta keys ("dc.title" and "dc:title" alike). */
export function pick(values: Map<string, string>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = values.get(k.replace(/\./g, ':'));
    if (v) return v;
  }
  return null;
}

/**
 * How much of `b`'s text is made of words that also occur in `a` (0…1), by characters.
 * Why characters rather than word counts: a long shared word says more than a short one.
 */
export function textSimilarity(a: string, b: string): number {
  const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const wa = new Set(words(a));
  const wb = words(b);
  if (!wa.size || !wb.length) return 0;
  const unique = wb.filter((w) => !wa.has(w));
  return 1 - unique.join(' ').length / wb.join(' ').length;
}

// Separators between a headline and a site or section name in <title>: "Headline | Site",
// "Site » Section » Headline". Hierarchical ones (\ / > ») build breadcrumb-like titles.
const TITLE_SEPS = / [|\-\\/>»] /g;
const HIER_SEP = / [\\/>»] /;
const SEP_CHARS = /[|\-\\/>»]+/g;

const DASH_SEPS = / [—–·] /;

/** Whether `title` is `headline` plus a site part after (or before) an em/en dash or middle dot. */
function headlineBesideDash(title: string, headline: string): boolean {
  if (!headline || headline.length >= title.length) return false;
  if (title.startsWith(headline)) return /^ [—–·] \S/.test(title.slice(headline.length));
  if (title.endsWith(headline)) return /\S [—–·] $/.test(title.slice(0, -headline.length));
  return false;
}

/** Words as a title-length heuristic counts them (a leading space counts as an empty word). */
function titleWords(s: string): number {
  return s.split(/\s+/).length;
}

/**
 * The headline inside a <title>: drop the site or section part after (or before) a separator,
 * and split at a colon only when no heading on the page shows the whole title. Falls back to
 * the full title when the cut would leave too little, and to the only <h1> when the title is
 * implausibly short or long. `headings` lists the page's h1/h2 texts (called only if needed).
 */
export function titleFromDocTitle(orig: string, h1s: string[], headings: () => string[]): string {
  let cur = orig;
  let hierarchical = false;
  const seps = Array.from(orig.matchAll(TITLE_SEPS));
  if (seps.length) {
    hierarchical = HIER_SEP.test(orig);
    cur = orig.slice(0, seps[seps.length - 1]!.index);
    // Too short: the site name came first ("Site | Headline"), so drop that part instead.
    if (titleWords(cur) < 3) cur = orig.replace(/^[^|\-\\/>»]*[|\-\\/>»]/, '');
  } else if (orig.includes(': ')) {
    if (!headings().some((h) => h === orig)) {
      cur = orig.slice(orig.lastIndexOf(':') + 1);
      if (titleWords(cur) < 3) cur = orig.slice(orig.indexOf(':') + 1);
      // Many words before the colon: the colon is part of the headline itself.
      else if (titleWords(orig.slice(0, orig.indexOf(':'))) > 5) cur = orig;
    }
  } else if (DASH_SEPS.test(orig)) {
    // "Headline — Site" or "Site · Headline" with typographic dashes or a middle dot: Readability
    // does not cut at these (a dash is often part of a headline), so cut only where a <h1> on the
    // page shows the headline alone.
    // The <h1> confirms the cut, so the length rule below does not apply.
    const shown = h1s.find((h) => headlineBesideDash(orig, h));
    if (shown) return shown;
  } else if ((orig.length > 150 || orig.length < 15) && h1s.length === 1) {
    cur = h1s[0]!;
  }
  cur = normalizeSpace(cur);
  // Four words or fewer left: keep the whole title, unless a breadcrumb lost only its last part.
  const n = titleWords(cur);
  if (n <= 4 && (!hierarchical || n !== titleWords(orig.replace(SEP_CHARS, '')) - 1)) cur = orig;
  return cur;
}
