import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { sanitizeHtml } from '../../../src/core/sanitize.js';
import { extractArticle } from '../../../src/core/extract/index.js';

const PROSE = 'This sentence is ordinary article prose, long enough to count as a paragraph of the story we are reading.';

/** Payloads from the usual XSS cheat sheets, including mutation-XSS and SVG/MathML tricks. */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="  java\u0000script:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<p onclick="alert(1)" onmouseover="alert(1)">handlers</p>',
  '<button formaction="javascript:alert(1)">b</button>',
  '<input autofocus onfocus=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=import href="data:text/html,<script>alert(1)</script>">',
  '<template><script>alert(1)</script></template>',
  '<img srcset="javascript:alert(1) 1x">',
  '<video poster="javascript:alert(1)" src="javascript:alert(1)"></video>',
  '<a href="#" id="cookie" name="cookie">clobber</a>',
  '<style>@import "javascript:alert(1)";</style>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src="x" onerror="alert(1)"//',
];

function assertInert(html: string): void {
  const lower = html.toLowerCase();
  expect(lower).not.toMatch(/<(script|style|iframe|object|embed|frame|form|input|button|svg|math|meta|link|base|template)\b/);
  expect(lower).not.toMatch(/\son[a-z]+\s*=/);
  expect(lower).not.toMatch(/(href|src|action|formaction|poster|xlink:href)\s*=\s*"?\s*(javascript|vbscript|data:text|data:image\/svg)/);
  expect(lower).not.toMatch(/\sstyle\s*=/);
  expect(lower).not.toMatch(/\ssrcdoc\s*=/);
}

describe('sanitizeHtml', () => {
  const win = new JSDOM('').window as unknown as Window;

  it('keeps article markup', () => {
    expect(sanitizeHtml(win, '<p>Hello <a href="https://example.com/a">link</a> <strong>bold</strong></p><img src="https://example.com/i.jpg" alt="A">'))
      .toBe('<p>Hello <a href="https://example.com/a">link</a> <strong>bold</strong></p><img src="https://example.com/i.jpg" alt="A">');
  });

  it.each(PAYLOADS)('neutralises %s', (payload) => {
    assertInert(sanitizeHtml(win, `<p>${PROSE}</p>${payload}<p>${PROSE}</p>`));
  });

  it('keeps raster data images and drops SVG data images', () => {
    const png = 'data:image/png;base64,' + 'iVBORw0KGgo'.repeat(30);
    expect(sanitizeHtml(win, `<img src="${png}">`)).toContain(png);
    expect(sanitizeHtml(win, '<img src="data:image/svg+xml,<svg onload=alert(1)>">')).toBe('<img>');
  });
});

describe('extractArticle on a page full of XSS payloads', () => {
  it('returns the prose and nothing executable', () => {
    const body = PAYLOADS.map((p, i) => `<p>${PROSE} (${i})</p>${p}`).join('\n');
    const dom = new JSDOM(`<html><head><title>Payloads</title></head><body><article>${body}</article></body></html>`, { url: 'https://x.example/a' });
    const before = dom.serialize();
    const a = extractArticle(dom.window.document, { url: 'https://x.example/a' });
    expect(dom.serialize()).toBe(before);
    expect(a).not.toBeNull();
    assertInert(a!.contentHtml);
    expect(a!.textContent).toContain(`${PROSE} (0)`);
    expect(a!.textContent).not.toContain('alert(1)');
  });
});
