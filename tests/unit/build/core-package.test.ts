/**
 * The core as other projects use it: `import { extractArticle } from 'samizdat/core'` under plain
 * Node, with no DOM globals installed, working on a jsdom document (every DOM constructor must
 * come from the document's own window).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');


it('imports as samizdat/core under plain Node and runs on a jsdom document', () => {
  const script = `
    import { JSDOM } from 'jsdom';
    const core = await import('samizdat/core');
    const globalsBefore = typeof window + typeof document + typeof DOMParser;
    const html = '<html lang="en"><head><title>A headline | Site</title><meta property="og:title" content="A headline"></head><body>' +
      '<nav><a href="/">Home</a></nav><article><h1>A headline</h1>' +
      Array.from({ length: 8 }, (_, i) => '<p>Paragraph ' + i + ' of the story, long enough to read as prose, with a comma, and more words after it.</p>').join('') +
      '<p><a href="javascript:alert(1)" onclick="alert(2)">bad</a></p></article></body></html>';
    const dom = new JSDOM(html, { url: 'https://example.org/news/story.html' });
    const before = dom.serialize();
    const article = core.extractArticle(dom.window.document, { url: 'https://example.org/news/story.html' });
    console.log(JSON.stringify({
      exports: Object.keys(core).sort(),
      globalsBefore,
      unchanged: dom.serialize() === before,
      title: article && article.title,
      hasScriptUrl: article ? /javascript:|onclick/i.test(article.contentHtml) : null,
      words: article && article.wordCount,
      detect: core.detectArticle(dom.window.document).isArticle,
      blocked: core.detectBlockPage(dom.window.document, { status: 200 }).blocked,
    }));`;
  const output = execFileSync('node', ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const result = JSON.parse(output.trim().split('\n').pop()!);
  expect(result.exports).toEqual(expect.arrayContaining(['detectArticle', 'detectBlockPage', 'extractArticle']));
  expect(result.globalsBefore).toBe('undefinedundefinedundefined');
  expect(result.unchanged).toBe(true);
  expect(result.title).toBe('A headline');
  expect(result.hasScriptUrl).toBe(false);
  expect(result.words).toBeGreaterThan(100);
  expect(result.detect).toBe(true);
  expect(result.blocked).toBe(false);
});
