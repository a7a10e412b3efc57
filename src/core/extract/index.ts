/**
 * extractArticle: find the news article in a page and return it clean.
 *
 * Pipeline: (1) read page metadata from <head>-level sources; (2) one read-only scoring walk
 * over the live DOM picks the article container (see scan.ts); (3) only that container is copied
 * into an inert document and pruned (clean.ts); (4) the copy is sanitised by DOMPurify bound to
 * the page's own window. The input document is never modified, and nothing here throws.
 */
import type { Article, ExtractOptions, LeadImage } from '../types.js';
import { inertDocumentFor, sanitizeElement, windowOf } from '../sanitize.js';
import { countUnits, countWords, guessDir, normalizeLang, normalizeSpace } from '../text.js';
import { readPageMeta, pick, textSimilarity, titleFromDocTitle, type PageMeta } from './metadata.js';
import { normalizeDate } from './dates.js';
import { scan, type ScanResult } from './scan.js';
import { buildBody, normKey } from './clean.js';
import { toDom, toText, textOf, find, attr, LBLOCK, type LNode } from './light.js';
import { absolutize, imageSource } from './urls.js';
import { findNextPage } from './paging.js';

/** Below this much prose a page holds nothing we would call an article. */
const MIN_GOOD = 140;

export function extractArticle(doc: Document, opts: ExtractOptions = {}): Article | null {
  try {
    return extract(doc, opts);
  } catch (e) {
    if ((globalThis as { SAMIZDAT_DEBUG?: boolean }).SAMIZDAT_DEBUG) throw e;
    return null;
  }
}

function baseUrl(doc: Document, opts: ExtractOptions, baseEl: Element | null): string {
  let docUrl = opts.url || '';
  if (!docUrl) {
    const u = doc.URL;
    if (u && !/^about:/.test(u)) docUrl = u;
  }
  const href = baseEl?.getAttribute('href');
  if (href) {
    const abs = absolutize(href, docUrl);
    if (abs && /^https?:/i.test(abs)) return abs;
  }
  return docUrl;
}

function extract(doc: Document, opts: ExtractOptions): Article | null {
  if (!doc || !doc.documentElement) return null;
  const win = windowOf(doc);
  let sc = scan(doc);
  const refs = sc.refs!;
  const base = baseUrl(doc, opts, refs.base);
  const meta = readPageMeta(refs);
  // Why a second look: when most of the page's prose sits inside an element we took for
  // furniture (a wrapper named "advertisement-off-canvas", "has-sidebar" …) and the best
  // container found elsewhere is weak, trust those wrappers and score again.
  const rootRaw = sc.root?.raw ?? 0;
  if (sc.root && (!sc.best || sc.best.good < 0.5 * rootRaw)) {
    const b = sc.best;
    const trusted = new Set<Element>();
    for (const r of sc.negatives) {
      if (r.raw >= 0.5 * rootRaw && (!b || r.el.contains(b.el) || !COMMENTS.test(r.el.getAttribute('class') + ' ' + r.el.getAttribute('id')))) trusted.add(r.el);
    }
    if (trusted.size) {
      // Why the comparison: a sidebar of several teaser blurbs can hold more prose in all than a
      // short article (a results table with a few lines of text), yet no one article in it;
      // the second look only wins when it finds a container with more prose than the first.
      const again = scan(doc, trusted);
      if (!b || (again.best && again.best.good > b.good)) sc = again;
    }
  }
  const best = sc.best;
  if (!best || best.good < MIN_GOOD) return null;

  const title = pickTitle(doc, meta, sc);
  const body = buildBody({ base, title, recs: sc.recs, root: best });
  dropRepeatedTitle(body, title);

  const textContent = toText(body);
  // Why: binary junk and symbol soup can form long "paragraphs"; real prose is mostly letters.
  if (!textContent || letterShare(textContent) < 0.5) return null;
  const contentHtml = win ? sanitizeElement(win, toDom(body, inertDocumentFor(win))) : '';

  const v = meta.values;
  const ld = meta.jsonld;
  const siteName = ld?.publisher || pick(v, 'og:site_name', 'application-name', 'twitter:site:name') || null;
  const byline = pickByline(meta, sc, title);
  const publishedTime = pickDate(meta, sc);
  const htmlEl = doc.documentElement;
  const lang = normalizeLang(htmlEl.getAttribute('lang') || htmlEl.getAttribute('xml:lang'))
    ?? normalizeLang(pick(v, 'content-language', 'og:locale', 'language', 'dc.language'))
    ?? normalizeLang(ld?.inLanguage);
  const dir = pickDir(doc, best.el, textContent);
  const canonical = absolutize(meta.canonical, base) || absolutize(pick(v, 'og:url'), base);
  const url = (canonical && /^https?:/i.test(canonical) ? canonical : null) || opts.url || base || '';
  const excerpt = ld?.description || pick(v, 'description', 'og:description', 'twitter:description', 'dc.description') || firstParagraph(textContent);
  const leadImage = pickLeadImage(meta, body, best.el, base, refs.figures);
  const nextPageUrl = findNextPage(refs, meta.relNext, base, best.el);

  return {
    url,
    title,
    byline,
    siteName: siteName ? normalizeSpace(siteName) : null,
    publishedTime,
    lang,
    dir,
    excerpt: excerpt ? normalizeSpace(excerpt) : null,
    leadImage,
    contentHtml,
    textContent,
    wordCount: countWords(textContent),
    nextPageUrl,
  };
}

