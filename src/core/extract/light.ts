/**
 * A lightweight article tree: plain JS objects instead of DOM nodes. Building, pruning and
 * serialising it costs a fraction of creating DOM elements (which in jsdom allocate style
 * objects, wrappers and mutation records), and the text output comes straight from it.
 * Tags and attribute names only ever come from our own allowlists. Only the final tree becomes
 * DOM (toDom, in an inert document), which DOMPurify then sanitises in place.
 */
export interface LNode {
  /** Lower-case tag name from the allowlist. */
  t: string;
  /** Attributes, already filtered and absolutised. */
  a: [string, string][] | null;
  c: (LNode | string)[];
}

export function el(t: string, a: [string, string][] | null = null): LNode {
  return { t, a, c: [] };
}

const VOID = new Set(['img', 'br', 'hr', 'col', 'wbr']);
/** Block-level tags: paragraph breaks in text output. */
export const LBLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'li', 'td', 'th', 'dd', 'dt', 'blockquote',
  'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'figure', 'ul', 'ol', 'dl', 'table',
  'tr', 'tbody', 'thead', 'tfoot', 'caption', 'address', 'details', 'summary', 'hr',
]);
/** Elements that carry meaning even with no text inside. */
const SOLID = new Set(['img', 'hr', 'br', 'td', 'th', 'col', 'colgroup', 'wbr']);

/**
 * Build real DOM nodes for the tree under a new <div> of `doc` (an inert document: see
 * sanitize.ts). Iterative, so deeply nested input cannot overflow the stack.
 */
export function toDom(root: LNode, doc: Document): Element {
  const holder = doc.createElement('div');
  const make = (n: LNode, parent: Node): Element => {
    const e = doc.createElement(n.t);
    if (n.a) {
      for (const [k, v] of n.a) {
        try {
          e.setAttribute(k, v);
        } catch {
          /* a name the DOM rejects is dropped */
        }
      }
    }
    parent.appendChild(e);
    return e;
  };
  // Each element is created and appended when its parent's children are visited (so order is
  // kept), and queued to have its own children filled in.
  const stack: [LNode, Element][] = [[root, make(root, holder)]];
  while (stack.length) {
    const [n, e] = stack.pop()!;
    if (VOID.has(n.t)) continue;
    const cs = n.c;
    // Inside <pre> all whitespace shows; inside inline elements it separates words.
    const blockParent = LBLOCK.has(n.t) && n.t !== 'pre';
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (typeof c !== 'string') {
        stack.push([c, make(c, e)]);
        continue;
      }
      // Why: every node costs in DOMPurify's walks and in the DOM itself. Adjacent strings
      // become one text node, and whitespace in a block between two blocks (or a block and the
      // container's edge), which renders as nothing, is not built at all.
      const start = i;
      let text = c;
      while (i + 1 < cs.length && typeof cs[i + 1] === 'string') text += cs[++i] as string;
      if (blockParent && !/[^ \t\n\r\f]/.test(text) && isBlockOrEdge(cs[start - 1]) && isBlockOrEdge(cs[i + 1])) continue;
      e.appendChild(doc.createTextNode(text));
    }
  }
  return holder;
}

/** No sibling (the container's edge) or a block element: whitespace next to it renders as nothing. */
function isBlockOrEdge(n: LNode | string | undefined): boolean {
  return n === undefined || (typeof n !== 'string' && LBLOCK.has(n.t));
}

const BREAK = '\u0000';

/**
 * Plain text: whitespace collapsed in running text, <pre> verbatim, <br> a line break, and a
 * blank line between blocks.
 */
