/**
 * DOM-free rewriting of sanitised article HTML, so the save pipeline also runs in Chrome's
 * service worker (which has no DOMParser). The input is always a browser's (or jsdom's)
 * serialisation of DOMPurify output: every `<` outside an attribute value starts a tag or a
 * comment, and attribute values are quoted. At that level serialised HTML is regular, so a
 * quote-aware tag pattern is exact; text content is never touched.
 */

/** A start tag with quote-aware attributes (values may contain `>`). */
const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const COMMENT = /<!--[\s\S]*?-->/g;

export interface Attr {
  name: string;
  value: string | null;
}

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'nbsp') return '\u00a0';
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function parseAttrs(source: string): Attr[] {
  const out: Attr[] = [];
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(source))) {
    const raw = m[2] ?? m[3] ?? m[4];
    out.push({ name: m[1]!.toLowerCase(), value: raw === undefined ? null : decodeEntities(raw) });
  }
  return out;
}

function serializeTag(name: string, attrs: Attr[], selfClosing: boolean): string {
  const parts = attrs.map((a) => (a.value === null ? a.name : `${a.name}="${escapeAttr(a.value)}"`));
  return `<${name}${parts.length ? ' ' + parts.join(' ') : ''}${selfClosing ? ' /' : ''}>`;
}

/**
 * Calls `fn` for every start tag; `fn` may change the attributes in place, return null to keep
 * the tag as it was, or return false to drop the tag (its end tag, if any, stays harmless).
 */
export function rewriteTags(html: string, fn: (tag: string, attrs: Attr[]) => Attr[] | null | false): string {
  const withoutComments = html.replace(COMMENT, '');
  return withoutComments.replace(START_TAG, (whole, rawName: string, rest: string) => {
    const tag = rawName.toLowerCase();
    const selfClosing = /\/\s*$/.test(rest);
    const attrs = parseAttrs(selfClosing ? rest.replace(/\/\s*$/, '') : rest);
    const result = fn(tag, attrs);
    if (result === null) return whole;
    if (result === false) return '';
    return serializeTag(rawName, result, selfClosing);
  });
}

export interface SrcsetCandidate {
  url: string;
  width: number | null;
  density: number | null;
}

export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  // Candidates are separated by commas followed by whitespace (URLs may contain commas).
  for (const part of srcset.split(/,\s+|,$/)) {
    const [url, descriptor] = part.trim().split(/\s+/, 2);
    if (!url) continue;
    const w = descriptor?.match(/^(\d+)w$/i);
    const x = descriptor?.match(/^([\d.]+)x$/i);
    out.push({ url, width: w ? Number(w[1]) : null, density: x ? Number(x[1]) : descriptor ? null : 1 });
  }
  return out;
}

/**
 * One sensible candidate for reading: the reader column is ~46rem, so ~1600px covers a 2x
 * screen. The smallest width at or above that, else the widest; for densities, 2x or the
 * nearest below, else the smallest.
 */
export function pickSrcsetCandidate(srcset: string, targetWidth = 1600): string | null {
  const cands = parseSrcset(srcset);
  if (!cands.length) return null;
  const withW = cands.filter((c) => c.width !== null).sort((a, b) => a.width! - b.width!);
  if (withW.length) return (withW.find((c) => c.width! >= targetWidth) ?? withW[withW.length - 1]!).url;
  const withX = cands.filter((c) => c.density !== null).sort((a, b) => a.density! - b.density!);
  if (withX.length) {
    const below = withX.filter((c) => c.density! <= 2);
    return (below.length ? below[below.length - 1]! : withX[0]!).url;
  }
  return cands[0]!.url;
}

export function resolveUrl(url: string, base: string | undefined): string | null {
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return null;
  }
}

const IMAGE_SCHEME = 'samizdat-image:';
export const imageRef = (id: string) => `${IMAGE_SCHEME}${id}`;
const IMAGE_REF = /samizdat-image:([0-9a-f]{64})/g;

/** Image URLs an article shows, absolute, in document order, without duplicates. */
export function findImageUrls(html: string, baseUrl?: string): string[] {
  const seen = new Set<string>();
  rewriteTags(html, (tag, attrs) => {
    if (tag !== 'img') return null;
    const url = chooseImgSource(attrs, baseUrl);
    if (url && /^https?:/i.test(url)) seen.add(url);
    return null;
  });
  return [...seen];
}

function chooseImgSource(attrs: Attr[], baseUrl?: string): string | null {
  const get = (n: string) => attrs.find((a) => a.name === n)?.value ?? null;
  const srcset = get('srcset');
  const picked = srcset ? pickSrcsetCandidate(srcset) : null;
  const raw = picked ?? get('src');
  return raw ? resolveUrl(raw, baseUrl) : null;
}

/** Attributes through which an element would load something. */
const LOADING_ATTRS = new Set(['src', 'srcset', 'poster', 'background', 'lowsrc', 'dynsrc', 'longdesc', 'data', 'imagesrcset', 'ping']);

function isLocalUrl(value: string): boolean {
  return /^(?:data:image\/(?:png|jpe?g|gif|webp|avif|bmp);|samizdat-image:)/i.test(value.trim());
}

/**
 * The HTML to store: each fetched <img> points at `samizdat-image:<sha256>`, and every other
 * attribute that would load anything remote is removed (images that could not be fetched keep
 * their alt text and an `data-samizdat-original` record of where they were).
 */
export function rewriteForStorage(html: string, baseUrl: string | undefined, stored: Map<string, string>): string {
  return rewriteTags(html, (tag, attrs) => {
    let out = attrs;
    if (tag === 'img') {
      const url = chooseImgSource(attrs, baseUrl);
      const id = url ? stored.get(url) : undefined;
      out = attrs.filter((a) => a.name !== 'srcset' && a.name !== 'sizes' && a.name !== 'src' && a.name !== 'loading');
      if (id) out.push({ name: 'src', value: imageRef(id) });
      else {
        const keep = attrs.find((a) => a.name === 'src' && a.value && isLocalUrl(a.value));
        if (keep) out.push(keep);
        else if (url) out.push({ name: 'data-samizdat-original', value: url });
      }
      return out;
    }
    if (tag === 'source' || tag === 'track') return false;
    out = attrs.filter((a) => {
      if (a.name.startsWith('on')) return false;
      if (LOADING_ATTRS.has(a.name)) return a.value !== null && isLocalUrl(a.value);
      if (a.name === 'style' && a.value && /url\s*\(/i.test(a.value)) return false;
      if (a.name === 'href' && a.value && !/^(?:https?:|mailto:|tel:|#)/i.test(a.value.trim())) {
        const abs = resolveUrl(a.value, baseUrl);
        if (abs && /^https?:/i.test(abs)) {
          a.value = abs;
          return true;
        }
        return false;
      }
      return true;
    });
    return out;
  });
}

/** The image ids referenced by stored HTML. */
export function referencedImageIds(html: string): string[] {
  return [...new Set([...html.matchAll(IMAGE_REF)].map((m) => m[1]!))];
}

/** Replaces stored image references with render-time URLs (blob: or data:). */
export function resolveImageRefs(html: string, urlFor: (id: string) => string | undefined): string {
  return html.replace(IMAGE_REF, (whole, id: string) => urlFor(id) ?? '');
}