const COMMENTS = /comment|disqus|respond|reply|replies|discussion/i;

function pickTitle(doc: Document, meta: PageMeta, sc: ScanResult): string {
  const v = meta.values;
  const ld = meta.jsonld?.isArticle ? meta.jsonld : null;
  let fromDoc: string | null = null;
  const docTitle = (): string => {
    fromDoc ??= titleFromDocTitle(meta.docTitle, sc.h1s, () => headingTexts(doc));
    return fromDoc;
  };
  // Why this order: structured metadata is written for machines and rarely carries the site
  // name; <title> usually does and needs cleaning.
  let t = '';
  if (ld?.name && ld.headline && ld.name !== ld.headline) {
    // Some sites put their own name in "name" and the story in "headline" (or the reverse):
    // the one the page's <title> agrees with is the article's.
    const title = docTitle();
    t = textSimilarity(ld.headline, title) > 0.75 && textSimilarity(ld.name, title) <= 0.75 ? ld.headline : ld.name;
  } else t = ld?.name || ld?.headline || '';
  if (!t) t = pick(v, 'dc:title', 'dcterm:title', 'og:title', 'weibo:article:title', 'weibo:webpage:title', 'title', 'twitter:title', 'parsely-title', 'headline') || '';
  if (!t) t = docTitle();
  t = normalizeSpace(t);
  if (!t && sc.h1s[0]) t = sc.h1s[0];
  if (!t) {
    const h = doc.getElementsByTagName('h2')[0];
    t = h ? normalizeSpace(h.textContent || '') : '';
  }
  return t;
}

/** Texts of the page's first h1 and h2 headings (for the rare titles that need them). */
function headingTexts(doc: Document): string[] {
  const out: string[] = [];
  for (const tag of ['h1', 'h2']) {
    const list = doc.getElementsByTagName(tag);
    for (let i = 0; i < list.length && i < 50; i++) out.push((list.item(i)!.textContent || '').trim());
  }
  return out;
}

/**
 * Remove the leading block that repeats the title. Only the first text-bearing block can be a
 * repeated title; a heading that contains (or is contained in) the title also counts.
 */
function dropRepeatedTitle(body: LNode, title: string): void {
  const key = normKey(title);
  if (!key) return;
  const hit = find(body, (n) => LBLOCK.has(n.t) && !hasBlockChild(n) && /\S/.test(textOf(n, 2000)));
  if (!hit) return;
  const t = normKey(textOf(hit.node, 2000));
  const heading = /^h[1-6]$/.test(hit.node.t);
  if (t === key || (heading && t.length > 10 && (key.includes(t) || t.includes(key)))) {
    hit.parent.c.splice(hit.parent.c.indexOf(hit.node), 1);
  }
}

function hasBlockChild(n: LNode): boolean {
  for (const c of n.c) if (typeof c !== 'string' && LBLOCK.has(c.t)) return true;
  return false;
}

