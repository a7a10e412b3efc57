/**
 * The read-only scoring pass. One depth-first walk over the live document (no cloning, no
 * layout, no selector queries) gives every element two numbers:
 *   good = characters of paragraph-like prose inside it,
 *   bad  = characters of link text, page furniture and short fragments inside it.
 * The article container is the element that maximises good − λ·bad: it must take in nearly all
 * prose (good) while leaving out the furniture around it (bad). Prose split over sibling
 * containers is handled for free, because their common parent collects the prose of all of them.
 */
import { BLOCK_TAGS, CHROME_TAGS, NEGATIVE, NEGATIVE_STRONG, POSITIVE, SKIP_TAGS } from './patterns.js';
import { isPagKey, newRefs, noteElement, noteSubtree, type PageRefs } from './refs.js';

export interface Rec {
  el: Element;
  good: number;
  bad: number;
  /** Prose characters ignoring every furniture mark (for overruling mislabelled wrappers). */
  raw: number;
  text: number;
  link: number;
  paras: number;
  /** The element itself is furniture (final after the element is left). */
  negSelf: boolean;
  /** Matched a weak furniture word; decided when the element is left. */
  weak: boolean;
  /** Blocks inside that are mostly link text (headlines of teasers, link lists). */
  linkBlocks: number;
  /** Headings inside that are mostly link text. */
  linkHeads: number;
  /** A teaser card (headline link + short summary). */
  card: boolean;
  /** Kind of the first text block inside, in document order: 1 = link block, 2 = text. */
  first: number;
  /** The block's own text starts inside a link (an inline headline link). */
  leadLink: boolean;
  /** The block's last non-link text ends in an ellipsis ("…" or "..."): a cut-off summary. */
  ellipsis: boolean;
  /** Inside a furniture element (inherited). */
  neg: boolean;
  inLink: boolean;
  /** Inside a pagination-like container (inherited). */
  pag: boolean;
  hidden: boolean;
  isBlock: boolean;
  own: number;
  ownLink: number;
  last: string;
  cjk: boolean;
  block: Rec | null;
  score: number;
  /** class, else id (for the article-word bonus when the element is left). */
  key: string | null;
}

export interface ScanResult {
  recs: Map<Element, Rec>;
  best: Rec | null;
  root: Rec | null;
  h1s: string[];
  bylines: Element[];
  times: Element[];
  elements: number;
  truncated: boolean;
  /** Elements marked as furniture, in the order they were left (inner first). */
  negatives: Rec[];
  /** Page-wide elements for metadata and paging (null on a re-scan with trusted wrappers). */
  refs: PageRefs | null;
}

/** Weight of link text and furniture against prose when choosing the container. */
const LAMBDA = 0.8;
/** Short non-link fragments (headings, dates, captions) count a little against a container. */
const SHORT_WEIGHT = 0.25;
/** Prose (characters) under which a headline-first container counts as a teaser card. */
const CARD_MAX = 400;
/** Prose (characters) above which a weak furniture word on an element is overruled. */
const WEAK_OVERRULE = 1000;
/** Hard cap on elements visited, so a hostile page cannot make us run unbounded. */
export const MAX_ELEMENTS = 300_000;

