/**
 * detectArticle: is this page a single article worth opening in the reader? Cheap by design
 * (runs on every page load): metadata lookups plus one pass over <p>/<pre> elements, no layout,
 * no full extraction.
 *
 * The central signal is the largest cluster of prose paragraphs sharing a container: an article
 * has one body where many long paragraphs sit together, while a home page, section front or
 * search results page spreads short teasers over many separate cards.
 */
import type { ArticleDetection } from './types.js';
import { detectBlockPage } from './blockpage/index.js';

// (Not FORM: ASP.NET sites wrap the whole page in one.)
const CHROME = new Set(['NAV', 'FOOTER', 'ASIDE', 'LI', 'A', 'HEADER']);

/** Inside navigation, a footer, a list item, a link…? A plain ancestor walk (no selector engine). */
function inChrome(p: Element, stop: Element): boolean {
  for (let e = p.parentElement; e && e !== stop; e = e.parentElement) {
    if (CHROME.has(e.tagName)) return true;
    const role = e.hasAttributes() ? e.getAttribute('role') : null;
    if (role === 'navigation' || role === 'complementary') return true;
  }
  return false;
}
const ARTICLE_LD = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:News|Report|Scholarly|Tech|Opinion|Analysis|Reportage|Review|Satirical|Background)?Article"|"@type"\s*:\s*(?:\[[^\]]*)?"(?:BlogPosting|LiveBlogPosting|ReviewNewsArticle)"/;
const MAX_P = 600;
const MAX_DIVS = 600;

/** Characters of text directly inside `el` (not in child elements), trimmed per node. */
function ownTextLength(el: Element): number {
  let n = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) n += ((c as Text).data.trim()).length;
  }
  return n;
}
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** og:type and article:published_time in one pass over <meta property>. */
function metaFacts(doc: Document): { ogType: string; published: boolean } {
  let ogType = '';
  let published = false;
  const metas = doc.getElementsByTagName('meta');
  const n = Math.min(metas.length, 300);
  for (let i = 0; i < n; i++) {
    const m = metas.item(i)!;
    const prop = m.getAttribute('property') || m.getAttribute('name');
    if (!prop) continue;
    const k = prop.toLowerCase();
    if (k === 'og:type') ogType = (m.getAttribute('content') || '').toLowerCase();
    else if (k === 'article:published_time' || k === 'datepublished') published = true;
  }
  return { ogType, published };
}

export function detectArticle(doc: Document): ArticleDetection {
  try {
    return detect(doc);
  } catch {
    return { isArticle: false, score: 0, signals: ['error'] };
  }
}

function detect(doc: Document): ArticleDetection {
  const signals: string[] = [];
  const body = doc.body;
  if (!body) return { isArticle: false, score: 0, signals: ['no-body'] };

  // 1. Prose clusters: long paragraphs grouped by their container.
  const ps = Array.from(body.querySelectorAll('p, pre'));
  const groups = new Map<Element, number>();
  const counts = new Map<Element, number>();
  let total = 0;
  let longCount = 0;
  const n = Math.min(ps.length, MAX_P);
  for (let i = 0; i < n; i++) {
    const p = ps[i]!;
    const text = p.textContent || '';
    let len = text.length;
    // CJK sentences carry about three times the meaning per character.
    if (len < 80 && len >= 25 && CJK.test(text)) len *= 3;
    // Why 80: shorter paragraphs are captions, datelines, teasers and UI strings.
    if (len < 80) continue;
    if (inChrome(p, body)) continue;
    let key: Element = p.parentElement || body;
    // Paragraphs each wrapped in their own <div> still belong to one body.
    if (key.childElementCount === 1 && key.parentElement) key = key.parentElement;
    const w = Math.sqrt(Math.min(len, 2000) - 60);
    groups.set(key, (groups.get(key) ?? 0) + w);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total += w;
    longCount++;
  }
  let cluster = 0;
  let clusterParas = 0;
  for (const [k, v] of groups) {
    if (v > cluster) {
      cluster = v;
      clusterParas = counts.get(k) ?? 0;
    }
  }
  if (cluster < 20) {
    // Paragraphs written as bare <div>s of running text (no <p>): group them the same way.
    const divs = body.getElementsByTagName('div');
    for (let i = 0; i < divs.length && i < MAX_DIVS; i++) {
      const d = divs.item(i)!;
      if (ownTextLength(d) < 80 || inChrome(d, body)) continue;
      const len = (d.textContent || '').length;
      const key: Element = d.parentElement || body;
      const w = Math.sqrt(Math.min(len, 2000) - 60);
      const g = (groups.get(key) ?? 0) + w;
      groups.set(key, g);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (g > cluster) {
        cluster = g;
        clusterParas = counts.get(key) ?? 0;
      }
      total += w;
      longCount++;
    }
  }
  if (cluster < 20) {
    // Text written as <div>…<br><br>…</div> instead of paragraphs (older CMSs, blogs).
    const seen = new Set<Element>();
    const brs = Array.from(body.querySelectorAll('div > br'));
    for (let i = 0; i < brs.length && i < 400; i++) {
      const d = brs[i]!.parentElement!;
      if (seen.has(d)) continue;
      seen.add(d);
      const len = (d.textContent || '').length;
      if (len < 140 || inChrome(d, body)) continue;
      const w = Math.sqrt(Math.min(len, 6000) - 60);
      if (w > cluster) {
        cluster = w;
        clusterParas = 3;
      }
      total += w;
    }
  }
  if (cluster > 0) signals.push(`prose:${cluster.toFixed(0)}/${total.toFixed(0)}`);

  // 2. Metadata saying "this is an article".
  let metaScore = 0;
  const facts = metaFacts(doc);
  const ogType = facts.ogType;
  if (ogType === 'article' || ogType.endsWith('.article') || ogType === 'blog' || ogType === 'blogposting') {
    metaScore += 10;
    signals.push('og:article');
  }
  if (facts.published) {
    metaScore += 6;
    signals.push('published-time');
  }
  const scripts = doc.getElementsByTagName('script');
  let seen = 0;
  for (let i = 0; i < scripts.length && seen < 10 && i < 400; i++) {
    const s = scripts.item(i)!;
    if (!/ld\+json/i.test(s.getAttribute('type') || '')) continue;
    seen++;
    const t = s.textContent || '';
    if (ARTICLE_LD.test(t.length > 20000 ? t.slice(0, 20000) : t)) {
      metaScore += 10;
      signals.push('jsonld:article');
      break;
    }
  }

  // 3. Counter-signals: listings and forms.
  let penalty = 0;
  const cards = body.getElementsByTagName('article').length;
  if (cards >= 6) {
    penalty += 10;
    signals.push(`cards:${cards}`);
  }
  if (body.querySelector('input[type="password"]') && cluster < 30) {
    penalty += 15;
    signals.push('login-form');
  }
  // Why the dispersion test: a front page can have lots of prose in total, but no one
  // container holds most of it.
  if (total > 0 && cluster / total < 0.35 && longCount >= 6) {
    penalty += 10;
    signals.push('dispersed-prose');
  }
  let score = cluster + (cluster >= 6 ? metaScore : metaScore / 3) - penalty;
  // A censorship notice can hold several paragraphs of legal text: ask the block-page
  // detector (only when the page otherwise looks like an article, to stay cheap).
  if (score >= 20 && metaScore < 10) {
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
  const isArticle = score >= 20 && (clusterParas >= 3 || metaScore >= 10 || cluster >= 35);
  return { isArticle, score: Math.round(score * 10) / 10, signals };
}
