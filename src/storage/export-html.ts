/**
 * One article as a single self-contained HTML file: images inlined as data: URLs, styles
 * included, no script, and a Content-Security-Policy that forbids loading anything at all — it
 * opens in any browser, offline, without the extension, and shows where and when it was saved.
 */
import { escapeAttr, escapeText, resolveImageRefs } from './html.js';
import { base64, provenanceRows, type Exportable } from './exportable.js';

const STYLE = `
:root { color-scheme: light dark; --fg: #1d1b18; --bg: #fbfaf7; --muted: #5c574f; --rule: #d8d2c6; --accent: #9b2226; }
@media (prefers-color-scheme: dark) { :root { --fg: #ece8e1; --bg: #1b1a18; --muted: #b0a99d; --rule: #3a3732; --accent: #f07167; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1.15rem/1.7 Georgia, "Noto Serif", serif; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { line-height: 1.25; font-size: 2rem; }
a { color: var(--accent); }
img { max-width: 100%; height: auto; }
figure { margin: 1.5rem 0; } figcaption { color: var(--muted); font-size: 0.9rem; }
blockquote { border-inline-start: 3px solid var(--rule); margin-inline: 0; padding-inline-start: 1rem; color: var(--muted); }
pre { overflow-x: auto; }
.byline { color: var(--muted); }
.provenance { margin-top: 3rem; padding: 1rem; border: 1px solid var(--rule); border-radius: 6px; font: 0.85rem/1.5 system-ui, sans-serif; }
.provenance dt { font-weight: 600; } .provenance dd { margin: 0 0 0.5rem; overflow-wrap: anywhere; }
`;

export interface StandaloneOptions {
  /** Where an image is found; by default inlined as a data: URL. */
  imageUrl?: (id: string) => string | undefined;
}

export function standaloneHtml(e: Exportable, options: StandaloneOptions = {}): string {
  const { record } = e;
  const a = record.article;
  const dataUrl = (id: string) => {
    const img = e.images.get(id);
    return img ? `data:${img.type};base64,${base64(img.bytes)}` : undefined;
  };
  const body = resolveImageRefs(a.contentHtml, options.imageUrl ?? dataUrl);
  const imgSrc = options.imageUrl ? "'self' data:" : 'data:';
  const lang = a.lang ? ` lang="${escapeAttr(a.lang)}"` : '';
  const dir = a.dir ? ` dir="${a.dir}"` : '';
  const meta = [a.byline, a.siteName, a.publishedTime ? a.publishedTime.slice(0, 10) : null].filter(Boolean).join(' · ');
  const rows = provenanceRows(e)
    .map((r) => `<dt>${escapeText(r.label)}</dt><dd>${r.href ? `<a href="${escapeAttr(r.href)}">${escapeText(r.value)}</a>` : escapeText(r.value)}</dd>`)
    .join('');
  return `<!DOCTYPE html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Samizdat">
<title>${escapeText(a.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<article>
<h1>${escapeText(a.title)}</h1>
${meta ? `<p class="byline">${escapeText(meta)}</p>` : ''}
${body}
</article>
<aside class="provenance" dir="ltr" lang="en">
<p><strong>Saved copy made with Samizdat.</strong> This file is a copy of the page as it was when saved; it loads nothing from the network.</p>
<dl>${rows}</dl>
</aside>
</main>
</body>
</html>
`;
}
