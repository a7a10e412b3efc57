import { normaliseText } from './normalise.js';

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
  /** The page declares itself an article (og:type article, article:published_time, JSON-LD). */
  articleMeta: boolean;
}

const NODE_ELEMENT = 1;
const NODE_TEXT = 3;
const NODE_COMMENT = 8;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'param', 'keygen', 'frame',
]);
const RAW_CAP: Record<string, number> = { script: 3000, style: 1500, noscript: 3000, template: 0 };
const TEXT_CAP = 8000;
const MAX_IMAGES = 12;
const MAX_FORWARDS = 12;

const LOCATION_RE = /(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\()\s*["']([^"']{4,300})["']/g;

export function walk(doc: Document, budget: number): PageFacts {
  const facts: PageFacts = {
    html: '', text: '', textLength: 0, truncated: false, elements: 0, links: 0, paragraphs: 0,
    title: '', forwards: [], images: [], articleMeta: false,
  };
  const root = doc.documentElement;
  if (!root) return facts;
  const out: string[] = [];
  let size = 0;
  const texts: string[] = [];
  let textSize = 0;
  let rawParent = '';
  let inTitle = false;

  const emit = (s: string): void => {
    out.push(s);
    size += s.length;
  };

  let node: Node | null = root;
  // Iterative pre-order walk with explicit close tags on the way up.
  outer: while (node) {
    const type = node.nodeType;
    if (type === NODE_ELEMENT) {
      const el = node as Element;
      const name = el.localName;
      facts.elements++;
      let open = '<' + name;
      const attrs = el.attributes;
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs[i]!;
        open += ' ' + a.name + '=' + normaliseText(a.value.length > 400 ? a.value.slice(0, 400) : a.value);
      }
      emit(open + '>');
      noteElement(el, name, facts);
      if (name === 'title' && !facts.title) inTitle = true;
      if (name in RAW_CAP) rawParent = name;
      const first = el.firstChild;
      if (first && !VOID.has(name)) {
        node = first;
        continue;
      }
      if (!VOID.has(name)) emit('</' + name + '>');
    } else if (type === NODE_TEXT) {
      const data = (node as Text).data;
      if (rawParent) {
        const cap = RAW_CAP[rawParent] ?? 0;
        if (cap > 0) {
          const piece = data.length > cap ? data.slice(0, cap) : data;
          emit(normaliseText(piece).trim());
          if (rawParent === 'script' && facts.forwards.length < MAX_FORWARDS) scriptForwards(piece, facts);
        }
      } else {
        const t = normaliseText(data.length > 4000 ? data.slice(0, 4000) : data).trim();
        if (t) {
          emit(t);
          if (inTitle) facts.title = t;
          else {
            facts.textLength += t.length + 1;
            if (textSize < TEXT_CAP) {
              texts.push(t);
              textSize += t.length + 1;
            }
          }
        }
      }
    } else if (type === NODE_COMMENT) {
      const data = (node as Comment).data;
      emit('<!--' + normaliseText(data.length > 1000 ? data.slice(0, 1000) : data) + '-->');
    }
    if (size >= budget) {
      facts.truncated = true;
      break;
    }
    // Move to the next node: sibling, or close parents until one has a sibling.
    while (node) {
      if (node === root) {
        node = null;
        break outer;
      }
      const next: Node | null = node.nextSibling;
      if (next) {
        node = next;
        continue outer;
      }
      node = node.parentNode;
      if (!node || node.nodeType !== NODE_ELEMENT) break outer;
      const name = (node as Element).localName;
      emit('</' + name + '>');
      if (name === rawParent) rawParent = '';
      if (name === 'title') inTitle = false;
    }
  }
  facts.html = out.join('');
  facts.text = texts.join(' ');
  return facts;
}

function noteElement(el: Element, name: string, facts: PageFacts): void {
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
      if (prop === 'article:published_time' || (prop === 'og:type' && /article/i.test(el.getAttribute('content') ?? ''))) {
        facts.articleMeta = true;
      }
      break;
    }
    case 'iframe':
    case 'frame':
    case 'embed':
    case 'object': {
      const src = el.getAttribute('src') ?? el.getAttribute('data');
      if (src && facts.forwards.length < MAX_FORWARDS) facts.forwards.push(normaliseText(src));
      break;
    }
    case 'img': {
      if (facts.images.length < MAX_IMAGES) {
        const s = (el.getAttribute('src') ?? '') + ' ' + (el.getAttribute('alt') ?? '');
        facts.images.push(normaliseText(s.slice(0, 300)));
      }
      break;
    }
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

function scriptForwards(code: string, facts: PageFacts): void {
  if (code.indexOf('location') < 0) return;
  LOCATION_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOCATION_RE.exec(code)) && facts.forwards.length < MAX_FORWARDS) {
    facts.forwards.push(normaliseText(m[1]!));
  }
}
