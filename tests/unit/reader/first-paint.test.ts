import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import type { Article } from '../../../src/core/types.js';
import { drawFirstPaint, plainBodyStart, screenfulBudget } from '../../../src/pages/reader/first-paint-view.js';

const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://abc/reader.html' });
const doc = window.document as unknown as Document;
const html = (fragment: DocumentFragment | HTMLElement) => {
  const div = doc.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};
const base = 'https://news.test/a/story.html';

function article(contentHtml: string, extra: Partial<Article> = {}): Article {
  return {
    url: base, title: 'The title', byline: 'Ana Writer', siteName: 'News', lang: 'en', dir: 'ltr', publishedTime: '2026-03-02T06:15:00Z',
    excerpt: '', leadImage: null, contentHtml, textContent: 'text', wordCount: 460, nextPageUrl: null, ...extra,
  } as unknown as Article;
}

describe('reader first paint', () => {
  it('copies text into attribute-free elements only: no script, handler, style, link or unknown attribute survives', () => {
    const { fragment } = plainBodyStart(
      '<p class="x" onclick="alert(1)" style="color:red">One <a href="javascript:alert(1)">two</a> <b>three</b></p><script>alert(1)</script>' +
        '<div id="w"><p>Four<style>p{}</style></p></div><h1>Inner</h1><template><p>never</p></template>',
      doc,
      { baseUrl: base },
    );
    expect(html(fragment)).toBe('<p>One <span>two</span> <b>three</b></p><div><p>Four</p></div><h2>Inner</h2>');
  });

  it('draws plain http(s) images as placeholders of their size (nothing fetched), and stops at the first element it does not draw', () => {
    const { fragment, images } = plainBodyStart(
      '<figure><img src="/i/lead.jpg" alt="Lead" width="1200" height="600" onerror="x()"><figcaption>Caption</figcaption></figure>' +
        '<p>First <img src="/i/icon.png"></p><table><tr><td>cell</td></tr></table><p>After the table</p><img src="/i/late.jpg">',
      doc,
      { baseUrl: base },
    );
    const box = fragment.querySelector<HTMLElement>('figure > span.image-placeholder');
    expect(box?.getAttribute('aria-hidden')).toBe('true');
    expect(box?.style.width).toBe('1200px');
    expect(box?.style.aspectRatio).toBe('1200 / 600');
    // No image element, so nothing loads; an image of unknown size takes no room.
    expect(fragment.querySelector('img')).toBeNull();
    expect(fragment.querySelectorAll('.image-placeholder')[1]?.getAttribute('style')).toBeNull();
    expect(fragment.querySelector('figcaption')?.textContent).toBe('Caption');
    expect(fragment.textContent).toBe('CaptionFirst ');
    expect(images).toEqual(['/i/lead.jpg', '/i/icon.png', '/i/late.jpg']);
    // A javascript: or data: image is not drawn: the paint stops there.
    expect(html(plainBodyStart('<p>Before</p><img src="javascript:alert(1)"><p>After</p>', doc, { baseUrl: base }).fragment)).toBe('<p>Before</p>');
  });

  it('drops a leading heading and byline line repeating the header, and cuts a long body at a tag boundary', () => {
    const { fragment } = plainBodyStart('<h2>The title</h2><p>By Ana Writer</p><p>Body</p>', doc, { baseUrl: base, title: 'The title', byline: 'Ana Writer' });
    expect(html(fragment)).toBe('<p>Body</p>');
    const long = Array.from({ length: 2000 }, (_, i) => `<p>Paragraph &amp; ${i}</p>`).join('');
    const cut = plainBodyStart(long, doc, { baseUrl: base }, 1000).fragment;
    expect(cut.childNodes.length).toBeGreaterThan(10);
    expect(cut.childNodes.length).toBeLessThan(60);
    expect(cut.textContent).not.toMatch(/&amp|<|&$/);
  });

  it('draws the header with the full view’s classes, the lead image unless the body has it, and no <article>', () => {
    const t = (key: string, subs?: string | string[]) => `${key}(${[subs].flat().join(',')})`;
    const lead = { url: '/i/lead.jpg', alt: 'Lead', caption: 'Lead caption' };
    const view = drawFirstPaint(doc, article('<p>Body</p>', { leadImage: lead } as Partial<Article>), base, { locale: 'en', dir: 'ltr', t });
    expect(view.querySelector('h1.article-title')?.textContent).toBe('The title');
    expect(view.querySelector('h1')?.getAttribute('elementtiming')).toBe('article-title');
    expect(view.querySelector('.article-byline')?.textContent).toBe('Ana Writer');
    expect(view.querySelector('.article-meta')?.textContent).toContain('readerReadingTime(2 minutes)');
    expect(view.querySelector('.reader-article')?.getAttribute('lang')).toBe('en');
    // The lead image's place (its size is not known yet), not the image: nothing is fetched.
    expect(view.querySelector('figure.lead-image .image-placeholder')).not.toBeNull();
    expect(view.querySelector('img')).toBeNull();
    expect(view.querySelector('figure.lead-image figcaption')?.textContent).toBe('Lead caption');
    expect(view.querySelector('article')).toBeNull();
    const inBody = drawFirstPaint(doc, article('<figure><img src="https://news.test/i/lead.jpg?w=800"></figure><p>Body</p>', { leadImage: lead } as Partial<Article>), base, { locale: 'en', dir: 'ltr', t });
    expect(inBody.querySelector('figure.lead-image')).toBeNull();
    expect(inBody.querySelectorAll('.article-body .image-placeholder')).toHaveLength(1);
    // A page-supplied language that is not a language tag is not copied.
    const odd = drawFirstPaint(doc, article('<p>x</p>', { lang: 'en" onload="x' }), base, { locale: 'en', dir: 'ltr', t });
    expect(odd.querySelector('.reader-article')?.hasAttribute('lang')).toBe(false);
  });

  it('draws about two viewports of the body, whole blocks only, and no more for a longer article', () => {
    const view = { heightPx: 860, fontPx: 20, leading: 1.65, widthEm: 36 };
    const paragraph = (i: number) => `<p>Paragraph ${i} ${'word '.repeat(60)}</p>`;
    const long = Array.from({ length: 200 }, (_, i) => paragraph(i)).join('');
    const cut = plainBodyStart(long, doc, { baseUrl: base, budget: screenfulBudget(view) }).fragment;
    // 52 lines of 72 characters, a paragraph of 5 lines and a margin: 9 paragraphs.
    expect(cut.querySelectorAll('p').length).toBeGreaterThanOrEqual(8);
    expect(cut.querySelectorAll('p').length).toBeLessThanOrEqual(10);
    expect(cut.lastElementChild?.textContent).toMatch(/word $/);
    // A short article is drawn whole.
    const short = Array.from({ length: 4 }, (_, i) => paragraph(i)).join('');
    expect(plainBodyStart(short, doc, { baseUrl: base, budget: screenfulBudget(view) }).fragment.querySelectorAll('p')).toHaveLength(4);
    // CJK text fills a line with half as many characters.
    const cjk = Array.from({ length: 200 }, () => `<p>${'漢字'.repeat(150)}</p>`).join('');
    const cjkCut = plainBodyStart(cjk, doc, { baseUrl: base, budget: screenfulBudget(view) }).fragment;
    expect(cjkCut.querySelectorAll('p').length).toBeLessThan(cut.querySelectorAll('p').length);
    // An image's placeholder takes its share of the screen.
    const withImage = `<figure><img src="/big.jpg" width="720" height="1200"></figure>${long}`;
    expect(plainBodyStart(withImage, doc, { baseUrl: base, budget: screenfulBudget(view) }).fragment.querySelectorAll('p').length).toBeLessThan(cut.querySelectorAll('p').length);
    // A body given as text only is cut the same way.
    const text = drawFirstPaint(doc, article('', { textContent: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${'word '.repeat(60)}`).join('\n\n') }), base, { locale: 'en', dir: 'ltr', t: (k) => k, budget: screenfulBudget(view) });
    expect(text.querySelectorAll('.article-body p').length).toBeLessThanOrEqual(10);
  });
});
