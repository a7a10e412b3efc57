/**
 * What the reader's first-paint script (first-paint.ts) draws: the reader bar and the article's
 * header, lead image and the start of its body, with the full view's markup and classes.
 *
 * Safe by construction: page-derived HTML is parsed in an inert DOMParser document (no script
 * runs, nothing loads) and only text is copied out, into elements from a short list of tag
 * names created here, with no attribute from the page but an http(s) image's src, alt and size.
 * Links wait for the full view, which sanitises with DOMPurify as always; so does whatever
 * follows the first table, embed or other element the first paint does not draw.
 *
 * Only the first screenful (issue 4, traced): the frame that draws the first paint is presented
 * only once its tiles are rastered and composited, in software in headless Chromium, on the same
 * two cores as everything else. A whole-browser trace of a click put the images' fetch and
 * decode (an SVG image builds a whole isolated document on the main thread) and the raster of
 * text far below the fold inside that frame. So the body stops after about two viewports of
 * text, and images are drawn as placeholders of their size (nothing fetched or decoded): the
 * full view, which replaces this paint once it is on screen, draws the images and the rest.
 */
import type { Article } from '../../core/types.js';
import { absolute, dropRepeatedHeading, normalizeText, sameImage } from './body-start.js';
import { displayHost, formatDate, formatMinutes, readingMinutes } from './format.js';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Firefox upgrades http images on extension pages; the full view holds them back (render.ts), so the first paint leaves them out. */
function holdsHttpImages(): boolean {
  return typeof __BROWSER__ !== 'undefined' && __BROWSER__ === 'firefox';
}

/** Elements copied (as elements of the same name, without attributes) from the article body. */
const KEPT = new Set([
  'P', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'DL', 'DT', 'DD', 'HR', 'BR', 'DIV', 'SECTION',
  'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'SPAN', 'EM', 'STRONG', 'I', 'B', 'U', 'S', 'CODE', 'KBD', 'SAMP', 'VAR',
  'SUB', 'SUP', 'SMALL', 'MARK', 'Q', 'CITE', 'ABBR', 'DFN', 'TIME', 'DEL', 'INS', 'BDI', 'WBR', 'FIGURE', 'FIGCAPTION',
]);
/** Renamed: the reader's title is the only <h1>; a link waits for the full view to be one. */
const RENAMED: Record<string, string> = { H1: 'h2', A: 'span' };
/** Never shown by the reader at all (DOMPurify drops them with their content). */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TITLE', 'LINK', 'META', 'BASE']);
/** At most this much of the body's HTML is parsed (the screenful budget then cuts it shorter). */
const FIRST_PAINT_HTML_CHARS = 24000;

/**
 * Copies the text of `from` into `to`, keeping KEPT elements (without attributes), unwrapping
 * unknown ones, and stopping — returning false — at the first element only the full view draws
 * (an image, figure, table, embed…): what it paints stays where it is when the full view takes
 * over, and the rest is added below.
 */
function copyText(from: Node, to: Node, doc: Document, base: string, budget: Budget): boolean {
  for (let node = from.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      spendText(text, budget);
      to.appendChild(doc.createTextNode(text));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as Element).tagName.toUpperCase();
    if (DROPPED.has(tag)) continue;
    if (BLOCKS.has(tag)) {
      // The first screenful is drawn: the full view brings the rest.
      if (budget.linesLeft <= 0) return false;
      budget.linesLeft -= 1;
    }
    if (tag === 'IMG') {
      const img = imagePlaceholder(node as HTMLImageElement, doc, base, budget);
      if (!img) return false;
      to.appendChild(img);
      continue;
    }
    const name = RENAMED[tag] ?? (KEPT.has(tag) ? tag.toLowerCase() : null);
    if (!name) {
      if (!FLOW_WRAPPERS.has(tag)) return false;
      if (!copyText(node, to, doc, base, budget)) return false;
      continue;
    }
    const copy = doc.createElement(name);
    to.appendChild(copy);
    if (!copyText(node, copy, doc, base, budget)) return false;
  }
  return true;
}

