/**
 * The measurements of a page the background found suspicious (a 403, a short page, a redirect to
 * another host): the core's detectBlockPage on the live DOM (read only) and detectArticle, on top
 * of what every check measures (page-measure.ts). Part of the on-demand page check, never of the
 * always-on script.
 */
import { detectBlockPage } from '../core/blockpage/index.js';
import { detectArticle } from '../core/detect-article.js';
import type { PageProbe } from '../shared/page-check.js';
import { measurePage } from './page-measure.js';

export function probePage(): PageProbe {
  return {
    ...measurePage(),
    // The DOM alone: the background has the response (status, headers, redirects) and adds it.
    verdict: detectBlockPage(document),
    articleLike: detectArticle(document).isArticle,
  };
}
