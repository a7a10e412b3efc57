/**
 * reader.html?url=<page URL>: the article handed over by the one-click flow, else fetched and
 * extracted here. Everything from the page is sanitised again before it is rendered.
 */
import { useEffect, useState } from 'preact/hooks';
import DOMPurify from 'dompurify';
import type { Article } from '../../core/types.js';
import { extractArticle } from '../../core/extract/index.js';
import { send } from '../../shared/runtime.js';
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

type State = { status: 'loading' } | { status: 'ready'; article: Article } | { status: 'error'; message: string };

async function fetchAndExtract(url: string): Promise<Article | null> {
  const response = await fetch(url, { credentials: 'include' });
  const html = await response.text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return extractArticle(doc, { url: response.url || url });
}

async function loadArticle(url: string): Promise<Article | null> {
  return (await send('take-handoff', { url })) ?? (await fetchAndExtract(url));
}

function Reader({ url }: { url: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    loadArticle(url).then(
      (article) => setState(article ? { status: 'ready', article } : { status: 'error', message: t('readerNoArticle') }),
      (error: unknown) => setState({ status: 'error', message: t('readerFetchFailed', String(error)) }),
    );
  }, [url]);

  if (state.status === 'loading') return <main class="reader"><p role="status">{t('readerLoading')}</p></main>;
  if (state.status === 'error') {
    return (
      <main class="reader">
        <p role="alert">{state.message}</p>
        <p><a href={url}>{t('readerOriginal')}</a></p>
      </main>
    );
  }
  const { article } = state;
  document.title = article.title;
  return (
    <main class="reader">
      <header class="reader-header" lang={article.lang ?? undefined} dir={article.dir ?? undefined}>
        <h1>{article.title}</h1>
        {article.byline && <p class="byline">{article.byline}</p>}
        <p class="source"><a href={url}>{article.siteName ?? new URL(url).hostname}</a></p>
      </header>
      <article
        lang={article.lang ?? undefined}
        dir={article.dir ?? undefined}
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(article.contentHtml) }}
      />
    </main>
  );
}

const pageUrl = new URLSearchParams(location.search).get('url');
mount(pageUrl ? <Reader url={pageUrl} /> : <main class="reader"><p role="alert">{t('readerNoArticle')}</p></main>);
