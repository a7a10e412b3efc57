/**
 * Build the article body: copy only the chosen container into an inert document (no browsing
 * context, so nothing loads or runs), then prune furniture using the statistics the read-only
 * scan already computed for the matching original elements.
 */
import type { Rec } from './scan.js';
import { isHiddenEl } from './scan.js';
import { BOILERPLATE_TEXT, PROMO_SENTENCE } from './patterns.js';
import { absolutize, imageSource, pickFromSrcset } from './urls.js';
import { el, find, prune, textOf, type LNode } from './light.js';

export interface CleanContext {
  base: string;
  title: string;
  recs: Map<Element, Rec>;
  root: Rec;
  /** Work budget (defaults MAX_BODY_NODES, MAX_BODY_CHARS; smaller in tests). */
  maxNodes?: number;
  maxChars?: number;
}

const DROP = new Set([
  'SCRIPT', 'STYLE', 'LINK', 'META', 'TEMPLATE', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA',
  'OPTION', 'DIALOG', 'CANVAS', 'MAP', 'AREA', 'NAV', 'ASIDE', 'FOOTER', 'svg', 'SVG', 'math',
  'MATH', 'FRAMESET', 'FRAME', 'HEAD', 'TITLE', 'BASE', 'PARAM', 'SOURCE', 'TRACK',
]);
const EMBEDS = new Set(['IFRAME', 'EMBED', 'OBJECT', 'VIDEO', 'AUDIO']);
/** Containers that may be pruned as link lists. */
const CONTAINERS = new Set(['DIV', 'SECTION', 'UL', 'OL', 'DL', 'TABLE', 'P', 'SPAN', 'HEADER', 'FIGURE']);
const SHORT_BLOCKS = new Set(['DIV', 'P', 'SPAN', 'LI', 'UL', 'SECTION', 'A', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGCAPTION', 'STRONG', 'B', 'EM', 'SMALL']);
const BYLINE_CLASS = /(?:^|[\s_-])(?:byline|by-line|author|authors|author-name|article-author|contributor|dateline|timestamp|publish-date|pubdate|date-published|article-date|post-date|posted-on|entry-date|meta-date)(?:$|[\s_-])/i;
/** A short line that only says who wrote it or when: "By …", "Published …", "Updated at …". */
const DATELINE = /^(?:(?:by|von|par|por|di|door|автор|author)\s*:?\s+\S.{0,80}|(?:published|posted|updated|last updated|first published|veröffentlicht|publié|publicado|опубликовано|обновлено)\b.{0,100}|(?:updated|published)\s+(?:at|on)\b.{0,40})$/i;
const CAPTION_CLASS = /caption|credit|photo-?desc|image-?desc|img-?desc|media-?desc/i;
const EMBED_HOSTS = /youtube|youtu\.be|vimeo|dailymotion|twitter|x\.com|instagram|facebook|tiktok|soundcloud|spotify|rutube|vk\.com|aparat|bilibili|streamable|brightcove|jwplayer|player\./i;

export function normKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Turn an embed into a plain link (click to open), or null when it has no usable source. */
function embedToLink(orig: Element, base: string): LNode | null {
  let src = orig.getAttribute('src') || orig.getAttribute('data-src') || orig.getAttribute('data') || '';
  if (!src && (orig.tagName === 'VIDEO' || orig.tagName === 'AUDIO')) {
    const s = orig.getElementsByTagName('source')[0];
    src = s?.getAttribute('src') || '';
  }
  const url = absolutize(src, base);
  if (!url || !/^https?:/i.test(url)) return null;
  const isMedia = orig.tagName === 'VIDEO' || orig.tagName === 'AUDIO';
  // Why: ad and tracking frames vastly outnumber real embeds; keep only known media hosts.
  if (!isMedia && !EMBED_HOSTS.test(url)) return null;
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    /* keep empty */
  }
  const label = (orig.getAttribute('title') || '').trim();
  const kind = orig.tagName === 'AUDIO' ? 'Audio' : /youtube|youtu\.be|vimeo|dailymotion|rutube|aparat|bilibili|video|player/i.test(url) || orig.tagName === 'VIDEO' ? 'Video' : 'Embedded content';
  const p = el('p');
  const a = el('a', [['href', url]]);
  a.c.push(`${kind}: ${label || host}`);
  p.c.push(a);
  return p;
}



/** Tags copied as they are (with a short list of attributes); anything else is unwrapped. */
const KEEP_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI',
  'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'CODE', 'KBD', 'SAMP', 'VAR', 'FIGURE', 'FIGCAPTION',
  'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'COLGROUP', 'COL', 'A', 'EM',
  'STRONG', 'B', 'I', 'U', 'S', 'DEL', 'INS', 'MARK', 'SMALL', 'SUB', 'SUP', 'Q', 'CITE', 'ABBR',
  'TIME', 'BR', 'HR', 'IMG', 'DETAILS', 'SUMMARY', 'ADDRESS', 'HEADER', 'DFN', 'BDI', 'BDO',
  'RUBY', 'RT', 'RP', 'WBR',
]);
/** Attributes kept on any copied element. */
const KEEP_ANY_TAG = ['lang', 'dir', 'id'];
/** Unknown elements that behave as blocks become <div>; the rest are unwrapped. */
const BLOCKISH = new Set(['CENTER', 'HGROUP', 'FORM', 'FIELDSET', 'LEGEND', 'LISTING', 'XMP', 'PLAINTEXT', 'MENU', 'DIR']);
const ATTRS: Record<string, string[]> = {
  A: ['href', 'title'],
  IMG: ['alt', 'title', 'width', 'height'],
  TD: ['colspan', 'rowspan', 'headers'],
  TH: ['colspan', 'rowspan', 'headers', 'scope'],
  OL: ['start', 'reversed', 'type'],
  LI: ['value'],
  BLOCKQUOTE: ['cite'],
  Q: ['cite'],
  DEL: ['cite', 'datetime'],
  INS: ['cite', 'datetime'],
  TIME: ['datetime'],
  ABBR: ['title'],
  DFN: ['title'],
  COL: ['span'],
  COLGROUP: ['span'],
  BDO: ['dir'],
};

