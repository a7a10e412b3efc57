/**
 * The measurements of a page the background found suspicious (an error status, a short page, a
 * redirect to another host): the core's detectBlockPage on the live DOM (read only), and enough
 * about the page for the background to tell an error page from an article, a Cloudflare
 * challenge from a block, a soft-404 from a 404. Part of the on-demand page check, never of the
 * always-on script.
 */
import { detectBlockPage } from '../core/blockpage/index.js';
import { detectArticle } from '../core/detect-article.js';
import type { PageProbe } from '../shared/page-check.js';

const ERROR_WORDS =
  /\b(403|404|forbidden|access denied|not available in your (country|region|location)|unavailable in your (country|region)|restricted|blocked|not found|error)\b|доступ (запрещ|ограничен)|دسترسی|محدود|ممنوع/i;

export function probePage(): PageProbe {
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
    // The DOM alone: the background has the response (status, headers, redirects) and adds it.
    verdict: detectBlockPage(document),
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
