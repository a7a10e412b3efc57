/**
 * One article as Markdown (turndown): a front-matter block with the provenance, then the text.
 * A Markdown file cannot carry images, so they point at their original URLs.
 */
import TurndownService from 'turndown';
import { resolveImageRefs } from './html.js';
import { provenanceRows, type Exportable } from './exportable.js';

export function articleMarkdown(e: Exportable): string {
  const { record } = e;
  const a = record.article;
  const original = new Map(record.images.map((i) => [i.id, i.url]));
  const html = resolveImageRefs(a.contentHtml, (id) => original.get(id));
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  const body = turndown.turndown(html || '<p></p>');
  const yaml = (s: string) => JSON.stringify(s);
  const front = [
    '---',
    `title: ${yaml(a.title)}`,
    a.byline ? `author: ${yaml(a.byline)}` : null,
    a.siteName ? `site: ${yaml(a.siteName)}` : null,
    a.publishedTime ? `published: ${yaml(a.publishedTime)}` : null,
    a.lang ? `lang: ${yaml(a.lang)}` : null,
    ...provenanceRows(e).map((r) => `${r.label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')}: ${yaml(r.value)}`),
    '---',
  ].filter((l) => l !== null);
  return `${front.join('\n')}\n\n# ${a.title}\n\n${body}\n`;
}
