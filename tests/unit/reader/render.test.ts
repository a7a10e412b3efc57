import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { containsImage, prepareContent, readingMinutes, sameImage, sanitizeToFragment } from '../../../src/pages/reader/render.js';

const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://abc/reader.html' });
const win = window as unknown as Window;
const html = (fragment: DocumentFragment) => {
  const div = win.document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};

describe('render-time sanitising', () => {
  it('drops scripts, styles, handlers, iframes, forms and javascript: URLs', () => {
    const out = html(sanitizeToFragment(win, `
      <p onclick="alert(1)" style="color:red">Hello <a href="javascript:alert(1)">x</a></p>
      <script>alert(1)</script><style>p{}</style><iframe src="https://e.com"></iframe>
      <form action="/x"><input name="a"><button>Go</button></form>
      <img src="x.png" onerror="alert(1)"><svg><script>alert(1)</script></svg>
      <object data="x"></object><embed src="x">`));
    expect(out).toContain('Hello');
    for (const bad of ['onclick', 'style=', '<script', '<style', '<iframe', '<form', '<input', '<button', 'javascript:', 'onerror', '<svg', '<object', '<embed']) {
      expect(out).not.toContain(bad);
    }
  });

  it('keeps saved images (blob:) and raster data images, not SVG data URLs', () => {
    const out = html(sanitizeToFragment(win, '<img src="blob:chrome-extension://abc/123" alt="a"><img src="data:image/png;base64,AAAA" alt="b"><img src="data:image/svg+xml;base64,AAAA" alt="c"><a href="data:text/html,x">d</a>'));
    expect(out).toContain('blob:chrome-extension://abc/123');
    expect(out).toContain('data:image/png');
    expect(out).not.toContain('svg+xml');
    expect(out).not.toContain('data:text/html');
  });
});

describe('prepareContent', () => {
  const base = 'https://news.example/world/story.html';

  it('keeps the content and makes the title the only h1', () => {
    const out = html(prepareContent(win, '<h1>The Title</h1><p>Body text here.</p><h1>Another</h1>', { baseUrl: base, title: 'The Title' }));
    expect(out).not.toContain('<h1');
    expect(out).not.toContain('The Title');
    expect(out).toContain('<h2>Another</h2>');
    expect(out).toContain('<p>Body text here.</p>');
  });

  it('resolves links and images against the article URL and keeps link targets', () => {
    const out = html(prepareContent(win, '<p><a href="/about">About</a> <a href="other.html" target="_blank">Other</a> <a href="#notes">Notes</a></p><p id="notes"><img src="../img/a.jpg"></p>', { baseUrl: base }));
    expect(out).toContain('href="https://news.example/about"');
    expect(out).toContain('href="https://news.example/world/other.html"');
    expect(out).toContain('rel="noopener noreferrer"');
    expect(out).toContain('href="#sz-c-notes"');
    expect(out).toContain('id="sz-c-notes"');
    expect(out).toContain('src="https://news.example/img/a.jpg"');
    expect(out).toContain('alt=""');
    expect(out).toContain('loading="lazy"');
  });

  it('makes wide code and tables reachable by keyboard', () => {
    const out = html(prepareContent(win, '<pre><code>x = 1</code></pre><table><tr><td>1</td></tr></table>', { baseUrl: base }));
    expect(out).toContain('<pre tabindex="0">');
    expect(out).toMatch(/<div class="table-wrap" tabindex="0"><table>/);
  });

  it('names links that only hold an image without alt text', () => {
    const out = html(prepareContent(win, '<a href="https://e.com/big.jpg"><img src="https://e.com/small.jpg"></a>', { baseUrl: base }));
    expect(out).toContain('aria-label="https://e.com/big.jpg"');
  });

  it('knows when the body already shows the lead image', () => {
    const fragment = prepareContent(win, '<figure><img src="/img/lead.jpg?w=800"></figure><p>Text</p>', { baseUrl: base });
    expect(containsImage(fragment, 'https://news.example/img/lead.jpg', base)).toBe(true);
    expect(containsImage(fragment, 'https://news.example/img/other.jpg', base)).toBe(false);
    expect(sameImage('https://a.test/x.jpg#f', 'https://a.test/x.jpg?y=1')).toBe(true);
  });
});

describe('readingMinutes', () => {
  it('rounds and never says zero', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(1150)).toBe(5);
  });
});

describe('byline line at the top of the body', () => {
  const base = 'https://news.example/a.html';
  it('is dropped when it repeats the byline, even inside a wrapper', () => {
    const out = html(prepareContent(win, '<div><div class="meta">By Anna Light · 18 May</div><p>First paragraph of the story, long enough to be prose.</p></div>', { baseUrl: base, byline: 'Anna Light' }));
    expect(out).not.toContain('18 May');
    expect(out).toContain('First paragraph');
  });
  it('is kept when it is prose that merely names the author', () => {
    const long = 'Anna Light has covered the harbour for ten years, and in this piece she follows the night ferry from the first sailing of the season to the last one in autumn.';
    const out = html(prepareContent(win, `<p>${long}</p>`, { baseUrl: base, byline: 'Anna Light' }));
    expect(out).toContain('ten years');
  });
});

describe('http images in Firefox', () => {
  it('are held back for loading through fetch, https and blob images are not', () => {
    const out = html(prepareContent(win, '<img src="http://mirror.example/a.jpg"><img src="https://e.com/b.jpg"><img src="blob:moz-extension://x/1">', { baseUrl: 'http://mirror.example/story', holdInsecureImages: true }));
    expect(out).toContain('data-sz-src="http://mirror.example/a.jpg"');
    expect(out).not.toContain(' src="http://mirror.example/a.jpg"');
    expect(out).not.toContain('<img src="http://mirror.example/a.jpg"');
    expect(out).toContain('src="https://e.com/b.jpg"');
    expect(out).toContain('src="blob:moz-extension://x/1"');
  });
});
