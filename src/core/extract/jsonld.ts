/**
 * JSON-LD article metadata. Pages embed schema.org data in many shapes (single object, arrays,
 * @graph, nested mainEntity) and often with broken JSON (trailing commas, raw newlines in
 * strings, HTML comments); we read what we can and never throw.
 */
export interface JsonLdMeta {
  headline: string | null;
  name: string | null;
  author: string | null;
  publisher: string | null;
  datePublished: string | null;
  description: string | null;
  image: string | null;
  inLanguage: string | null;
  url: string | null;
  isArticle: boolean;
}

// Types that describe an article-like creative work (schema.org Article and its subtypes,
// plus common misspellings and vendor variants seen on news CMSs).
const ARTICLE_TYPE = /^(?:Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|Review|CreativeWork|WebPage)$/;
const STRONG_ARTICLE_TYPE = /(?:Article|BlogPosting|LiveBlogPosting|Report|Review|Posting)$/;

/** Parse possibly broken JSON text; null when nothing can be recovered. */
export function parseLooseJson(text: string): unknown {
  // HTML comment and CDATA wrappers (with or without a leading "//") are not JSON.
  const t = text.trim().replace(/^<!--|-->$/g, '').replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '').trim();
  if (!t) return null;
  try {
    return JSON.parse(t);
  } catch {
    // Common breakages: raw control characters inside strings, trailing commas, a stray
    // semicolon, several objects concatenated without an array.
    let fixed = t.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1').replace(/;\s*$/, '');
    try {
      return JSON.parse(fixed);
    } catch {
      fixed = '[' + fixed.replace(/}\s*{/g, '},{') + ']';
      try {
        return JSON.parse(fixed);
      } catch {
        return null;
      }
    }
  }
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(o['@value'] ?? o.name ?? o.url ?? o['@id']);
  }
  return null;
}

function personNames(v: unknown): string | null {
  const list = Array.isArray(v) ? v : [v];
  const names: string[] = [];
  for (const a of list) {
    let n: string | null = null;
    if (typeof a === 'string') n = a.trim();
    else if (a && typeof a === 'object') n = str((a as Record<string, unknown>).name);
    // A bare URL or an @id reference is not a name a reader wants to see.
    if (n && !/^https?:\/\//i.test(n) && !names.includes(n)) names.push(n);
  }
  return names.length ? names.join(', ') : null;
}

function types(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Collect every object reachable through arrays, @graph and mainEntity, depth-bounded. */
function collect(v: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 6 || out.length > 200 || !v || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) collect(x, out, depth + 1);
    return;
  }
  const o = v as Record<string, unknown>;
  out.push(o);
  if (o['@graph']) collect(o['@graph'], out, depth + 1);
  if (o.mainEntity && typeof o.mainEntity === 'object') collect(o.mainEntity, out, depth + 1);
}

/** Read article metadata from the given JSON-LD script texts. */
export function readJsonLd(texts: string[]): JsonLdMeta | null {
  const objs: Record<string, unknown>[] = [];
  for (const t of texts) collect(parseLooseJson(t), objs, 0);
  let best: Record<string, unknown> | null = null;
  let bestRank = 0;
  for (const o of objs) {
    const ts = types(o);
    let rank = 0;
    for (const t of ts) {
      if (STRONG_ARTICLE_TYPE.test(t)) rank = Math.max(rank, 3);
      else if (ARTICLE_TYPE.test(t)) rank = Math.max(rank, 1);
    }
    // Prefer the object that actually carries a headline.
    if (rank && o.headline) rank += 1;
    if (rank > bestRank) {
      best = o;
      bestRank = rank;
    }
  }
  if (!best) {
    // No article object: the site's Organization/WebSite still names the site.
    const org = objs.find((o) => types(o).some((t) => /^(?:Organization|NewsMediaOrganization|WebSite)$/.test(t)));
    if (!org) return null;
    return {
      headline: null, name: null, author: null, publisher: str(org.name), datePublished: null,
      description: null, image: null, inLanguage: null, url: null, isArticle: false,
    };
  }
  let publisher = best.publisher ? str(best.publisher) : null;
  if (publisher && /^https?:|^#/.test(publisher)) {
    // An @id reference into the @graph: resolve it.
    const ref = publisher;
    const o = objs.find((x) => x['@id'] === ref);
    publisher = o ? str(o.name) : null;
  }
  let author = best.author ? personNames(best.author) : null;
  if (!author && best.author) {
    const ids = (Array.isArray(best.author) ? best.author : [best.author])
      .map((a) => (a && typeof a === 'object' ? (a as Record<string, unknown>)['@id'] : null));
    author = personNames(objs.filter((x) => ids.includes(x['@id'] as string)));
  }
  let image: string | null = null;
  const img = best.image ?? best.thumbnailUrl;
  if (img) image = str(Array.isArray(img) ? img[0] : img);
  return {
    headline: str(best.headline),
    name: str(best.name),
    author,
    publisher,
    datePublished: str(best.datePublished ?? best.dateCreated ?? best.uploadDate),
    description: str(best.description),
    image,
    inLanguage: str(best.inLanguage),
    url: str(best.url ?? best.mainEntityOfPage),
    isArticle: bestRank >= 3,
  };
}
