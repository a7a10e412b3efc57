/**
 * detectArticle: is this page a single article worth opening in the reader? It runs on every
 * page load (the always-on content script), so it is built to be cheap: a few native selector
 * queries, one bounded pass over <p>/<pre> elements, no layout, no full-body text, no full
 * extraction. Each heuristic below says why it is there, the way Readability documents its own.
 *
 * The central signal is the largest cluster of prose paragraphs sharing a container: an article
 * has one body where many long paragraphs sit together, while a home page, section front or
 * search results page spreads short teasers over many separate cards.
 *
 * Cheap signals come first: the page's own metadata. When it declares an article, the prose scan
 * stops as soon as one container holds enough prose that no counter-signal could change the
 * verdict (see SETTLED_CLUSTER), so on a typical news page only its first few paragraphs are read.
 */
import type { ArticleDetection } from './types.js';
import { detectBlockPage } from './blockpage/index.js';

/**
 * Elements whose paragraphs are page furniture, not the article: navigation, footers, asides,
 * list items (teaser lists), links (whole-card links) and headers. (Not FORM: ASP.NET sites wrap
 * the whole page in one.)
 */
const CHROME = new Set(['NAV', 'FOOTER', 'ASIDE', 'LI', 'A', 'HEADER']);

function isChrome(e: Element): boolean {
  if (CHROME.has(e.tagName)) return true;
  if (!e.hasAttributes()) return false;
  const role = e.getAttribute('role');
  return role === 'navigation' || role === 'complementary';
}

/**
 * "Is this element inside page furniture?", memoised per ancestor: paragraphs of one container
 * share their ancestors, so each ancestor is looked at once per page instead of once per
 * paragraph (an ancestor walk per paragraph was most of the function's DOM calls).
 */
function chromeTest(stop: Element): (el: Element) => boolean {
  const known = new Map<Element, boolean>();
  const path: Element[] = [];
  return (el) => {
    let result = false;
    path.length = 0;
    for (let e = el.parentElement; e && e !== stop; e = e.parentElement) {
      const k = known.get(e);
      if (k !== undefined) {
        result = k;
        break;
      }
      path.push(e);
      if (isChrome(e)) {
        result = true;
        break;
      }
    }
    for (const e of path) known.set(e, result);
    return result;
  };
}

const ARTICLE_LD = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:News|Report|Scholarly|Tech|Opinion|Analysis|Reportage|Review|Satirical|Background)?Article"|"@type"\s*:\s*(?:\[[^\]]*)?"(?:BlogPosting|LiveBlogPosting|ReviewNewsArticle)"/;
/** Bounds: a page with more paragraphs than this has shown what it is long before the end. */
const MAX_P = 600;
const MAX_DIVS = 600;
const MAX_BR_PARENTS = 400;
const MAX_LD_SCRIPTS = 10;
const MAX_LD_CHARS = 20000;

/** Why 80: shorter paragraphs are captions, datelines, teasers and UI strings. */
const MIN_PARAGRAPH = 80;
/** A paragraph's weight grows with the square root of its length, capped: one huge block of text does not outweigh several real paragraphs. */
const weight = (len: number, cap: number): number => Math.sqrt(Math.min(len, cap) - 60);

/** The score an article needs (with the extra conditions at the end of detect). */
const THRESHOLD = 20;
/** Counter-signal weights. */
const CARDS_PENALTY = 10;
const LOGIN_PENALTY = 15;
const DISPERSED_PENALTY = 10;
/** The login-form penalty applies only below this much clustered prose (a login box beside an article is common). */
const LOGIN_MAX_CLUSTER = 30;
/**
 * Early verdict. With article metadata worth ≥ 10 there is no block-page check and no
 * paragraph-count condition, and a cluster only grows as the scan goes on; once a cluster reaches
 * LOGIN_MAX_CLUSTER the login penalty is ruled out, so at worst cards and dispersion subtract
 * 20, leaving ≥ 30 + 10 − 20 = THRESHOLD. The rest of the page cannot change the answer.
 */
const SETTLED_CLUSTER = LOGIN_MAX_CLUSTER;
const SETTLED_META = 10;

/** Characters of text directly inside `el` (not in child elements), trimmed per node. */
function ownTextLength(el: Element): number {
  let n = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) n += ((c as Text).data.trim()).length;
  }
  return n;
}
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** What the page's metadata says: og:type article (10), a published time (6), JSON-LD of an Article type (10). */
interface Meta {
  ogArticle: boolean;
  published: boolean;
  jsonld: boolean;
  /** JSON-LD scripts read so far (bounded by MAX_LD_SCRIPTS). */
  ldRead: number;
}