/**
 * Work budget of the copy: nodes visited and characters of text taken. Why: the copy, the DOM
 * built from it, DOMPurify's walks and the text output all grow with the article, and a hostile
 * or broken page (50 MB of "article") must not keep the reader busy for minutes. Far above any
 * real article (a long Wikipedia page is about a tenth of either); past it the article ends there,
 * with everything copied so far.
 */
export const MAX_BODY_NODES = 150_000;
export const MAX_BODY_CHARS = 3_000_000;

/**
 * Copy the chosen container into a light tree, element by element, dropping furniture as we
 * go. Why a selective copy instead of cloneNode: dropped subtrees are never copied, only the
 * attributes a reader needs are carried over, and no DOM nodes are created at all.
 */
export function buildBody(ctx: CleanContext): LNode {
  const { base, recs, root } = ctx;
  const rootGood = Math.max(root.good, 1);
  const wrapper = el('div');
  // Frames walk children in document order; an unwrapped element shares its parent's target.
  const frames: { next: Node | null; target: LNode }[] = [{ next: root.el.firstChild, target: wrapper }];
  let budget = ctx.maxNodes ?? MAX_BODY_NODES;
  let chars = ctx.maxChars ?? MAX_BODY_CHARS;
  while (frames.length) {
    const f = frames[frames.length - 1]!;
    const oc = f.next;
    if (!oc) {
      frames.pop();
      continue;
    }
    if (--budget < 0 || chars < 0) break;
    f.next = oc.nextSibling;
    const target = f.target;
    const t = oc.nodeType;
    if (t === 3) {
      const data = (oc as Text).data;
      chars -= data.length;
      target.c.push(data);
      continue;
    }
    if (t !== 1) continue;
    const oe = oc as Element;
    const tag = oe.tagName;
    if (DROP.has(tag)) continue;
    if (EMBEDS.has(tag)) {
      const link = embedToLink(oe, base);
      if (link) target.c.push(link);
      continue;
    }
    if (tag === 'NOSCRIPT') {
      noscriptImages(oe, target, base);
      continue;
    }
    const rec = recs.get(oe);
    // The scan gave a record only to elements it found visible: test the others alone.
    if (!rec && isHiddenEl(oe)) continue;
    if (rec && isFurniture(oe, tag, rec, rootGood)) continue;
    if (tag === 'IMG') {
      const img = copyImage(oe, base);
      if (img) target.c.push(img);
      continue;
    }
    if (tag === 'PICTURE') {
      const img = pictureImage(oe, base);
      if (img) target.c.push(img);
      continue;
    }
    let copy: LNode | null = null;
    if (KEEP_TAGS.has(tag)) {
      // The title is shown by the reader; a second <h1> in the body would compete with it.
      const attrs: [string, string][] = [];
      // Why the hasAttributes test: most elements of an article have none, and each
      // getAttribute call crosses into the DOM implementation.
      if (oe.hasAttributes()) {
        const names = ATTRS[tag];
        if (names) {
          for (const n of names) {
            const v = oe.getAttribute(n);
            if (v !== null) attrs.push([n, v]);
          }
        }
        for (const n of KEEP_ANY_TAG) {
          const v = oe.getAttribute(n);
          if (v && v.length < 80) attrs.push([n, v]);
        }
      }
      for (const kv of attrs) {
        if (kv[0] === 'href' || kv[0] === 'cite') {
          const abs = absolutize(kv[1], base);
          kv[1] = abs && !/^\s*(?:javascript|data|vbscript):/i.test(abs) ? abs : '';
        }
      }
      copy = el(tag === 'H1' ? 'h2' : tag.toLowerCase(), attrs.length ? attrs.filter((kv) => kv[1] !== '' || kv[0] === 'alt') : null);
      if (copy.a && !copy.a.length) copy.a = null;
    } else if (BLOCKISH.has(tag) || (rec && rec.isBlock) || tag.includes('-')) {
      copy = el('div');
    }
    // Caption-like blocks (credit lines, "caption" classes) are treated as captions. Why at
    // most one paragraph rather than no prose: a photo caption is often a full sentence (or
    // three), which the scan counts as prose, yet it describes the picture, not the story.
    if (copy && rec && rec.paras <= 1 && rec.text > 0 && rec.text < 400 && copy.t !== 'figcaption' && oe.hasAttributes() && CAPTION_CLASS.test(oe.getAttribute('class') || '')) copy.t = 'figcaption';
    if (copy) target.c.push(copy);
    if (oe.firstChild) frames.push({ next: oe.firstChild, target: copy ?? target });
  }
  prune(wrapper);
  return wrapper;
}

