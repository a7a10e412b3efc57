/**
 * The one normal form that block-page signatures and page text are compared in.
 *
 * Signatures are written against raw HTML bytes, but the detector sees a parsed DOM whose
 * serialisation differs from the bytes (tag case, attribute quoting, `<br />` vs `<br>`,
 * entities, whitespace). Both sides are brought to a form where those differences vanish:
 * entities decoded, lower case, quotes dropped, `/>` → `>`, whitespace runs → one space and
 * no whitespace next to `<` or `>`.
 *
 * scripts/gen-blockpage-signatures.mjs has a copy of normalise() (it runs without TypeScript);
 * a unit test checks every generated pattern is a fixed point of this one.
 */

const ENTITIES: Record<string, string> = {
  nbsp: ' ', quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", laquo: '«', raquo: '»',
  bull: '•', mdash: '—', ndash: '–', hellip: '…', copy: '©', reg: '®', shy: '',
};

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    const v = ENTITIES[e.toLowerCase()];
    return v === undefined ? m : v;
  });
}

/** Normal form of a signature pattern (raw HTML or text). */
export function normalise(s: string): string {
  return normaliseText(decodeEntities(s).replace(/\s*\/>/g, '>')).replace(/ ?([<>]) ?/g, '$1');
}

/** Normal form of a piece of DOM text or an attribute value (already entity-decoded). */
export function normaliseText(s: string): string {
  return s.toLowerCase().replace(/["']/g, '').replace(/[\s\u200b-\u200d]+/g, ' ');
}

/** Normal form of a raw serialisation built from DOM pieces (text already entity-decoded). */
export function normaliseHtml(s: string): string {
  return normaliseText(s).replace(/ ?([<>]) ?/g, '$1');
}
