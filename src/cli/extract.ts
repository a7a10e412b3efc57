/**
 * `samizdat extract [--url URL] [--format json|html|markdown|text] FILE...`
 * Parses saved HTML files with jsdom and runs the same core as the extension.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import TurndownService from 'turndown';
import { extractArticle } from '../core/extract/index.js';
import type { Article } from '../core/types.js';

type Format = 'json' | 'html' | 'markdown' | 'text';

export const USAGE = `usage: samizdat extract [--url URL] [--format json|html|markdown|text] FILE...

Extracts the article from each saved HTML file ("-" reads standard input).
  --url URL       the page's address (resolves relative links; default: file:// URL of FILE)
  --format F      json (default), html, markdown or text`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function render(a: Article, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(a, null, 2);
    case 'text':
      return `${a.title}\n\n${a.textContent}`;
    case 'html': {
      const dir = a.dir ? ` dir="${a.dir}"` : '';
      const lang = a.lang ? ` lang="${escapeHtml(a.lang)}"` : '';
      const by = a.byline ? `<p class="byline">${escapeHtml(a.byline)}</p>\n` : '';
      return `<!doctype html>\n<html${lang}${dir}><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head>\n<body><article>\n<h1>${escapeHtml(a.title)}</h1>\n${by}${a.contentHtml}\n</article></body></html>`;
    }
    case 'markdown': {
      const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
      const head = `# ${a.title}\n\n${a.byline ? `*${a.byline}*\n\n` : ''}`;
      return head + td.turndown(a.contentHtml) + (a.url ? `\n\n<${a.url}>` : '');
    }
  }
}

export async function runExtract(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let url: string | undefined;
  let format: Format = 'json';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') url = argv[++i];
    else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--format' || a === '-f') format = argv[++i] as Format;
    else if (a.startsWith('--format=')) format = a.slice(9) as Format;
    else if (a === '--help' || a === '-h') {
      out(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      err(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (!['json', 'html', 'markdown', 'text'].includes(format)) {
    err(`unknown format ${format}\n${USAGE}`);
    return 2;
  }
  if (!files.length) {
    err(USAGE);
    return 2;
  }
  let status = 0;
  for (const f of files) {
    let html: string;
    try {
      html = readFileSync(f === '-' ? 0 : f, 'utf8');
    } catch (e) {
      err(`${f}: ${(e as Error).message}`);
      status = 1;
      continue;
    }
    const pageUrl = url ?? (f === '-' ? 'about:blank' : pathToFileURL(resolve(f)).href);
    const dom = new JSDOM(html, { url: pageUrl, virtualConsole: new VirtualConsole() });
    const art = extractArticle(dom.window.document, url ? { url } : {});
    dom.window.close();
    if (!art) {
      err(`${f}: no article found`);
      status = 1;
      continue;
    }
    out(render(art, format));
  }
  return status;
}
