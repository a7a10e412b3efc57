/** The article itself: header (site, title, byline, date, reading time), lead image, body, source. */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Article } from '../../core/types.js';
import { t } from '../shared/i18n.js';
import { HELD_SRC, containsImage, loadHeldImages, needsHeldImages, prepareContent, readingMinutes } from './render.js';

const hold = needsHeldImages();
import { displayHost, formatDate, formatMinutes } from './format.js';

function Body({ fragment, className, label }: { fragment: DocumentFragment; className: string; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // A fragment can be inserted once; clone so a re-mount still has the content.
    const el = ref.current;
    if (!el) return;
    el.replaceChildren(fragment.cloneNode(true));
    const urls: string[] = [];
    loadHeldImages(el, (url) => urls.push(url));
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, [fragment]);
  return <div class={className} ref={ref} role={label ? 'group' : undefined} aria-label={label} />;
}

export interface ArticleViewProps {
  /** The first page. */
  article: Article;
  /** Further pages of a multi-page article, in order. */
  pages: Article[];
  /** The URL the reader was opened for (the link to the original). */
  pageUrl: string;
  wordCount: number;
  locale: string;
  /** Direction of the UI language (the reader's own words inside the article). */
  uiDir: 'ltr' | 'rtl';
  savedAt?: string;
}

export function ArticleView({ article, pages, pageUrl, wordCount, locale, uiDir, savedAt }: ArticleViewProps) {
  const base = article.url || pageUrl;
  const first = useMemo(() => prepareContent(window, article.contentHtml, { baseUrl: base, title: article.title, byline: article.byline, holdInsecureImages: hold }), [article, base]);
  const more = useMemo(
    () => pages.map((page, i) => prepareContent(window, page.contentHtml, { baseUrl: page.url || base, title: article.title, byline: article.byline, idPrefix: `sz-p${i + 2}-`, holdInsecureImages: hold })),
    [pages, article.title, article.byline, base],
  );
  const lead = article.leadImage;
  const showLead = useMemo(() => Boolean(lead?.url) && !containsImage(first, lead?.url ?? '', base), [lead, first, base]);
  const published = formatDate(article.publishedTime, locale);
  const minutes = readingMinutes(wordCount);
  const originalUrl = article.url || pageUrl;
  const site = article.siteName || displayHost(originalUrl);
  const dir = article.dir ?? 'auto';
  const lang = article.lang ?? undefined;
  const leadSrc = lead ? resolve(lead.url, base) : '';
  const captionRepeatsAlt = lead?.caption && lead.alt && sameText(lead.caption, lead.alt);
  const leadRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!leadRef.current) return;
    const urls: string[] = [];
    loadHeldImages(leadRef.current, (url) => urls.push(url));
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, [leadSrc, showLead]);
  // For benchmarks (click to readable text): the first frame with the article in it (unless the
  // first-paint script drew one already), and the first frame of this full view.
  useEffect(() => {
    requestAnimationFrame(() => {
      if (!performance.getEntriesByName('samizdat:article-painted').length) performance.mark('samizdat:article-painted');
      performance.mark('samizdat:full-view-painted');
    });
  }, []);
  const leadImgProps = hold && leadSrc.startsWith('http:') ? { [HELD_SRC]: leadSrc } : { src: leadSrc };

  return (
    <article id="sz-article" class="reader-article" lang={lang} dir={dir} tabIndex={-1}>
      <header class="article-header">
        <p class="article-site">{site}</p>
        {/* elementtiming: the bench reads when the title was really painted. */}
        <h1 class="article-title" {...{ elementtiming: 'article-title' }}>{article.title}</h1>
        {article.byline && <p class="article-byline">{article.byline}</p>}
        {/* UI text inside the article: aligned with the article, written in the UI's direction. */}
        <p class="article-meta">
          <span dir={uiDir} lang={locale}>
            {published && article.publishedTime && <time dateTime={article.publishedTime}>{published}</time>}
            {published && <span aria-hidden="true"> · </span>}
            <span>{t('readerReadingTime', formatMinutes(minutes, locale))}</span>
          </span>
        </p>
      </header>
      {showLead && lead && leadSrc && (
        <figure class="lead-image" ref={leadRef}>
          <img {...leadImgProps} alt={lead.alt ?? ''} referrerpolicy="no-referrer" decoding="async" />
          {lead.caption && !captionRepeatsAlt && <figcaption>{lead.caption}</figcaption>}
        </figure>
      )}
      <Body fragment={first} className="article-body" />
      {more.map((fragment, i) => (
        <section class="article-page" key={i} aria-label={t('readerPageN', String(i + 2))}>
          <p class="page-marker" aria-hidden="true"><span>{t('readerPageN', String(i + 2))}</span></p>
          <Body fragment={fragment} className="article-body" />
        </section>
      ))}
      <footer class="article-source">
        <p>
          <span dir={uiDir} lang={locale}>
            <span class="source-label">{t('readerSource')} </span>
            <a href={originalUrl} class="source-url" dir="ltr">{originalUrl}</a>
          </span>
        </p>
        {(published || savedAt) && (
          <p class="source-dates">
            <span dir={uiDir} lang={locale}>
              {published && <span>{t('readerPublished', published)}</span>}
              {published && savedAt && ' · '}
              {savedAt && <span>{t('readerSavedOn', formatDate(savedAt, locale, true) ?? savedAt)}</span>}
            </span>
          </p>
        )}
      </footer>
    </article>
  );
}

function resolve(url: string, base: string): string {
  if (/^blob:/i.test(url) || /^data:image\/(?:png|jpe?g|gif|webp|avif);/i.test(url)) return url;
  try {
    const abs = new URL(url, base);
    return /^https?:$/.test(abs.protocol) ? abs.href : '';
  } catch {
    return '';
  }
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