export function toText(root: LNode): string {
  const parts: string[] = [];
  const stack: (LNode | string | { end: boolean; pre: boolean })[] = [root];
  let pre = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      parts.push(pre ? n.replace(/\n/g, '\u0001') : n.replace(/[\s\u00a0]+/g, ' '));
      continue;
    }
    if ('end' in n) {
      if (n.pre) pre--;
      if (n.end) parts.push(BREAK);
      continue;
    }
    if (n.t === 'br') {
      parts.push('\u0001');
      continue;
    }
    // Captions describe pictures; the article's running text is the body without them.
    if (n.t === 'img' || n.t === 'figcaption') continue;
    const block = LBLOCK.has(n.t);
    if (block) parts.push(BREAK);
    const isPre = n.t === 'pre';
    if (isPre) pre++;
    stack.push({ end: block, pre: isPre });
    for (let i = n.c.length - 1; i >= 0; i--) stack.push(n.c[i]!);
  }
  const out: string[] = [];
  for (const para of parts.join('').split(BREAK)) {
    // \u0001 marks hard line breaks (<br>, newlines in <pre>); other whitespace is collapsed.
    const p = para
      .split('\u0001')
      .map((l) => l.replace(/^ +| +$/g, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+|\n+$/g, '')
      .trim();
    if (p) out.push(p);
  }
  return out.join('\n\n');
}

/** Concatenated text of a subtree (no layout), for comparisons. */
export function textOf(n: LNode | string, limit = Infinity): string {
  if (typeof n === 'string') return n;
  let s = '';
  const stack: (LNode | string)[] = [n];
  while (stack.length && s.length < limit) {
    const x = stack.pop()!;
    if (typeof x === 'string') s += x;
    else for (let i = x.c.length - 1; i >= 0; i--) stack.push(x.c[i]!);
  }
  return s;
}

/** Phrasing elements: an empty one between two words may hold the only space. */
const INLINE = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'q', 'cite', 'abbr', 'time', 'code', 'kbd', 'samp', 'var', 'dfn', 'bdi', 'bdo']);

/**
 * Remove elements left empty by pruning (keeping the space an empty inline element may have
 * held between two words), and collapse wrapper chains (<div><div>…): one
 * iterative post-order pass.
 */
export function prune(root: LNode): void {
  const order: LNode[] = [];
  const stack: LNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (const c of n.c) if (typeof c !== 'string') stack.push(c);
  }
  const full = new Set<LNode>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const kept: (LNode | string)[] = [];
    let solid = SOLID.has(n.t);
    for (const c of n.c) {
      if (typeof c === 'string') {
        kept.push(c);
        if (!solid && /\S/.test(c)) solid = true;
      } else if (full.has(c)) {
        // A bare <div> around a single <div> adds nothing: keep the inner one.
        const only = c.t === 'div' && !c.a ? singleChild(c) : null;
        kept.push(only && only.t === 'div' ? only : c);
        solid = true;
      } else if (INLINE.has(c.t) && /\s/.test(textOf(c, 64))) {
        // An empty element may still be the only space between two words ("one<b> </b>two").
        kept.push(' ');
      }
    }
    n.c = kept;
    if (solid) full.add(n);
  }
}

function singleChild(n: LNode): LNode | null {
  let one: LNode | null = null;
  for (const c of n.c) {
    if (typeof c === 'string') {
      if (/\S/.test(c)) return null;
    } else if (one) return null;
    else one = c;
  }
  return one;
}

/** Pre-order search (iterative) for the first node matching `f`, with its parent. */
export function find(root: LNode, f: (n: LNode) => boolean): { node: LNode; parent: LNode } | null {
  const stack: [LNode, LNode][] = [];
  for (let i = root.c.length - 1; i >= 0; i--) {
    const c = root.c[i]!;
    if (typeof c !== 'string') stack.push([c, root]);
  }
  while (stack.length) {
    const [n, p] = stack.pop()!;
    if (f(n)) return { node: n, parent: p };
    for (let i = n.c.length - 1; i >= 0; i--) {
      const c = n.c[i]!;
      if (typeof c !== 'string') stack.push([c, n]);
    }
  }
  return null;
}

export function attr(n: LNode, name: string): string | null {
  if (!n.a) return null;
  for (const [k, v] of n.a) if (k === name) return v;
  return null;
}
