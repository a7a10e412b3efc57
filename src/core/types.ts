/** The public shapes of the core, fixed by PRODUCT.md. */

export interface LeadImage {
  url: string;
  alt: string | null;
  caption: string | null;
}

export interface Article {
  /** Canonical URL when the page declares one, else opts.url. */
  url: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601 with offset or Z. */
  publishedTime: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  excerpt: string | null;
  leadImage: LeadImage | null;
  /** Sanitised: no script, style, handler, iframe, form, javascript: URL. */
  contentHtml: string;
  /** The article body only (no title), paragraphs separated by blank lines. */
  textContent: string;
  /** Intl.Segmenter word-like segments, so CJK counts sensibly. */
  wordCount: number;
  /** Next page of a multi-page article. */
  nextPageUrl: string | null;
}

export interface ExtractOptions {
  url?: string;
}

export interface ArticleDetection {
  isArticle: boolean;
  score: number;
  signals: string[];
}

export interface BlockPageInput {
  /** Final URL. */
  url?: string;
  status?: number;
  /** Lower-case header names. */
  headers?: Record<string, string>;
  /** URLs, in order. */
  redirects?: string[];
}

export type BlockKind = 'national' | 'isp' | 'product' | 'institution' | 'legal-451' | 'heuristic';

export interface BlockPageVerdict {
  blocked: boolean;
  kind?: BlockKind;
  /** e.g. the Citizen Lab signature name. */
  signature?: string;
  /** ISO 3166 alpha-2. */
  country?: string;
}