function pickByline(meta: PageMeta, sc: ScanResult, title: string): string | null {
  const v = meta.values;
  const fromMeta = meta.jsonld?.author || pick(v, 'dc.creator', 'dcterm:creator', 'author', 'article:author_name', 'parsely-author', 'sailthru.author', 'byl');
  if (fromMeta && !/^https?:\/\//.test(fromMeta)) return normalizeSpace(fromMeta.replace(/^by\s+/i, ''));
  for (const el of sc.bylines) {
    const t = normalizeSpace(el.textContent || '');
    if (t && t.length < 100 && t !== title && /\p{L}/u.test(t)) return t.replace(/^(?:by|von|par|автор:?)\s+/i, '');
  }
  return null;
}

function pickDate(meta: PageMeta, sc: ScanResult): string | null {
  const v = meta.values;
  const raw = meta.jsonld?.datePublished || pick(v, 'article:published_time', 'datepublished', 'og:published_time', 'parsely-pub-date', 'sailthru.date', 'pubdate', 'publishdate', 'publish-date', 'dc.date.issued', 'dc.date', 'dcterms.created', 'date', 'article.published');
  const d = normalizeDate(raw);
  if (d) return d;
  for (const t of sc.times) {
    const n = normalizeDate(t.getAttribute('datetime') || t.textContent);
    if (n) return n;
  }
  return null;
}

function pickDir(doc: Document, root: Element, text: string): 'ltr' | 'rtl' | null {
  // Markup wins: the nearest dir= on the article or its ancestors, then <html>/<body>.
  for (let el: Element | null = root; el; el = el.parentElement) {
    const d = el.getAttribute('dir');
    if (d) {
      const l = d.toLowerCase();
      if (l === 'rtl' || l === 'ltr') return l;
    }
  }
  return guessDir(text);
}

const LETTERS_DIGITS = /[\p{L}\p{N}]+/gu;

function letterShare(text: string): number {
  const sample = text.length > 5000 ? text.slice(0, 5000) : text;
  const nonSpace = sample.replace(/\s+/g, '').length;
  if (!nonSpace) return 0;
  return countUnits(sample, LETTERS_DIGITS) / nonSpace;
}

function firstParagraph(text: string): string | null {
  const p = text.split('\n\n').find((x) => x.length > 40);
  if (!p) return null;
  return p.length > 300 ? p.slice(0, 297).replace(/\s+\S*$/, '') + '…' : p;
}

function pickLeadImage(meta: PageMeta, body: LNode, root: Element, base: string, figs: Element[]): LeadImage | null {
  const v = meta.values;
  const metaUrl = absolutize(pick(v, 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src') || meta.jsonld?.image, base);
  // The figure in the body that shows the same picture gives the caption.
  const stem = metaUrl ? fileStem(metaUrl) : null;
  const hit = find(body, (n) => {
    if (n.t !== 'figure') return false;
    if (!stem) return true;
    const img = find(n, (x) => x.t === 'img');
    return !!img && fileStem(attr(img.node, 'src') || '') === stem;
  });
  const fig = hit?.node ?? null;
  let url = metaUrl;
  let alt: string | null = pick(v, 'og:image:alt', 'twitter:image:alt');
  let caption: string | null = null;
  if (!fig && stem) {
    // The lead figure often sits just outside the body container (above the text).
    for (const f of figs) {
      const img = f.getElementsByTagName('img').item(0);
      const src = img ? imageSource(img) : null;
      if (src && fileStem(src) === stem) {
        if (!alt) alt = img!.getAttribute('alt') || null;
        const cap = f.getElementsByTagName('figcaption').item(0);
        caption = cap ? normalizeSpace(cap.textContent || '') || null : null;
        break;
      }
    }
  }
  if (fig) {
    const img = find(fig, (x) => x.t === 'img')?.node;
    if (!url && img) url = attr(img, 'src');
    if (!alt && img) alt = attr(img, 'alt') || null;
    const cap = find(fig, (x) => x.t === 'figcaption')?.node;
    caption = cap ? normalizeSpace(textOf(cap)) || null : null;
  }
  if (!url) {
    // No figure: the first real image of the article container.
    const img = root.getElementsByTagName('img')[0];
    const src = img ? imageSource(img) : null;
    if (src) {
      url = absolutize(src, base);
      alt = img!.getAttribute('alt') || null;
    }
  }
  if (!url || !/^https?:/i.test(url)) return null;
  return { url, alt: alt ? normalizeSpace(alt) : null, caption };
}

function fileStem(u: string): string {
  const path = u.split(/[?#]/)[0] || '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]\d+x\d+$/, '').toLowerCase();
}