const STRONG_POSITIVE = /article-?body|articlebody|story-?body|entry-content|post-content|post-body|main-content|article-content|article__body|story-content|news-text|embed/i;
/** Containers that may be a teaser card (headline link + summary) in a list of stories. */
const CARD_TAGS = new Set(['DIV', 'LI', 'ARTICLE', 'SECTION']);
const BYLINE = /(?:^|[\s_-])(?:byline|by-line|author|authors|writer|article-author|author-name|contributor|dateline)(?:$|[\s_-])/i;
const TERMINAL = /[.!?。！？؟…:"”»)]/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Image wrappers marked aria-hidden still show their picture; only text is hidden. */
const IMAGE_WRAPPER = /image|img|photo|figure|media/i;

/** Is this element hidden by markup (hidden attribute, aria-hidden, inline display:none)? */
export function isHiddenEl(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return !IMAGE_WRAPPER.test(el.getAttribute('class') || '');
  const st = el.getAttribute('style');
  return !!st && HIDDEN_STYLE.test(st);
}

/** isHiddenEl from attribute values already read. */
function hiddenBy(hidden: boolean, ariaHidden: string | null, style: string | null, cls: string | null): boolean {
  if (hidden) return true;
  if (ariaHidden === 'true') return !IMAGE_WRAPPER.test(cls || '');
  return !!style && HIDDEN_STYLE.test(style);
}

/**
 * The attributes the scan reads, filled by readAttrs. Why one pass over the attribute names
 * instead of a getAttribute call per name: most elements carry one or two attributes, and each
 * call crosses into the DOM implementation (seven calls per element before, mostly for absent
 * attributes).
 */
interface ScanAttrs {
  names: string[];
  cls: string | null;
  id: string | null;
  hidden: boolean;
  author: boolean;
}

function readAttrs(el: Element, a: ScanAttrs): void {
  const names = el.getAttributeNames();
  let cls: string | null = null;
  let id: string | null = null;
  let hidden = false;
  let ariaHidden: string | null = null;
  let style: string | null = null;
  let author = false;
  for (let i = 0; i < names.length; i++) {
    switch (names[i]) {
      case 'class':
        cls = el.getAttribute('class');
        break;
      case 'id':
        id = el.getAttribute('id');
        break;
      case 'hidden':
        hidden = true;
        break;
      case 'aria-hidden':
        ariaHidden = el.getAttribute('aria-hidden');
        break;
      case 'style':
        style = el.getAttribute('style');
        break;
      case 'rel':
      case 'itemprop':
        if (el.getAttribute(names[i]!) === 'author') author = true;
        break;
    }
  }
  a.names = names;
  a.cls = cls;
  a.id = id;
  a.hidden = hiddenBy(hidden, ariaHidden, style, cls);
  a.author = author;
}

/** Bits of what a class/id key says, computed once per distinct key in a scan. */
const K_STRONG = 1;
const K_WEAK = 2;
const K_BYLINE = 4;

function keyBits(key: string): number {
  if (furnitureKey(key, NEGATIVE_STRONG)) return K_STRONG | (BYLINE.test(key) ? K_BYLINE : 0);
  return (furnitureKey(key, NEGATIVE) ? K_WEAK : 0) | (BYLINE.test(key) ? K_BYLINE : 0);
}

/**
 * Does this class/id key name furniture (`words`), with no article-body word to overrule it?
 * Why the camelCase split: CSS-module and React class names join their words ("signupMessage",
 * "emailSignup", "relatedStories___x7f"), which the word patterns would otherwise miss.
 * Why BEM elements are judged by their own name: "article-body__newsletter" is the newsletter
 * box inside the article body, not the body, so its block prefix does not overrule it.
 */
function furnitureKey(key: string, words: RegExp): boolean {
  const k = /[a-z][A-Z]/.test(key) ? key.replace(/([a-z])([A-Z])/g, '$1-$2') : key;
  if (!words.test(k)) return false;
  let veto = k;
  if (k.includes('__')) {
    veto = k
      .split(/\s+/)
      .filter((t) => {
        const i = t.lastIndexOf('__');
        return i < 0 || !words.test(t.slice(i + 2));
      })
      .join(' ');
  }
  return !STRONG_POSITIVE.test(veto);
}

function newRec(el: Element, parent: Rec | null, tag: string): Rec {
  const isBlock = BLOCK_TAGS.has(tag);
  const rec: Rec = {
    el, good: 0, bad: 0, raw: 0, text: 0, link: 0, paras: 0, negSelf: false, weak: false, linkBlocks: 0, linkHeads: 0, first: 0, leadLink: false, ellipsis: false, card: false,
    neg: parent ? parent.neg : false,
    inLink: parent ? parent.inLink || tag === 'A' : tag === 'A',
    pag: parent ? parent.pag : false,
    hidden: false, isBlock, own: 0, ownLink: 0, last: '', cjk: false,
    block: null, score: -Infinity, key: null,
  };
  rec.block = isBlock ? rec : parent ? parent.block : rec;
  return rec;
}

export function scan(doc: Document, trusted?: Set<Element>): ScanResult {
  const recs = new Map<Element, Rec>();
  const h1s: string[] = [];
  const bylines: Element[] = [];
  const times: Element[] = [];
  const rootEl = doc.body || doc.documentElement;
  const negatives: Rec[] = [];
  // The page-wide references are gathered on the first scan only (a re-scan reuses them).
  const refs = trusted ? null : newRefs();
  const out: ScanResult = { recs, best: null, root: null, h1s, bylines, times, elements: 0, truncated: false, negatives, refs };
  if (!rootEl) return out;
  // Elements outside the scored tree (hidden subtrees, <head>) are noted within this budget.
  let noteBudget = MAX_ELEMENTS;
  const head = doc.head;
  if (refs && head && rootEl !== doc.documentElement) noteBudget -= noteSubtree(refs, head, false, noteBudget);
  const stack: Rec[] = [];
  const root = newRec(rootEl, null, 'BODY');
  root.key = rootEl.getAttribute('class') || rootEl.getAttribute('id');
  recs.set(rootEl, root);
  stack.push(root);
  out.root = root;
  let node: Node | null = rootEl.firstChild;
  let count = 0;
  let best: Rec | null = null;
  const at: ScanAttrs = { names: [], cls: null, id: null, hidden: false, author: false };
  // Pages repeat a few hundred class names over thousands of elements: test each key once.
  const bitsOf = new Map<string, number>();
  while (stack.length) {
    if (node) {
      const type = node.nodeType;
      if (type === 1) {
        const el = node as Element;
        const tag = el.tagName;
        if (SKIP_TAGS.has(tag)) {
          if (refs) {
            if (tag === 'HEAD') noteBudget -= noteSubtree(refs, el, false, noteBudget);
            else noteElement(refs, el, tag, false);
          }
          node = el.nextSibling;
          continue;
        }
        if (++count > MAX_ELEMENTS) {
          out.truncated = true;
          node = el.nextSibling;
          continue;
        }
        const parent = stack[stack.length - 1]!;
        const rec = newRec(el, parent, tag);
        // Why hasAttributes first: most elements have none, and attribute reads dominate
        // the cost of a walk in DOM implementations such as jsdom.
        const attrs = el.hasAttributes();
        if (attrs) readAttrs(el, at);
        if (attrs && at.hidden) {
          // Hidden parts hold no readable text, but may hold metadata (JSON-LD, meta tags).
          if (refs && noteBudget > 0) noteBudget -= noteSubtree(refs, el, parent.pag, noteBudget);
          node = el.nextSibling;
          continue;
        }
        const cls = attrs ? at.cls : null;
        const id = attrs ? at.id : null;
        if (refs) {
          noteElement(refs, el, tag, parent.pag, attrs ? at.names : null);
          if (attrs && !rec.pag && isPagKey(cls, id)) rec.pag = true;
        }
        rec.key = cls || id;
        const key = trusted?.has(el) ? '' : cls && id ? cls + ' ' + id : cls || id || '';
        let bits = 0;
        if (key) {
          const known = bitsOf.get(key);
          if (known === undefined) bitsOf.set(key, (bits = keyBits(key)));
          else bits = known;
        }
        if (!key && trusted?.has(el)) {
          /* a wrapper the caller has established as the article's: no furniture test */
        } else if (CHROME_TAGS.has(tag) || (key && tag !== 'ARTICLE' && tag !== 'MAIN' && bits & K_STRONG)) {
          rec.negSelf = true;
          rec.neg = true;
        } else if (key && tag !== 'ARTICLE' && tag !== 'MAIN' && bits & K_WEAK) {
          rec.weak = true;
        }
        if (tag === 'H1' && h1s.length < 8) h1s.push((el.textContent || '').replace(/\s+/g, ' ').trim());
        else if (tag === 'TIME' && times.length < 8) times.push(el);
        if (attrs && bylines.length < 8 && (bits & K_BYLINE || at.author)) bylines.push(el);
        recs.set(el, rec);
        stack.push(rec);
        node = el.firstChild;
        continue;
      }
      if (type === 3) {
        const data = (node as Text).data;
        // Cheap trimmed length without allocating for whitespace-only nodes.
        let s = 0;
        let e = data.length;
        while (s < e && data.charCodeAt(s) <= 32) s++;
        while (e > s && data.charCodeAt(e - 1) <= 32) e--;
        if (e > s) {
          const top = stack[stack.length - 1]!;
          const b = top.block!;
          const len = e - s + 1;
          if (b.own === 0) b.leadLink = top.inLink;
          b.own += len;
          if (top.inLink) b.ownLink += len;
          else {
            const c = data.charCodeAt(e - 1);
            b.last = data[e - 1]!;
            b.ellipsis = c === 0x2026 || (c === 46 && e - s >= 3 && data.charCodeAt(e - 2) === 46 && data.charCodeAt(e - 3) === 46);
          }
          if (!b.cjk && CJK.test(data.length > 200 ? data.slice(0, 200) : data)) b.cjk = true;
        }
      }
      node = node.nextSibling;
      continue;
    }
    // Leaving an element: classify its own text, compute its score, pass totals up.
    const rec = stack.pop()!;
    if (rec.isBlock && rec.own > 0) {
      const L = rec.own;
      const Lk = rec.ownLink;
      const nl = L - Lk;
      rec.text += L;
      rec.link += Lk;
      // Why: prose is long or sentence-shaped and mostly not links.
      const prose = (nl >= 80 || (nl >= 25 && TERMINAL.test(rec.last)) || (rec.cjk && nl >= 12)) && Lk <= 0.4 * L;
      if (prose) rec.raw += nl;
      if (rec.neg) {
        rec.bad += L;
      } else if (prose) {
        rec.good += nl;
        rec.bad += Lk;
        rec.paras++;
      } else {
        rec.bad += Lk + SHORT_WEIGHT * nl;
      }
      const linky = L >= 10 && Lk >= 0.6 * L;
      if (linky) {
        rec.linkBlocks++;
        // A linked headline is the mark of a teaser, wherever it sits in the card.
        if (rec.el.tagName.length === 2 && rec.el.tagName[0] === 'H') rec.linkHeads++;
      }
      if (!rec.first) rec.first = linky ? 1 : 2;
    }
    if ((rec.first === 1 || rec.linkHeads) && rec.linkBlocks && rec.paras <= 2 && rec.good > 0 && rec.good < CARD_MAX && CARD_TAGS.has(rec.el.tagName)) {
      // Why: a teaser card — a headline link followed by a one- or two-sentence summary — is
      // prose-shaped but belongs to a list of other stories, not to the article.
      rec.bad += rec.good;
      rec.good = 0;
      rec.paras = 0;
      rec.card = true;
    } else if (rec.leadLink && rec.ellipsis && rec.ownLink >= 15 && rec.paras === 1 && rec.good < CARD_MAX && CARD_TAGS.has(rec.el.tagName)) {
      // Why: the same teaser written inline — a headline link and a summary cut off with an
      // ellipsis in one block ("<li><a>Headline</a> <span>First words of the story…</span>") —
      // is a story of a list (tickers, "latest news"), never a paragraph of the article.
      rec.bad += rec.good;
      rec.good = 0;
      rec.paras = 0;
      rec.card = true;
    }
    if (rec.weak) {
      // Why: a weakly-marked element holding several long paragraphs is a layout wrapper
      // ("main-with-sidebar"), not furniture; anything smaller is furniture after all.
      if (rec.good < WEAK_OVERRULE || rec.paras < 3) {
        rec.negSelf = true;
        rec.bad += rec.good;
        rec.good = 0;
      }
    }
    if (rec.negSelf && negatives.length < 5000) negatives.push(rec);
    if (!rec.neg && !rec.negSelf && rec.good > 0) {
      let score = rec.good - LAMBDA * rec.bad;
      // Why: an explicit article container is a strong hint; a small bonus breaks near-ties.
      const tag = rec.el.tagName;
      if (tag === 'ARTICLE' || tag === 'MAIN') score += 0.03 * rec.good;
      else {
        const k = rec.key;
        if (k && POSITIVE.test(k)) score += 0.02 * rec.good;
      }
      rec.score = score;
      if (!best || score > best.score) best = rec;
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.good += rec.good;
      parent.raw += rec.raw;
      parent.bad += rec.bad;
      parent.text += rec.text;
      parent.link += rec.link;
      parent.paras += rec.paras;
      parent.linkBlocks += rec.linkBlocks;
      parent.linkHeads += rec.linkHeads;
      if (!parent.first) parent.first = rec.first;
      node = rec.el.nextSibling;
    }
  }
  out.best = best;
  out.elements = count;
  return out;
}
