/**
 * Injected on demand (never in the always-on script) into a page the background found
 * suspicious: an error status, a short page, a redirect to another host. It runs the core's
 * detectBlockPage on the live DOM (read only) and measures the page so the background can tell
 * an error page from an article, a Cloudflare challenge from a block, a soft-404 from a 404.
 */
import { detectBlockPage } from '../core/blockpage/index.js';
import { detectArticle } from '../core/detect-article.js';
import type { BlockPageInput } from '../core/types.js';

const ERROR_WORDS =
  /\b(403|404|forbidden|access denied|not available in your (country|region|location)|unavailable in your (country|region)|restricted|blocked|not found|error)\b|доступ (запрещ|ограничен)|دسترسی|محدود|ممنوع/i;

function probe(input: BlockPageInput) {
  const body = document.body;
  const text = (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const title = document.title ?? '';
  const heading = document.querySelector('h1')?.textContent ?? '';
  const head = document.documentElement.outerHTML.slice(0, 20000);
  const challenge =
    !!document.querySelector('#challenge-form, #cf-challenge-running, #cf-chl-widget, .cf-browser-verification, script[src*="/cdn-cgi/challenge-platform/"]') ||
    /^(just a moment|attention required)/i.test(title.trim()) ||
    /challenges\.cloudflare\.com|\/cdn-cgi\/challenge-platform\//.test(head);
  return {
    verdict: detectBlockPage(document, input),
    textLength: text.length,
    elementCount: body ? body.getElementsByTagName('*').length : 0,
    linkCount: document.links.length,
    title,
    challenge,
    articleLike: detectArticle(document).isArticle,
    errorLike: text.length < 2000 || ERROR_WORDS.test(`${title} ${heading}`),
    /** The start of the page, for the bot-challenge markers the background checks. */
    sample: head.slice(0, 8000),
  };
}

(globalThis as unknown as { samizdatBlockCheck: (input: BlockPageInput) => ReturnType<typeof probe> }).samizdatBlockCheck = probe;