/**
 * Reads the <meta> and JSON-LD <script> elements under `root` into `m`. Why tag-name lists and
 * not a selector query: a selector list with attribute tests is matched against every element
 * of the document, while a tag-name list is a plain walk; the matching metas and scripts are
 * few (a few dozen), so testing their attributes here costs less. Called for <head> first, and
 * for <body> only when the verdict still needs it (see detect).
 */
function readMeta(root: Element, m: Meta): void {
  const metas = root.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i]!;
    // As in Open Graph practice: `property` wins over `name` when a tag has both.
    const k = el.getAttribute('property') || el.getAttribute('name');
    if (!k || k.length > 22) continue;
    const key = k.toLowerCase();
    if (key === 'og:type') {
      const t = (el.getAttribute('content') || '').toLowerCase();
      if (t === 'article' || t.endsWith('.article') || t === 'blog' || t === 'blogposting') m.ogArticle = true;
    } else if (key === 'article:published_time' || key === 'datepublished') m.published = true;
  }
  if (m.jsonld) return;
  const scripts = root.getElementsByTagName('script');
  for (let i = 0; i < scripts.length && m.ldRead < MAX_LD_SCRIPTS; i++) {
    const type = scripts[i]!.getAttribute('type');
    if (!type || !/ld\+json/i.test(type)) continue;
    m.ldRead++;
    const t = scripts[i]!.textContent || '';
    if (ARTICLE_LD.test(t.length > MAX_LD_CHARS ? t.slice(0, MAX_LD_CHARS) : t)) {
      m.jsonld = true;
      return;
    }
  }
}

function scoreOf(m: Meta): number {
  return (m.ogArticle ? 10 : 0) + (m.published ? 6 : 0) + (m.jsonld ? 10 : 0);
}

function metaSignals(m: Meta, signals: string[]): void {
  if (m.ogArticle) signals.push('og:article');
  if (m.published) signals.push('published-time');
  if (m.jsonld) signals.push('jsonld:article');
}

export function detectArticle(doc: Document): ArticleDetection {
  return detectArticleWith(doc, { settleEarly: true });
}

/**
 * detectArticle with the early verdict switchable: `settleEarly: false` always scans the whole
 * page (the tests check that both give the same verdicts).
 */
export function detectArticleWith(doc: Document, options: { settleEarly: boolean }): ArticleDetection {
  try {
    return detect(doc, options.settleEarly);
  } catch {
    return { isArticle: false, score: 0, signals: ['error'] };
  }
}

interface Prose {
  /** Weight of the heaviest container's paragraphs. */
  cluster: number;
  /** How many paragraphs that container holds. */
  clusterParas: number;
  /** Weight of all long paragraphs. */
  total: number;
  /** How many long paragraphs there are. */
  longCount: number;
  /** The scan stopped early: the verdict is settled (see SETTLED_CLUSTER). */
  settled: boolean;
}

/**
 * 1. Prose clusters: long paragraphs grouped by their container. When `canSettle` (the page
 * declares an article), stops at the first container heavy enough to settle the verdict.
 */
function proseClusters(body: Element, canSettle: boolean): Prose {
  const inChrome = chromeTest(body);
  const groups = new Map<Element, number>();
  const counts = new Map<Element, number>();
  const prose: Prose = { cluster: 0, clusterParas: 0, total: 0, longCount: 0, settled: false };
  let seen = 0;
  // <p> first, then <pre>: live collections, walked only as far as they are read.
  for (const tag of ['p', 'pre']) {
    const ps = body.getElementsByTagName(tag);
    for (let i = 0; seen < MAX_P; i++, seen++) {
      const p = ps.item(i);
      if (!p) break;
      const text = p.textContent || '';
      let len = text.length;
      // CJK sentences carry about three times the meaning per character.
      if (len < MIN_PARAGRAPH && len >= 25 && CJK.test(text)) len *= 3;
      if (len < MIN_PARAGRAPH || inChrome(p)) continue;
      let key: Element = p.parentElement || body;
      // Paragraphs each wrapped in their own <div> still belong to one body.
      if (key.childElementCount === 1 && key.parentElement) key = key.parentElement;
      const w = weight(len, 2000);
      const g = (groups.get(key) ?? 0) + w;
      const c = (counts.get(key) ?? 0) + 1;
      groups.set(key, g);
      counts.set(key, c);
      prose.total += w;
      prose.longCount++;
      if (g > prose.cluster) {
        prose.cluster = g;
        prose.clusterParas = c;
      }
      if (canSettle && g >= SETTLED_CLUSTER) {
        prose.settled = true;
        return prose;
      }
    }
  }
  if (prose.cluster < 20) {
    // Paragraphs written as bare <div>s of running text (no <p>): group them the same way.
    const divs = body.getElementsByTagName('div');
    for (let i = 0; i < MAX_DIVS; i++) {
      const d = divs.item(i);
      if (!d) break;
      if (ownTextLength(d) < MIN_PARAGRAPH || inChrome(d)) continue;
      const len = (d.textContent || '').length;
      const key: Element = d.parentElement || body;
      const w = weight(len, 2000);
      const g = (groups.get(key) ?? 0) + w;
      const c = (counts.get(key) ?? 0) + 1;
      groups.set(key, g);
      counts.set(key, c);
      if (g > prose.cluster) {
        prose.cluster = g;
        prose.clusterParas = c;
      }
      prose.total += w;
      prose.longCount++;
    }
  }
  if (prose.cluster < 20) {
    // Text written as <div>…<br><br>…</div> instead of paragraphs (older CMSs, blogs).
    const done = new Set<Element>();
    const brs = body.querySelectorAll('div > br');
    for (let i = 0; i < brs.length && done.size < MAX_BR_PARENTS; i++) {
      const d = brs[i]!.parentElement!;
      if (done.has(d)) continue;
      done.add(d);
      const len = (d.textContent || '').length;
      if (len < 140 || inChrome(d)) continue;
      const w = weight(len, 6000);
      if (w > prose.cluster) {
        prose.cluster = w;
        prose.clusterParas = 3;
      }
      prose.total += w;
    }
  }
  return prose;
}

