import { normaliseHtml, normaliseText } from './normalise.js';

/**
 * One bounded pass over the document that gathers everything detection looks at.
 *
 * It never serialises the whole page: it writes its own normalised serialisation (see
 * normalise.ts) and stops once `budget` characters are written, so a large news page costs the
 * same as a small one. Script and style bodies are capped each (analytics ids sit at their
 * start); visible text is collected separately for the wording heuristics.
 */
export interface PageFacts {
  /** Normalised serialisation of the start of the page (see normalise.ts). */
  html: string;
  /** Normalised visible text (no script/style), capped. */
  text: string;
  /**
   * The same text without that of links and navigation, raw pieces (normalised only by the few
   * pages that get that far, with unlinkedText()): a portal's "Login" or "Subscribe" link in its
   * header is not a wall in front of the page (see heuristics.ts, OTHER_GATE).
   */
  unlinked: string[];
  /**
   * Markup the page holds but does not show as its own text: iframe srcdoc documents and
   * noscript content, raw and capped. An otherwise empty page can carry its notice there.
   */
  hidden: string[];
  /** Length of the visible text seen (exact when !truncated). */
  textLength: number;
  /** The walk stopped at its budget before reaching the end of the document. */
  truncated: boolean;
  elements: number;
  links: number;
  paragraphs: number;
  /** Normalised title. */
  title: string;
  /** Where the page sends the browser: meta refresh, (i)frames, script location assignments. */
  forwards: string[];
  /** Image sources and alt texts, normalised (the first few). */
  images: string[];
  /** The page declares itself a dated article (article:published_time, JSON-LD Article). */
  articleMeta: boolean;
  /** og:type is article (CMS-built block pages carry it too: weaker than articleMeta). */
  ogArticle: boolean;
  /** The page asks for a password (a login wall, not a block page). */
  passwordField: boolean;
  /**
   * The starts of the first inline scripts, raw: a page that writes its notice with script says
   * it in their string literals (`scriptProse`, read only on pages with almost no visible text).
   */
  scripts: string[];
  /**
   * The texts of the page's h1 and h2 headings, normalised (the first few): a notice inside a
   * portal's chrome is headed by what it says (heuristics.ts, the notice region).
   */
  headings: string[];
}

const NODE_ELEMENT = 1;
const NODE_TEXT = 3;
const NODE_COMMENT = 8;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'param', 'keygen', 'frame',
]);
const RAW_CAP: Record<string, number> = { script: 1500, style: 600, noscript: 1500, template: 0 };
const TEXT_CAP = 8000;
/** Block pages are small; beyond this many elements the rest of a page is not looked at. */
const MAX_ELEMENTS = 1200;
const MAX_IMAGES = 12;
const MAX_FORWARDS = 12;

