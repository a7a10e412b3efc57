/**
 * The start of an article body, made to fit under the reader's own header: the page's <h1>s
 * become <h2> (the reader's title is the only <h1>), and a leading heading or short byline line
 * that repeats the header is dropped. No sanitiser here: both the full render (render.ts) and the
 * first-paint script use it on bodies they have already made safe.
 */

export function normalizeText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function absolute(url: string, base: string): string | null {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}

/** Two image URLs name the same picture when they match without query string and fragment. */
export function sameImage(a: string, b: string, base = 'https://invalid.invalid/'): boolean {
  const strip = (u: string) => {
    const abs = absolute(u, base);
    if (!abs) return u;
    const parsed = new URL(abs);
    return parsed.protocol === 'blob:' || parsed.protocol === 'data:' ? abs : `${parsed.origin}${parsed.pathname}`;
  };
  return strip(a) === strip(b);
}

function renameElement(el: Element, tag: string): Element {
  const replacement = el.ownerDocument.createElement(tag);
  for (const attr of Array.from(el.attributes)) replacement.setAttribute(attr.name, attr.value);
  while (el.firstChild) replacement.appendChild(el.firstChild);
  el.replaceWith(replacement);
  return replacement;
}

export function dropRepeatedHeading(fragment: DocumentFragment, options: { title?: string; byline?: string | null }): void {
  // The reader's title is the page's only <h1>.
  for (const h1 of Array.from(fragment.querySelectorAll('h1'))) renameElement(h1, 'h2');
  const firstHeading = fragment.querySelector('h2, h3');
  if (firstHeading && options.title && normalizeText(firstHeading.textContent) === normalizeText(options.title)) {
    const before = fragment.textContent?.slice(0, 400) ?? '';
    // Only when it leads the body (nothing but whitespace or little text before it).
    if (normalizeText(before).startsWith(normalizeText(firstHeading.textContent))) firstHeading.remove();
  }

  // A short byline/date line at the top of the body repeats what the header already shows.
  const byline = normalizeText(options.byline);
  if (byline) {
    // Look through wrappers (a body that is one <div> holding everything) to the first blocks.
    let scope: ParentNode = fragment;
    while (scope.children.length === 1 && scope.firstElementChild && !/^(?:P|FIGURE|IMG|BLOCKQUOTE|UL|OL|TABLE|PRE)$/.test(scope.firstElementChild.tagName)) {
      scope = scope.firstElementChild;
    }
    for (const el of Array.from(scope.children).slice(0, 3)) {
      const text = normalizeText(el.textContent);
      if (text.length > 0 && text.length < 120 && text.includes(byline) && !el.querySelector('img')) {
        el.remove();
        break;
      }
      if (text.length >= 120) break;
    }
  }
}
