/**
 * Elements the later stages need from the whole page (meta tags, JSON-LD, <link>, <title>,
 * <base>, rel=next and pagination links, figures), gathered during the scoring walk.
 * Why: each `querySelectorAll` over the document is a full tree walk of its own (in jsdom a
 * slow one), and the scan already visits every element once.
 */

/** Caps keep a hostile page (millions of meta tags or links) from growing these lists. */
const MAX_METAS = 2000;
const MAX_LD = 50;
const MAX_LINKS = 500;
const MAX_ANCHORS = 500;
const MAX_FIGURES = 40;

export interface PageRefs {
  /** <meta> elements with a content attribute, in document order. */
  metas: Element[];
  /** Text of <script type=…ld+json> elements. */
  ldJson: string[];
  /** <link> elements with rel and href. */
  links: Element[];
  title: Element | null;
  base: Element | null;
  /** <a> elements with rel and href. */
  relAnchors: Element[];
  /** <a href> inside pagination-like containers, or with a "next" class. */
  pagAnchors: Element[];
  figures: Element[];
}

export function newRefs(): PageRefs {
  return { metas: [], ldJson: [], links: [], title: null, base: null, relAnchors: [], pagAnchors: [], figures: [] };
}

/** Is this class or id the mark of a pagination container? (Case as sites write it.) */
export function isPagKey(cls: string | null, id: string | null): boolean {
  return (!!cls && (cls.includes('pag') || cls.includes('Pag'))) || (!!id && id.includes('pag'));
}

/**
 * Note one element the walk reached. `inPag` says it sits inside a pagination container.
 * Only reads attributes for the few tags that matter. `names`, when the caller has them, are
 * the element's attribute names (null: none), which saves the presence tests on links.
 */
export function noteElement(refs: PageRefs, el: Element, tag: string, inPag: boolean, names?: string[] | null): void {
  switch (tag) {
    case 'META':
      if (refs.metas.length < MAX_METAS && el.hasAttribute('content')) refs.metas.push(el);
      return;
    case 'SCRIPT': {
      if (refs.ldJson.length >= MAX_LD) return;
      const type = el.getAttribute('type');
      if (type && /ld\+json/i.test(type)) refs.ldJson.push(el.textContent || '');
      return;
    }
    case 'LINK':
      if (refs.links.length < MAX_LINKS && el.hasAttribute('rel') && el.hasAttribute('href')) refs.links.push(el);
      return;
    case 'TITLE':
      if (!refs.title) refs.title = el;
      return;
    case 'BASE':
      if (!refs.base) refs.base = el;
      return;
    case 'FIGURE':
      if (refs.figures.length < MAX_FIGURES) refs.figures.push(el);
      return;
    case 'A': {
      if (names !== undefined) {
        if (!names || !names.includes('href')) return;
      } else if (!el.hasAttributes() || !el.hasAttribute('href')) return;
      if (refs.relAnchors.length < MAX_ANCHORS && (names ? names.includes('rel') : el.hasAttribute('rel'))) refs.relAnchors.push(el);
      if (refs.pagAnchors.length < MAX_ANCHORS) {
        const cls = names && !names.includes('class') ? null : el.getAttribute('class');
        if (inPag || (cls && (cls.includes('next') || cls.includes('Next')))) refs.pagAnchors.push(el);
      }
      return;
    }
  }
}

/** Note every element of a subtree the scoring walk does not enter (<head>, hidden parts). */
export function noteSubtree(refs: PageRefs, root: Element, inPag: boolean, budget: number): number {
  const pagStack: boolean[] = [];
  let pag = inPag;
  let node: Node | null = root;
  let n = 0;
  // Iterative pre-order walk bounded by `budget` elements; returns how many it visited.
  while (node && n < budget) {
    if (node.nodeType === 1) {
      const el = node as Element;
      n++;
      noteElement(refs, el, el.tagName, pag);
      if (el.firstChild && el.tagName !== 'TEMPLATE') {
        pagStack.push(pag);
        if (!pag && el.hasAttributes()) pag = isPagKey(el.getAttribute('class'), el.getAttribute('id'));
        node = el.firstChild;
        continue;
      }
    }
    // Next sibling, or climb until one exists (never above root).
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node.nodeType === 1) pag = pagStack.pop() ?? inPag;
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return n;
}