function detect(doc: Document, settleEarly: boolean): ArticleDetection {
  const signals: string[] = [];
  const body = doc.body;
  if (!body) return { isArticle: false, score: 0, signals: ['no-body'] };

  // Metadata first: it is cheap, and it lets the prose scan stop early. The <head> holds it on
  // nearly every page; when the head alone declares an article and the prose scan settles, the
  // body's metadata could only add to a score already past the threshold, so it is not read.
  const meta: Meta = { ogArticle: false, published: false, jsonld: false, ldRead: 0 };
  const head = doc.head;
  if (head) readMeta(head, meta);
  let prose: Prose;
  if (settleEarly && scoreOf(meta) >= SETTLED_META) {
    prose = proseClusters(body, true);
    // Not settled: the scan read the whole page, and the verdict needs all the metadata.
    if (!prose.settled) readMeta(body, meta);
  } else {
    readMeta(body, meta);
    prose = proseClusters(body, settleEarly && scoreOf(meta) >= SETTLED_META);
  }
  const metaScore = scoreOf(meta);
  metaSignals(meta, signals);
  const { cluster, clusterParas, total, longCount } = prose;
  if (cluster > 0) signals.push(`prose:${cluster.toFixed(0)}/${total.toFixed(0)}${prose.settled ? '+' : ''}`);
  // Why a third of the metadata without prose: metadata alone is also on galleries and videos.
  const metaPart = cluster >= 6 ? metaScore : metaScore / 3;
  if (prose.settled) {
    // Settled: the counter-signals below cannot bring the score under THRESHOLD.
    return { isArticle: true, score: Math.round((cluster + metaPart) * 10) / 10, signals };
  }

  // 2. Counter-signals: listings and forms.
  let penalty = 0;
  // Many <article> cards: a listing.
  const cards = body.getElementsByTagName('article').length;
  if (cards >= 6) {
    penalty += CARDS_PENALTY;
    signals.push(`cards:${cards}`);
  }
  if (cluster < LOGIN_MAX_CLUSTER && body.querySelector('input[type="password" i]')) {
    penalty += LOGIN_PENALTY;
    signals.push('login-form');
  }
  // Why the dispersion test: a front page can have lots of prose in total, but no one
  // container holds most of it.
  if (total > 0 && cluster / total < 0.35 && longCount >= 6) {
    penalty += DISPERSED_PENALTY;
    signals.push('dispersed-prose');
  }
  let score = cluster + metaPart - penalty;
  // A censorship notice can hold several paragraphs of legal text: ask the block-page
  // detector (only when the page otherwise looks like an article, to stay cheap).
  if (score >= THRESHOLD && metaScore < 10) {
    try {
      if (detectBlockPage(doc).blocked) {
        score = 0;
        signals.push('block-page');
      }
    } catch {
      /* no verdict: keep the score */
    }
  }
  // Why more than a score: block pages and notices are one or two long paragraphs with no
  // article metadata; an article has either several paragraphs, metadata, or much prose.
  const isArticle = score >= THRESHOLD && (clusterParas >= 3 || metaScore >= 10 || cluster >= 35);
  return { isArticle, score: Math.round(score * 10) / 10, signals };
}