/**
 * An image as a placeholder of the size the full view will give it (width and height attributes
 * as the full view's <img> keeps them: that width at most, that aspect ratio), so nothing moves
 * when the full view takes over; an image of unknown size takes no room, as an <img> does before
 * it loads. Nothing is fetched: loading and decoding the image would share the first frame's
 * cores. null for anything but a plain http(s) image (and for an http one in Firefox, which holds
 * those back), where the first paint stops.
 */
function imagePlaceholder(from: HTMLImageElement, doc: Document, base: string, budget: Budget): HTMLElement | null {
  const src = absolute(from.getAttribute('src') ?? '', base);
  if (!src || !/^https?:/i.test(src) || (holdsHttpImages() && src.startsWith('http:'))) return null;
  const size = (name: string) => {
    const value = from.getAttribute(name);
    return value && /^\d{1,5}$/.test(value) ? Number(value) : 0;
  };
  return placeholder(doc, size('width'), size('height'), budget);
}

function placeholder(doc: Document, width: number, height: number, budget: Budget): HTMLElement {
  const box = doc.createElement('span');
  box.className = 'image-placeholder';
  box.setAttribute('aria-hidden', 'true');
  if (width > 0 && height > 0) {
    // CSSOM, not a style attribute: the extension pages' CSP allows only our stylesheets.
    box.style.width = `${width}px`;
    box.style.aspectRatio = `${width} / ${height}`;
    budget.linesLeft -= (Math.min(width, budget.columnPx) * height) / width / budget.linePx;
  }
  return box;
}

/**
 * How much of the body the first paint draws, in lines of text: about two viewports. The
 * estimate needs no layout (none has happened yet): a line holds about two characters per em of
 * the line width (one for CJK, counted double), every block adds about a line of margin.
 */
export interface Budget {
  linesLeft: number;
  charsPerLine: number;
  linePx: number;
  columnPx: number;
}

export function screenfulBudget(view: { heightPx: number; fontPx: number; leading: number; widthEm: number }, screens = 2): Budget {
  const linePx = Math.max(1, view.fontPx * view.leading);
  return { linesLeft: (screens * view.heightPx) / linePx, charsPerLine: Math.max(10, view.widthEm * 2), linePx, columnPx: view.widthEm * view.fontPx };
}

/** No limit: the whole (parse-bounded) start of the body. */
const UNLIMITED: Budget = { linesLeft: Infinity, charsPerLine: 70, linePx: 30, columnPx: 700 };

const WIDE_CHARS = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/g;

function spendText(text: string, budget: Budget): void {
  if (budget.linesLeft === Infinity) return;
  const wide = text.match(WIDE_CHARS)?.length ?? 0;
  budget.linesLeft -= (text.length + wide) / budget.charsPerLine;
}

/** Blocks: the first paint may stop before one once the budget is spent (never inside a line). */
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'DL', 'DT', 'DD', 'HR', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'FIGURE', 'IMG']);

/** Unknown elements whose content is plain flow text (unwrapped); any other element ends the first paint. */
const FLOW_WRAPPERS = new Set(['FONT', 'CENTER', 'NOBR', 'BIG', 'TT', 'STRIKE', 'ADDRESS', 'HGROUP', 'NAV', 'DETAILS', 'SUMMARY', 'LABEL', 'RUBY', 'RB', 'RT', 'RP', 'DATA', 'O:P']);