const LOCATION_RE = /(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\()\s*["']([^"']{4,300})["']/g;

export function walk(doc: Document, budget: number): PageFacts {
  const facts: PageFacts = {
    html: '', text: '', unlinked: [], hidden: [], textLength: 0, truncated: false, elements: 0, links: 0, paragraphs: 0,
    title: '', forwards: [], images: [], articleMeta: false, ogArticle: false, passwordField: false,
    scripts: [], headings: [],
  };
  const root = doc.documentElement;
  if (!root) return facts;
  // Raw pieces; normalised once at the end (one pass over a joined string is much cheaper than
  // one per node).
  const out: string[] = [];
  let size = 0;
  const texts: string[] = [];
  const unlinked = facts.unlinked;
  let textSize = 0;
  /** How many `a`/`nav` elements the walk is inside. */
  let linkDepth = 0;
  let rawParent = '';
  let inTitle = false;
  let titleRaw = '';
  /** Inside an h1/h2: its text so far (null outside one). */
  let heading: string | null = null;

  let node: Node | null = root;
  // Iterative pre-order walk with explicit close tags on the way up.
  outer: while (node) {
    const type = node.nodeType;
    if (type === NODE_ELEMENT) {
      const el = node as Element;
      const name = el.localName;
      facts.elements++;
      let open = '<' + name;
      // getAttributeNames/getAttribute: far cheaper than the live `attributes` map in jsdom.
      const names = el.getAttributeNames();
      for (let i = 0; i < names.length; i++) {
        const n = names[i]!;
        const v = el.getAttribute(n) ?? '';
        open += ' ' + n + '=' + (v.length > 400 ? v.slice(0, 400) : v);
      }
      out.push(open, '>');
      size += open.length + 1;
      if (name === 'a' || name === 'p' || name === 'meta' || name === 'iframe' || name === 'frame' ||
          name === 'embed' || name === 'object' || name === 'img' || name === 'script' || name === 'input') {
        noteElement(el, name, facts);
      }
      const first = VOID.has(name) ? null : el.firstChild;
      if (first) {
        if (name === 'title' && !titleRaw) inTitle = true;
        if (name in RAW_CAP) rawParent = name;
        if (name === 'a' || name === 'nav') linkDepth++;
        if ((name === 'h1' || name === 'h2') && heading === null && facts.headings.length < MAX_HEADINGS) heading = '';
        node = first;
        continue;
      }
      if (!VOID.has(name)) {
        out.push('</' + name + '>');
        size += name.length + 3;
      }
    } else if (type === NODE_TEXT) {
      const data = (node as Text).data;
      if (rawParent) {
        const cap = RAW_CAP[rawParent] ?? 0;
        if (cap > 0) {
          const piece = data.length > cap ? data.slice(0, cap) : data;
          out.push(piece);
          size += piece.length;
          if (rawParent === 'script' && facts.forwards.length < MAX_FORWARDS) scriptForwards(piece, facts);
          if (rawParent === 'script' && facts.scripts.length < MAX_SCRIPTS) facts.scripts.push(piece);
          if (rawParent === 'noscript' && facts.hidden.length < MAX_HIDDEN && piece.trim()) facts.hidden.push(piece);
        }
      } else {
        const piece = data.length > 4000 ? data.slice(0, 4000) : data;
        out.push(piece);
        size += piece.length;
        if (heading !== null && heading.length < 300) heading += piece;
        if (inTitle) titleRaw += piece;
        else if (textSize < TEXT_CAP) {
          texts.push(piece);
          if (linkDepth === 0) unlinked.push(piece);
          textSize += piece.length;
        } else facts.textLength += piece.length;
      }
    } else if (type === NODE_COMMENT) {
      const data = (node as Comment).data;
      const piece = '<!--' + (data.length > 1000 ? data.slice(0, 1000) : data) + '-->';
      out.push(piece);
      size += piece.length;
    }
    if (size >= budget || facts.elements >= MAX_ELEMENTS) {
      facts.truncated = true;
      break;
    }
    // Move to the next node: sibling, or close parents until one has a sibling.
    while (node) {
      if (node === root) break outer;
      const next: Node | null = node.nextSibling;
      if (next) {
        node = next;
        continue outer;
      }
      node = node.parentNode;
      if (!node || node.nodeType !== NODE_ELEMENT) break outer;
      const name = (node as Element).localName;
      out.push('</' + name + '>');
      size += name.length + 3;
      if (name === rawParent) rawParent = '';
      if (name === 'title') inTitle = false;
      if (name === 'a' || name === 'nav') linkDepth--;
      if ((name === 'h1' || name === 'h2') && heading !== null) {
        const h = normaliseText(heading).trim();
        if (h) facts.headings.push(h);
        heading = null;
      }
      // A page whose head declares it an article is not a block page: stop at the head.
      if (name === 'head' && facts.articleMeta) {
        facts.truncated = true;
        break outer;
      }
    }
  }
  facts.html = normaliseHtml(out.join(''));
  const text = normaliseText(texts.join(' ')).trim();
  facts.text = text;
  facts.textLength += text.length;
  facts.title = normaliseText(titleRaw).trim();
  return facts;
}

/** The page's visible text without its links and navigation, normalised. */
export function unlinkedText(f: PageFacts): string {
  return normaliseText(f.unlinked.join(' ')).trim();
}

function noteElement(el: Element, name: string, facts: PageFacts): void {
  // Called only for the element names handled below.
  switch (name) {
    case 'a':
      facts.links++;
      break;
    case 'p':
      facts.paragraphs++;
      break;
    case 'meta': {
      const equiv = (el.getAttribute('http-equiv') ?? '').toLowerCase();
      if (equiv === 'refresh') {
        const m = /url\s*=\s*["']?([^"'\s>]+)/i.exec(el.getAttribute('content') ?? '');
        if (m?.[1]) facts.forwards.push(normaliseText(m[1]));
      }
      const prop = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').toLowerCase();
      // Not og:type=article alone: CMS-built block pages carry it too.
      if (prop === 'article:published_time') {
        facts.articleMeta = true;
      } else if (prop === 'og:type' && /article/i.test(el.getAttribute('content') ?? '')) {
        facts.ogArticle = true;
      }
      break;
    }
    case 'iframe':
    case 'frame':
    case 'embed':
    case 'object': {
      const src = el.getAttribute('src') ?? el.getAttribute('data');
      if (src && facts.forwards.length < MAX_FORWARDS) facts.forwards.push(normaliseText(src));
      const srcdoc = name === 'iframe' ? el.getAttribute('srcdoc') : null;
      if (srcdoc && facts.hidden.length < MAX_HIDDEN) facts.hidden.push(srcdoc.slice(0, 4000));
      break;
    }
    case 'img': {
      if (facts.images.length < MAX_IMAGES) {
        const s = (el.getAttribute('src') ?? '') + ' ' + (el.getAttribute('alt') ?? '');
        facts.images.push(normaliseText(s.slice(0, 300)));
      }
      break;
    }
    case 'input':
      if ((el.getAttribute('type') ?? '').toLowerCase() === 'password') facts.passwordField = true;
      break;
    case 'script':
      if (/ld\+json/i.test(el.getAttribute('type') ?? '')) {
        const t = el.textContent ?? '';
        if (/"@type"\s*:\s*"(?:News|Blog|Scholarly|Tech)?Article"|"@type"\s*:\s*"(?:Report|BlogPosting|LiveBlogPosting)"/.test(t.slice(0, 4000))) {
          facts.articleMeta = true;
        }
      }
      break;
    default:
  }
}

const MAX_SCRIPTS = 8;
const MAX_HEADINGS = 8;
const MAX_HIDDEN = 24;

/** The text of the hidden markup (srcdoc, noscript): tags dropped, entities of srcdoc already decoded by the parser. */
export function hiddenText(f: PageFacts): string {
  return normaliseText(f.hidden.join(' ').replace(/<(?:script|style)\b[\s\S]*?<\/(?:script|style)>|<[^>]*>/gi, ' ')).trim();
}
const PROSE_CAP = 3000;
/** A string literal holding words: at least three, so identifiers, URLs and selectors are not prose. */
const PROSE_RE = /"((?:[^"\\\n]|\\.){12,600})"|'((?:[^'\\\n]|\\.){12,600})'|`([^`]{12,600})`/g;

