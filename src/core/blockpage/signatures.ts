import type { BlockKind } from '../types.js';
import { SIGNATURES, type SignatureRow } from './signatures.generated.js';

export interface SignatureHit {
  name: string;
  kind: BlockKind;
  country?: string;
}

const KINDS: Record<SignatureRow[2], BlockKind> = {
  n: 'national', i: 'isp', p: 'product', s: 'institution', l: 'legal-451',
};

interface Compiled {
  body: RegExp;
  bodyRows: Map<string, SignatureRow>;
  header: SignatureRow[];
  /** Header/URL patterns that name a host (or IP): safe to test against any forward URL. */
  hostRows: SignatureRow[];
  /** Of those, hosts that exist only to show blocks (not a vendor's or operator's own site). */
  dedicatedRows: SignatureRow[];
}

let compiled: Compiled | null = null;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Trie {
  next: Map<string, Trie>;
  end: boolean;
}

/**
 * One regular expression for all body patterns, shaped as a trie (`ab(?:c|d)`), so that the
 * engine tries one branch per starting character instead of every pattern at every position.
 * Patterns starting/ending with a digit are digit-bounded (UA-123-1 must not match UA-123-12).
 */
function trieRegExp(patterns: string[]): RegExp {
  const root: Trie = { next: new Map(), end: false };
  for (const p of patterns) {
    let t = root;
    for (const ch of p) {
      let n = t.next.get(ch);
      if (!n) t.next.set(ch, (n = { next: new Map(), end: false }));
      t = n;
    }
    t.end = true;
  }
  const src = (t: Trie, last: string): string => {
    const branches: string[] = [];
    for (const [ch, n] of t.next) branches.push(escape(ch) + src(n, ch));
    const endHere = t.end ? (/\d/.test(last) ? '(?!\\d)' : '') : null;
    if (endHere === null) return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    if (!branches.length) return endHere;
    return `(?:${branches.join('|')}|${endHere})`;
  };
  const top: string[] = [];
  for (const [ch, n] of root.next) top.push((/\d/.test(ch) ? '(?<!\\d)' : '') + escape(ch) + src(n, ch));
  return new RegExp(top.length ? top.join('|') : '(?!)');
}

/**
 * A host pattern that names a dedicated block host or page (an IP, a path, a block word), as
 * opposed to an operator's or vendor's own site (m.megafonpro.ru, vasexperts.ru, .opendns.com)
 * that people also visit for themselves.
 */
const DEDICATED = /\d+\.\d+\.\d+\.\d+|[a-z0-9]\/[^/\s]|block|zapret|den(?:y|ied)|forbidden|warn|restrict|rkn|law|filter|censor|ban\b|blacklist|blackhole|stop|notice|notify|netsafe|sehat|positif|mercusuar|clean|prohibit|451|fz139|not-pass|mininfo|over18|18plus|adult|lock|safe|missing|error|gateway/;

const HOSTLIKE = /(?:^|[/.:@])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[:/]|$)|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[[0-9a-f:]+\]/;

let excluded: ((name: string) => boolean) | null = null;

/**
 * Leave some signatures out (by name), or none with `null`. For measurement only: the bench
 * scores each operator's pages without that operator's own signatures.
 */
export function setExcludedSignatures(pred: ((name: string) => boolean) | null): void {
  excluded = pred;
  compiled = null;
}

function compile(): Compiled {
  const bodyRows = new Map<string, SignatureRow>();
  const header: SignatureRow[] = [];
  const hostRows: SignatureRow[] = [];
  const dedicatedRows: SignatureRow[] = [];
  for (const row of SIGNATURES) {
    if (excluded?.(row[3])) continue;
    if (row[1] === 'b') {
      if (!bodyRows.has(row[0])) bodyRows.set(row[0], row);
    } else {
      header.push(row);
      if (HOSTLIKE.test(row[0]) && !/^[a-z-]+: /.test(row[0])) {
        hostRows.push(row);
        if (DEDICATED.test(row[0])) dedicatedRows.push(row);
      }
    }
  }
  return { body: trieRegExp([...bodyRows.keys()]), bodyRows, header, hostRows, dedicatedRows };
}

function get(): Compiled {
  return (compiled ??= compile());
}

function hit(row: SignatureRow): SignatureHit {
  const h: SignatureHit = { name: row[3], kind: KINDS[row[2]] };
  if (row[4]) h.country = row[4];
  return h;
}

/** First body signature found in a normalised page serialisation. */
export function matchBody(html: string): SignatureHit | null {
  const c = get();
  const m = c.body.exec(html);
  if (!m) return null;
  const row = c.bodyRows.get(m[0]);
  return row ? hit(row) : null;
}

function contains(hay: string, p: string): boolean {
  let from = 0;
  for (;;) {
    const i = hay.indexOf(p, from);
    if (i < 0) return false;
    const before = hay.charCodeAt(i - 1);
    const after = hay.charCodeAt(i + p.length);
    const digitBefore = /^\d/.test(p) && before >= 48 && before <= 57;
    const digitAfter = /\d$/.test(p) && after >= 48 && after <= 57;
    if (!digitBefore && !digitAfter) return true;
    from = i + 1;
  }
}

/** Header signatures against normalised "name: value" lines and redirect URLs. */
export function matchHeaders(lines: string): SignatureHit | null {
  for (const row of get().header) if (contains(lines, row[0])) return hit(row);
  return null;
}

/**
 * Host-naming header signatures against one normalised URL without its scheme. `dedicatedOnly`
 * for a URL the user may have opened themselves (the page's own URL, no redirect seen).
 */
export function matchHostUrl(url: string, dedicatedOnly = false): SignatureHit | null {
  const c = get();
  for (const row of dedicatedOnly ? c.dedicatedRows : c.hostRows) if (contains(url, row[0])) return hit(row);
  return null;
}
