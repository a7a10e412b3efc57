/**
 * The reader's own fallback: fetch the page and extract the article here (the reader is an
 * extension page with a DOM and host access). The bytes are decoded with the charset the
 * response or the page declares, so legacy encodings (windows-1251, cp1256…) read correctly.
 */
import type { Article } from '../../core/types.js';
import { extractArticle } from '../../core/extract/index.js';

const FETCH_TIMEOUT_MS = 20000;

/** The charset from a Content-Type header, or from a <meta> near the start of the page. */
export function sniffCharset(contentType: string | null, head: string): string {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader;
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return fromMeta ?? 'utf-8';
}

export function decodeHtml(bytes: ArrayBuffer, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 2048));
  const charset = sniffCharset(contentType, head);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The HTTP status each article this module fetched was served with (for its provenance). */
const statuses = new WeakMap<Article, number>();
export const fetchedStatus = (article: Article): number | undefined => statuses.get(article);

export async function fetchAndExtract(url: string): Promise<Article | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, { credentials: 'include', signal: controller.signal, redirect: 'follow' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const html = decodeHtml(await response.arrayBuffer(), response.headers.get('content-type'));
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const article = withReadableBody(extractArticle(doc, { url: response.url || url }));
    if (article) statuses.set(article, response.status);
    return article;
  } finally {
    clearTimeout(timer);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * An article whose body HTML came back empty while its text did not (an engine that could not
 * sanitise a document without a window) is still readable: its paragraphs become plain <p>s.
 */
export function withReadableBody(article: Article | null): Article | null {
  if (!article || article.contentHtml.trim() || !article.textContent.trim()) return article;
  const caption = article.leadImage?.caption?.trim();
  const paragraphs = article.textContent.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && p !== caption);
  return { ...article, contentHtml: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') };
}
