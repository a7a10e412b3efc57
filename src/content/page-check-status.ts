/**
 * The page check for a page whose HTTP status already says it is unavailable (404, 410, 451,
 * 5xx): what remains to tell is only whether it is empty, a bot challenge or a soft-404, so it
 * carries neither detector (the block-page matcher and its signature table are most of
 * page-check.js) and is a fraction of its size to load and compile.
 */
import { measurePage } from './page-measure.js';
import { runPageCheck } from './page-check-run.js';

runPageCheck(() => ({ ...measurePage(), verdict: { blocked: false }, articleLike: false }));
