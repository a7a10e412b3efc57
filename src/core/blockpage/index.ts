import type { BlockPageInput, BlockPageVerdict } from '../types.js';
import { aboutBlockingGenre } from './genre.js';
import { heuristics } from './heuristics.js';
import { normaliseText } from './normalise.js';
import { matchBody, matchHeaders, matchHostUrl, type SignatureHit } from './signatures.js';
import { walk } from './walk.js';

/**
 * Is this page a censorship block page (or are we being sent to one)?
 *
 * Evidence, cheapest first:
 * 1. HTTP 451 (RFC 7725) → `legal-451`.
 * 2. Headers and redirect targets against Citizen Lab's header signatures (a `location` to a
 *    national or ISP block host, a filter's `server` header…), and the final URL against the
 *    host-naming ones.
 * 3. One bounded pass over the page (walk.ts): its start, normalised, against Citizen Lab's body
 *    signatures; the URLs it forwards to (meta refresh, frames, script) against the host-naming
 *    header signatures; then the general heuristics (heuristics.ts) for unlisted block pages.
 *
 * Never throws, never modifies `doc`, uses no DOM globals.
 */
export function detectBlockPage(doc: Document, response: BlockPageInput = {}): BlockPageVerdict {
  return detectBlockPageWith(doc, response, ALL);
}

/** Which evidence to use; for measuring each part alone (bench/blockpages.ts). */
export interface DetectOptions {
  signatures: boolean;
  heuristics: boolean;
}
const ALL: DetectOptions = { signatures: true, heuristics: true };

export function detectBlockPageWith(doc: Document, response: BlockPageInput | undefined, opts: DetectOptions): BlockPageVerdict {
  try {
    return detect(doc, response ?? {}, opts);
  } catch {
    return { blocked: false };
  }
}

/** Characters of normalised page the body signatures are matched against. */
const BUDGET = 24_000;

function detect(doc: Document, response: BlockPageInput, opts: DetectOptions): BlockPageVerdict {
  if (response.status === 451) {
    const v: BlockPageVerdict = { blocked: true, kind: 'legal-451' };
    const by = blockedBy(response.headers);
    if (by) v.signature = by;
    return v;
  }

  const fromResponse = opts.signatures ? checkResponse(response) : null;
  if (fromResponse) return verdict(fromResponse);

  if (!doc || !doc.documentElement) return { blocked: false };
  const facts = walk(doc, BUDGET);
  if (opts.signatures) {
    const body = matchBody(facts.html);
    // A ticket, a judgment or a story that quotes a listed notice word for word is about it
    // (genre.ts); the notice itself is none of these.
    if (body && !aboutBlockingGenre(facts.text)) return verdict(body);
    for (const fw of facts.forwards) {
      const h = matchHostUrl(stripScheme(fw));
      if (h) return verdict(h);
    }
  }
  const h = opts.heuristics ? heuristics(facts) : { blocked: false, reason: '' };
  if (h.blocked) return { blocked: true, kind: 'heuristic', signature: `heuristic:${h.reason ?? ''}` };
  return { blocked: false };
}

function verdict(hit: SignatureHit): BlockPageVerdict {
  const v: BlockPageVerdict = { blocked: true, kind: hit.kind, signature: hit.name };
  if (hit.country) v.country = hit.country;
  return v;
}

function stripScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
}

function checkResponse(r: BlockPageInput): SignatureHit | null {
  const lines: string[] = [];
  const headers = r.headers;
  if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers)) {
      if (typeof v === 'string') pushHeader(lines, k.toLowerCase(), v.slice(0, 2000));
    }
  }
  // Redirect hops and, after a redirect, the final URL are Location targets.
  const redirects = Array.isArray(r.redirects) ? r.redirects.filter((u): u is string => typeof u === 'string') : [];
  for (const u of redirects) pushHeader(lines, 'location', u);
  if (redirects.length > 0 && typeof r.url === 'string') pushHeader(lines, 'location', r.url);
  if (lines.length) {
    const hay = lines.join('\n');
    const h = matchHeaders(hay);
    if (h) return h;
  }
  // Not redirected: the page's own URL can still be a block host (the user was sent there by
  // DNS, or opened it from history). Only patterns that name a host are safe here.
  if (typeof r.url === 'string' && r.url) {
    const h = matchHostUrl(stripScheme(normaliseText(r.url)), true);
    if (h) return h;
  }
  return null;
}

/**
 * One normalised "name: value" line; URL values also without their scheme, as the signatures
 * are written both ways ("Location: http://103.208.24.21", "block.rt.ru", "://www.a1.by/mininfo/").
 */
function pushHeader(lines: string[], name: string, value: string): void {
  const v = normaliseText(value.trim());
  lines.push(`${name}: ${v}`);
  const bare = stripScheme(v);
  if (bare !== v) lines.push(`${name}: ${bare}`);
}

/** The blocking party from `Link: <…>; rel="blocked-by"` (RFC 7725), if given. */
function blockedBy(headers: Record<string, string> | undefined): string | undefined {
  const link = headers?.['link'];
  if (typeof link !== 'string') return undefined;
  const m = /<([^>]+)>\s*;[^,]*\brel\s*=\s*"?blocked-by"?/i.exec(link);
  return m?.[1];
}