/** Page furniture inside the article container, judged from the scan's statistics. */
function isFurniture(o: Element, tag: string, rec: Rec, rootGood: number): boolean {
  // Marked by class/id or landmark, unless it holds most of the prose (a mislabelled wrapper).
  if (rec.negSelf && rec.good < 0.5 * rootGood) return true;
  if (rec.card) return true;
  // Bylines and datelines: the reader shows them from metadata, not as body text.
  if (rec.text > 0 && rec.text < 120 && rec.good === 0 && o.hasAttributes()) {
    const key = (o.getAttribute('class') || '') + ' ' + (o.getAttribute('id') || '');
    if (BYLINE_CLASS.test(key) || o.getAttribute('itemprop') === 'author') return true;
  }
  if (rec.text > 0 && rec.text < 120 && rec.good === 0 && SHORT_BLOCKS.has(tag)) {
    const raw = o.textContent || '';
    if (raw.length < 200 && DATELINE.test(raw.replace(/\s+/g, ' ').trim())) return true;
  }
  // The article's own header repeats title, byline and date, which the reader shows apart.
  if (tag === 'HEADER' && rec.good < 0.2 * rootGood) return true;
  // Lists of links (related stories, tag lists, more-from): mostly link text, little prose.
  // (A paragraph only when it is nearly all link: prose with a long link inside stays.)
  if (CONTAINERS.has(tag) && rec.text > 0 && rec.link > (tag === 'P' ? 0.8 : 0.5) * rec.text && rec.good < 0.1 * rootGood && !o.getElementsByTagName('img').length) return true;
  // A short block in which the site talks to the reader about itself (follow us, sign up,
  // send a tip): a promo written as a plain paragraph.
  if (rec.text >= 20 && rec.text < 300 && rec.paras <= 1 && rec.good < 0.1 * rootGood && SHORT_BLOCKS.has(tag)) {
    const raw = o.textContent || '';
    if (raw.length < 600 && PROMO_SENTENCE.test(raw) && !o.getElementsByTagName('img').length) return true;
  }
  // Short furniture phrases: "Advertisement", "Share this", "16x9 Image", "Read more".
  if (rec.text < 90 && rec.good === 0 && SHORT_BLOCKS.has(tag)) {
    const raw = o.textContent || '';
    const t = raw.length < 200 ? raw.replace(/\s+/g, ' ').trim() : '';
    if (t && BOILERPLATE_TEXT.test(t) && !o.getElementsByTagName('img').length) return true;
  }
  return false;
}