/** A run of letters in a script written without spaces between words (Chinese, Japanese, Thai, Khmer, Burmese). */
const UNSPACED_PROSE = /[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]{6,}/;

/** The prose in the string literals of a page's first inline scripts, normalised and capped. */
export function scriptProse(scripts: string[]): string {
  const out: string[] = [];
  let added = 0;
  for (const code of scripts) {
    PROSE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PROSE_RE.exec(code)) && added < PROSE_CAP) {
      // Escaped letters (\u60a8, as minifiers and hand-written notices in other scripts write them) read as text.
      // Markup in a literal ('<p>…</p>', as a notice built with innerHTML is written) is dropped
      // first: its text is the notice; code, selectors and style rules keep their {};= and are not.
      const literal = (m[1] ?? m[2] ?? m[3] ?? '')
        .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/<\/?[a-z][^<>]*>/gi, ' ');
      if ((/\S+\s+\S+\s+\S+/.test(literal) || UNSPACED_PROSE.test(literal)) && !/[<>{};=]/.test(literal)) {
        out.push(literal);
        added += literal.length;
      }
    }
  }
  return normaliseText(out.join(' ')).trim();
}

function scriptForwards(code: string, facts: PageFacts): void {
  if (code.indexOf('location') < 0) return;
  LOCATION_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOCATION_RE.exec(code)) && facts.forwards.length < MAX_FORWARDS) {
    facts.forwards.push(normaliseText(m[1]!));
  }
}

/** The title a page's script gives it (`document.title = '…'`), normalised; '' if none. */
export function scriptTitle(scripts: string[]): string {
  for (const code of scripts) {
    const m = /document\.title\s*=\s*(["'`])((?:(?!\1)[^\\\n]|\\.){3,200})\1/.exec(code);
    if (m?.[2]) return normaliseText(m[2].replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))).trim();
  }
  return '';
}
