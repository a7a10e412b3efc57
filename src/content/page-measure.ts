/**
 * What every page check measures, without the detectors: enough for the background to tell an
 * error page from an empty response, a Cloudflare challenge from an error, a soft-404 from a
 * 404. The status-only check (page-check-status.ts) sends just this; page-probe.ts adds the
 * block-page and article verdicts where the status leaves them to decide.
 */
import type { PageProbe } from '../shared/page-check.js';

const ERROR_WORDS =
  /\b(403|404|forbidden|access denied|not available in your (country|region|location)|unavailable in your (country|region)|restricted|blocked|not found|error)\b|доступ (запрещ|ограничен)|دسترسی|محدود|ممنوع/i;

export function measurePage(): Omit<PageProbe, 'verdict' | 'articleLike'> {
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
    textLength: text.length,
    elementCount: body ? body.getElementsByTagName('*').length : 0,
    linkCount: document.links.length,
    title,
    challenge,
    errorLike: text.length < 2000 || ERROR_WORDS.test(`${title} ${heading}`),
    /** The start of the page, for the bot-challenge markers the background checks. */
    sample: head.slice(0, 8000),
  };
}