/** A clean <img> in `inert` for an original image, or null for placeholders and pixels. */
function copyImage(o: Element, base: string): LNode | null {
  const src = imageSource(o);
  const abs = src ? absolutize(src, base) : null;
  if (!abs || !/^(?:https?:|data:image\/)/i.test(abs)) return null;
  // Tracking pixels and spacers are not pictures.
  const w = o.getAttribute('width');
  const h = o.getAttribute('height');
  if ((w && +w > 0 && +w <= 2) || (h && +h > 0 && +h <= 2)) return null;
  const img = el('img', [['src', abs]]);
  for (const n of ATTRS.IMG!) {
    const v = o.getAttribute(n);
    if (v !== null) img.a!.push([n, v]);
  }
  return img;
}

function pictureImage(o: Element, base: string): LNode | null {
  const img = o.getElementsByTagName('img')[0];
  let copy = img ? copyImage(img, base) : null;
  if (!copy) {
    // Take the best <source> when the <img> itself has nothing real.
    const s = o.getElementsByTagName('source')[0];
    const u = s ? absolutize(pickFromSrcset(s.getAttribute('srcset') || s.getAttribute('data-srcset')), base) : null;
    if (u && /^https?:/i.test(u)) {
      copy = el('img', [['src', u]]);
      const alt = img?.getAttribute('alt');
      if (alt) copy.a!.push(['alt', alt]);
    }
  }
  return copy;
}

/**
 * <noscript> image fallbacks (the real picture behind a lazy loader). With scripting off
 * (jsdom) the fallback is parsed markup; in a browser it is text, parsed here inertly.
 */
function noscriptImages(o: Element, target: LNode, base: string): void {
  let imgs = Array.from(o.getElementsByTagName('img'));
  if (!imgs.length) {
    const t = o.textContent || '';
    if (!/<img/i.test(t) || t.length > 20000) return;
    // Scripting on (a browser): parse the fallback markup in an inert document.
    const inert = o.ownerDocument.implementation.createHTMLDocument('');
    const holder = inert.createElement('div');
    holder.innerHTML = t;
    imgs = Array.from(holder.getElementsByTagName('img'));
  }
  const copies = imgs.map((i) => copyImage(i, base)).filter((x): x is LNode => !!x);
  if (!copies.length) return;
  // The lazy placeholder just before the noscript is the same picture: keep only one.
  for (let i = target.c.length - 1; i >= 0; i--) {
    const prev = target.c[i]!;
    if (typeof prev === 'string') {
      if (/\S/.test(prev)) break;
      continue;
    }
    if (prev.t === 'img' || (!/\S/.test(textOf(prev)) && find(prev, (n) => n.t === 'img'))) target.c.splice(i, 1);
    break;
  }
  for (const c of copies) target.c.push(c);
}

