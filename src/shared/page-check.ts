/**
 * What the on-demand page check (src/content/page-check.ts) and the background tell each other
 * about a page that loaded but may be unavailable.
 */
import type { BlockPageVerdict } from '../core/types.js';

/** The live page, measured by the page check. */
export interface PageProbe {
  /** detectBlockPage on the DOM alone; the background adds what the response says. */
  verdict: BlockPageVerdict;
  textLength: number;
  elementCount: number;
  linkCount: number;
  title: string;
  challenge: boolean;
  articleLike: boolean;
  errorLike: boolean;
  /** The start of the page's HTML. */
  sample?: string;
}

/** What the in-page notice shows. */
export interface NoticeInfo {
  url: string;
  reason: string;
  status?: number;
  blockedBy?: string;
  kind?: string;
  country?: string;
}
