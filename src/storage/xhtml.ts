/**
 * Sanitised article HTML → XHTML for EPUB, without a DOM. The input is a browser's serialisation
 * (every non-void element has an end tag, void elements have none, text is escaped), so a tag
 * tokenizer with an element stack gives well-formed XML. Only elements and attributes valid in
 * EPUB content documents are kept; others are unwrapped (their content stays).
 */
import { decodeEntities, escapeAttr, escapeText, parseAttrs } from './html.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const KEEP = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'figure', 'figcaption', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'code', 'pre', 'br', 'hr', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'caption', 'div', 'section', 'aside', 'cite', 'q', 'small', 'mark', 'time', 'abbr', 'del', 'ins', 'kbd', 'samp', 'var', 'bdi', 'bdo', 'span',
]);
/** Elements whose whole content goes (nothing of them belongs in a book). */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'video', 'audio', 'picture', 'svg', 'math', 'iframe', 'object', 'button', 'select', 'textarea']);
const ATTRS: Record<string, string[]> = {
  '*': ['lang', 'dir', 'title'],
  a: ['href'],
  img: ['src', 'alt'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  time: ['datetime'],
  ol: ['start', 'reversed'],
  blockquote: [],
  q: [],
  bdo: [],
};

const TOKEN = /<!--[\s\S]*?-->|<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>|<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;

/** XML-safe text: entities decoded and re-escaped, characters XML forbids removed. */
function xmlText(raw: string): string {
  return escapeText(decodeEntities(raw).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

export interface XhtmlOptions {
  /** Maps an <img> src to the book's path for it, or null to drop the image (alt text stays). */
  imageSrc: (src: string) => string | null;
}

export function htmlToXhtmlFragment(html: string, options: XhtmlOptions): string {
  const out: string[] = [];
  const stack: { tag: string; kept: boolean }[] = [];
  let dropDepth = 0;
  for (const m of html.matchAll(TOKEN)) {
    const [whole, endName, startName, rest] = m;
    if (whole.startsWith('<!--')) continue;
    if (endName) {
      const tag = endName.toLowerCase();
      // Pop to the matching element (well-formed input matches at once).
      const at = stack.map((s) => s.tag).lastIndexOf(tag);
      if (at < 0) continue;
      while (stack.length > at) {
        const top = stack.pop()!;
        if (DROP_WITH_CONTENT.has(top.tag)) dropDepth--;
        else if (top.kept && dropDepth === 0) out.push(`</${top.tag}>`);
      }
      continue;
    }
    if (startName) {
      const tag = startName.toLowerCase();
      const isVoid = VOID.has(tag) || /\/\s*$/.test(rest ?? '');
      if (DROP_WITH_CONTENT.has(tag)) {
        if (!isVoid) {
          stack.push({ tag, kept: false });
          dropDepth++;
        }
        continue;
      }
      if (dropDepth > 0) {
        if (!isVoid) stack.push({ tag, kept: false });
        continue;
      }
      const kept = KEEP.has(tag);
      if (kept) {
        const allowed = new Set([...(ATTRS['*'] ?? []), ...(ATTRS[tag] ?? [])]);
        const attrs = parseAttrs((rest ?? '').replace(/\/\s*$/, '')).filter((a) => allowed.has(a.name) && a.value !== null);
        let skip = false;
        const parts: string[] = [];
        for (const a of attrs) {
          let value = a.value!;
          if (a.name === 'href') {
            if (!/^(?:https?:|mailto:)/i.test(value.trim())) continue;
            value = value.trim();
          }
          if (a.name === 'src') {
            const mapped = options.imageSrc(value);
            if (!mapped) {
              skip = true;
              break;
            }
            value = mapped;
          }
          if (a.name === 'dir' && !/^(?:ltr|rtl|auto)$/.test(value)) continue;
          if ((a.name === 'colspan' || a.name === 'rowspan' || a.name === 'start') && !/^\d+$/.test(value)) continue;
          if (a.name === 'reversed') value = 'reversed';
          parts.push(`${a.name}="${escapeAttr(value)}"`);
        }
        if (tag === 'img') {
          const alt = attrs.find((a) => a.name === 'alt')?.value ?? '';
          if (skip || !attrs.some((a) => a.name === 'src')) {
            if (alt) out.push(xmlText(escapeText(alt)));
            continue;
          }
          if (!attrs.some((a) => a.name === 'alt')) parts.push('alt=""');
        }
        const open = `<${tag}${parts.length ? ' ' + parts.join(' ') : ''}`;
        if (isVoid) out.push(`${open}/>`);
        else {
          out.push(`${open}>`);
          stack.push({ tag, kept: true });
        }
      } else if (!isVoid) stack.push({ tag, kept: false });
      continue;
    }
    if (dropDepth === 0) out.push(whole === '<' ? '&lt;' : xmlText(whole));
  }
  while (stack.length) {
    const top = stack.pop()!;
    if (top.kept && dropDepth === 0) out.push(`</${top.tag}>`);
  }
  return out.join('');
}
