/** The next page of a multi-page article: rel=next, or a pagination link labelled "next". */
import { absolutize } from './urls.js';
import type { PageRefs } from './refs.js';

// "Next" in the languages our readers use most, plus arrow glyphs.
const NEXT_TEXT = /^(?:next( page)?|next ›|next »|continue( reading)?|weiter|suivant(e)?|siguiente|следующая( страница)?|далее|بعدی|صفحه بعد|التالي|下一页|次へ|次のページ|다음|›|»|→)$/i;

export function findNextPage(refs: PageRefs, relNext: string | null, base: string, root: Element): string | null {
  const here = base.split('#')[0];
  const ok = (u: string | null): string | null => {
    if (!u || !/^https?:/i.test(u) || u.split('#')[0] === here) return null;
    try {
      // Why same host: "next" links to other sites are ads or related stories.
      if (base && new URL(u).host !== new URL(base).host) return null;
    } catch {
      return null;
    }
    return u;
  };
  const fromLink = ok(absolutize(relNext, base));
  if (fromLink) return fromLink;
  // <a rel="next"> anywhere, then a pagination link near the article.
  for (const a of refs.relAnchors) {
    const rel = a.getAttribute('rel');
    if (rel && /(?:^|\s)next(?:\s|$)/i.test(rel)) {
      const u = ok(absolutize(a.getAttribute('href'), base));
      if (u) return u;
    }
  }
  // Why only inside pagination-like containers: scanning every link's text is costly and
  // "Next" in a story teaser is not a next page.
  const scope = root.parentElement || root;
  let n = 0;
  for (const a of refs.pagAnchors) {
    if (!scope.contains(a)) continue;
    if (++n > 200) break;
    const t = (a.textContent || '').replace(/\s+/g, ' ').trim();
    if (t.length > 30 || !NEXT_TEXT.test(t)) continue;
    const u = ok(absolutize(a.getAttribute('href'), base));
    if (u) return u;
  }
  return null;
}
