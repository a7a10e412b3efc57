/** URL helpers: absolutising and picking the real source of lazy-loaded images. */

/** Resolve `href` against `base`; null for unusable or empty values. */
export function absolutize(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h) return null;
  if (h[0] === '#') return h; // in-page anchors (footnotes) stay relative to the article.
  try {
    return new URL(h, base || undefined).href;
  } catch {
    return null;
  }
}

/** Pick the best candidate from a srcset: the widest not above 2000w (or highest density). */
export function pickFromSrcset(srcset: string | null): string | null {
  if (!srcset) return null;
  let best: string | null = null;
  let bestW = -1;
  // Candidates are separated by commas followed by whitespace (URLs may contain commas).
  for (const part of srcset.split(/,\s+/)) {
    const [url, desc] = part.trim().split(/\s+/);
    if (!url) continue;
    let w = 1;
    if (desc) {
      const n = parseFloat(desc);
      if (!Number.isNaN(n)) w = desc.endsWith('x') ? n * 1000 : n;
    }
    if (w > 2000 && best) continue;
    if (w > bestW) {
      best = url.replace(/,$/, '');
      bestW = w;
    }
  }
  return best;
}

// Placeholder images that lazy loaders put into src until the real one is swapped in.
const PLACEHOLDER = /^data:|placeholder|blank\.(?:gif|png)|spacer|transparent\.|lazy[-_]?load|grey\.gif|pixel\.(?:gif|png)|1x1/i;
const LAZY_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src', 'data-image', 'data-img-src', 'data-echo', 'data-original-src', 'data-orig-file'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'srcset'];

/**
 * The real URL of an <img>: its src unless that is a placeholder, else the lazy-loader
 * attributes (data-src and friends), else the best srcset candidate. Why: news CMSs lazy-load
 * nearly every image, and a reader view has no scroll-driven script to swap them in.
 */
export function imageSource(img: Element): string | null {
  const src = img.getAttribute('src');
  if (src && src.trim() && !PLACEHOLDER.test(src)) return src.trim();
  for (const a of LAZY_ATTRS) {
    const v = img.getAttribute(a);
    if (v && v.trim() && !PLACEHOLDER.test(v) && !/^\s*[[{]/.test(v)) return v.trim();
  }
  for (const a of LAZY_SRCSET) {
    const v = pickFromSrcset(img.getAttribute(a));
    if (v && !PLACEHOLDER.test(v)) return v;
  }
  // A data: image that is not a tiny placeholder is a real inline image.
  if (src && /^data:image\/(?:png|jpe?g|gif|webp)/i.test(src) && src.length > 200) return src;
  return null;
}