/** The start of an article body as text-only DOM of this document, and the image URLs the whole cut contains. */
export function plainBodyStart(html: string, doc: Document, options: { baseUrl: string; title?: string; byline?: string | null; budget?: Budget }, maxChars = FIRST_PAINT_HTML_CHARS): { fragment: DocumentFragment; images: string[] } {
  const fragment = doc.createDocumentFragment();
  if (!html.trim()) return { fragment, images: [] };
  // Cut at a tag boundary, so no half tag or entity becomes text.
  const cut = html.length > maxChars ? html.slice(0, Math.max(0, html.lastIndexOf('<', maxChars))) : html;
  const parsed = new (doc.defaultView as Window & typeof globalThis).DOMParser().parseFromString(cut, 'text/html');
  copyText(parsed.body, fragment, doc, options.baseUrl, options.budget ?? { ...UNLIMITED });
  dropRepeatedHeading(fragment, options);
  return { fragment, images: Array.from(parsed.images, (img) => img.getAttribute('src') ?? '') };
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const SAFE_LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * The reader bar and the article's header and body start, as ArticleView and Reader draw them
 * (same elements and classes), so nothing moves when the full view takes over. Not an <article>
 * with an <h1> id'd for the full view: tests and scripts that wait for the reader wait for that.
 */
export function drawFirstPaint(doc: Document, article: Article, pageUrl: string, ui: { locale: string; dir: 'ltr' | 'rtl'; t: (key: string, subs?: string | string[]) => string; budget?: Budget }): HTMLElement {
  const { locale, t } = ui;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]) => element(doc, tag, attrs, ...children);
  const originalUrl = /^https?:/i.test(article.url) ? article.url : pageUrl;
  const published = formatDate(article.publishedTime, locale);
  const meta = el('span', { dir: ui.dir, lang: locale });
  if (published && article.publishedTime) meta.append(el('time', { datetime: article.publishedTime }, published), el('span', { 'aria-hidden': 'true' }, ' · '));
  meta.append(el('span', {}, t('readerReadingTime', formatMinutes(readingMinutes(article.wordCount), locale))));
  const header = el('header', { class: 'article-header' }, el('p', { class: 'article-site' }, article.siteName || displayHost(originalUrl)), el('h1', { class: 'article-title', elementtiming: 'article-title' }, article.title));
  if (article.byline) header.append(el('p', { class: 'article-byline' }, article.byline));
  header.append(el('p', { class: 'article-meta' }, meta));
  // A body without HTML but with text is shown as paragraphs (as withReadableBody does).
  const budget = ui.budget ?? { ...UNLIMITED };
  const { fragment, images } = plainBodyStart(article.contentHtml, doc, { baseUrl: originalUrl, title: article.title, byline: article.byline, budget });
  const paragraphs: HTMLElement[] = [];
  if (!article.contentHtml.trim()) {
    for (const text of article.textContent.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).slice(0, 40)) {
      if (budget.linesLeft <= 0) break;
      spendText(text, budget);
      budget.linesLeft -= 1;
      paragraphs.push(el('p', {}, text));
    }
  }
  const body = el('div', { class: 'article-body' }, ...(article.contentHtml.trim() ? [fragment] : paragraphs));
  const view = el('div', { class: 'reader-article', dir: article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : 'auto' }, header);
  // The lead image as ArticleView shows it (not when the body has it), so the body does not move
  // down when the full view arrives. Only plain http(s) images, and none Firefox would hold back.
  const lead = article.leadImage;
  const leadSrc = lead?.url ? absolute(lead.url, originalUrl) : null;
  if (lead && leadSrc && /^https?:/i.test(leadSrc) && !(holdsHttpImages() && leadSrc.startsWith('http:')) && !images.some((src) => sameImage(src, leadSrc, originalUrl))) {
    // Its size is not known before it loads: a placeholder that takes no room, as the full
    // view's <img> before it loads (nothing fetched or decoded in the first frame).
    const figure = el('figure', { class: 'lead-image' }, placeholder(doc, 0, 0, budget));
    if (lead.caption && !(lead.alt && normalizeText(lead.caption) === normalizeText(lead.alt))) figure.append(el('figcaption', {}, lead.caption));
    view.append(figure);
  }
  view.append(body);
  if (article.lang && SAFE_LANG.test(article.lang)) view.setAttribute('lang', article.lang);
  const bar = el('header', { class: 'reader-bar' }, el('div', { class: 'bar-inner' }, el('span', { class: 'bar-original' }, el('span', {}, t('readerOriginal')))));
  return el('div', { class: 'first-paint', 'aria-busy': 'true' }, bar, el('main', { class: 'reader-main' }, view));
}
