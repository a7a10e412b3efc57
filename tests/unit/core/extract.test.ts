import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../../src/core/extract/index.js';
import { countUnits, countWords, guessDir } from '../../../src/core/text.js';
import { scan } from '../../../src/core/extract/scan.js';
import { buildBody } from '../../../src/core/extract/clean.js';
import { toText } from '../../../src/core/extract/light.js';

const FIX = join(__dirname, '../../fixtures/articles');

function load(name: string, url = 'https://news.example.com/world/2024/03/floods-river-valley?utm=x'): JSDOM {
  return new JSDOM(readFileSync(join(FIX, name), 'utf8'), { url, virtualConsole: new VirtualConsole() });
}

function extractUnchanged(dom: JSDOM, opts?: { url?: string }) {
  const before = dom.serialize();
  const a = extractArticle(dom.window.document, opts);
  expect(dom.serialize()).toBe(before);
  return a;
}

describe('extractArticle on an English news page with clutter', () => {
  const dom = load('en-news-clutter.html');
  const a = extractUnchanged(dom, { url: 'https://news.example.com/world/2024/03/floods-river-valley?utm=x' })!;

  it('finds the article and its metadata', () => {
    expect(a).not.toBeNull();
    expect(a.title).toBe('Floods force thousands from homes in river valley');
    expect(a.byline).toBe('Maria Okafor');
    expect(a.siteName).toBe('The Daily Ledger');
    expect(a.publishedTime).toBe('2024-03-14T06:30:00Z');
    expect(a.lang).toBe('en-GB');
    expect(a.dir).toBe('ltr');
    expect(a.url).toBe('https://news.example.com/world/2024/03/floods-river-valley');
    expect(a.excerpt).toBe('Emergency crews evacuated three towns overnight as the river rose to a record height.');
    expect(a.nextPageUrl).toBeNull();
    expect(a.leadImage).toEqual({
      url: 'https://cdn.example.com/img/floods-main-1200x675.jpg',
      alt: 'Rescue boats on a flooded street',
      caption: 'Rescue boats on Mill Street in Haverton on Wednesday night.',
    });
  });

  it('keeps every paragraph, subheading, list and quote of the body, in order', () => {
    const paras = a.textContent.split('\n\n');
    expect(paras[0]).toMatch(/^Emergency crews evacuated more than four thousand people/);
    expect(paras).toContain('Warnings ignored, residents say');
    expect(paras).toContain('Haverton: about 2,400 people evacuated to the leisure centre and two schools.');
    expect(paras).toContain('The council will review every warning issued this week and publish what it finds, the council leader told reporters on Thursday morning.');
    expect(paras[paras.length - 1]).toBe('Schools in all three towns will remain closed until Monday, and the main road between Haverton and Millbrook is shut while engineers inspect the bridge.');
    expect(a.textContent).toContain('Read the full forecast for details of the week ahead.');
  });

  it('drops the page furniture', () => {
    for (const junk of ['Skip to main content', 'Accessibility links', 'cookies', 'Breaking', 'Share on', 'Advertisement', '16x9 Image', 'Related', 'Storm brings gales', 'morning briefing', 'Subscribe', 'Comments', 'exactly what happened in 2007', 'Most read', 'donate', 'All rights reserved', 'By Maria', '14 March 2024', 'tracking', 'analytics']) {
      expect(a.textContent).not.toContain(junk);
    }
    // The title is not repeated as the first line of the body.
    expect(a.textContent.startsWith(a.title)).toBe(false);
    expect(a.contentHtml).not.toContain('Floods force thousands');
  });

  it('resolves lazy images and makes URLs absolute', () => {
    expect(a.contentHtml).toContain('<img src="https://cdn.example.com/img/map-800.jpg" alt="Map of the affected towns">');
    expect(a.contentHtml).toContain('href="https://news.example.com/world/2024/03/forecast"');
    // Lazy <img> and its <noscript> fallback give one picture, not two.
    expect(a.contentHtml.match(/bridge\.jpg/g)).toHaveLength(1);
  });

  it('turns the video embed into a plain link and leaves nothing executable', () => {
    expect(a.contentHtml).toContain('<a href="https://www.youtube.com/embed/abc123XYZ">Video: Drone footage of the flooding</a>');
    expect(a.contentHtml).not.toMatch(/<(script|style|iframe|form|input|button)\b/i);
    expect(a.contentHtml).not.toMatch(/\son\w+=/i);
    expect(a.contentHtml).not.toMatch(/javascript:/i);
    expect(a.contentHtml).not.toMatch(/\sclass=|\sstyle=/);
  });

  it('counts words with Intl.Segmenter semantics', () => {
    expect(a.wordCount).toBe(countWords(a.textContent));
    expect(a.wordCount).toBeGreaterThan(240);
  });
});

describe('extractArticle in other languages and layouts', () => {
  it('Russian page: <base> resolves links, date offset normalised, Cyrillic furniture dropped', () => {
    const a = extractUnchanged(load('ru-news.html', 'https://sib.example.ru/news/most'))!;
    expect(a.title).toBe('В Новосибирске открыли новый мост через Обь');
    expect(a.byline).toBe('Ирина Смирнова');
    expect(a.siteName).toBe('Сибирские ведомости');
    expect(a.publishedTime).toBe('2023-10-09T12:00:00+07:00');
    expect(a.lang).toBe('ru');
    expect(a.dir).toBe('ltr');
    expect(a.textContent.split('\n\n')).toHaveLength(4);
    expect(a.textContent).not.toContain('Поделиться');
    expect(a.textContent).not.toContain('Читайте также');
    expect(a.contentHtml).toContain('src="https://sib.example.ru/news/photo/most.jpg"');
    expect(a.contentHtml).toContain('href="https://sib.example.ru/news/archive/2023/most.html"');
  });

  it('Persian page without dir=: direction guessed from the script', () => {
    const a = extractUnchanged(load('fa-news.html', 'https://news.example.ir/culture/1'))!;
    expect(a.title).toBe('بازگشایی کتابخانه ملی پس از بازسازی');
    expect(a.dir).toBe('rtl');
    expect(a.lang).toBe('fa');
    expect(a.byline).toBe('سارا احمدی');
    expect(a.publishedTime).toBe('2024-05-02T09:15:00+03:30');
    expect(a.textContent.split('\n\n')).toHaveLength(3);
    expect(a.textContent).not.toContain('صفحه اصلی');
  });

  it('Chinese page: words counted by segmenter, not by spaces', () => {
    const a = extractUnchanged(load('zh-news.html', 'https://news.example.cn/a/1'))!;
    expect(a.title).toBe('城市公园完成改造重新开放');
    expect(a.publishedTime).toBe('2024-04-20T08:00:00Z');
    expect(a.textContent.split('\n\n')).toHaveLength(3);
    expect(a.textContent).not.toContain('相关新闻');
    expect(a.wordCount).toBe(countWords(a.textContent));
    expect(a.wordCount).toBeGreaterThan(60);
  });

  it('multi-page article: rel=next gives the next page', () => {
    const a = extractUnchanged(load('multipage.html', 'https://gazette.example.com/features/town-clock'))!;
    expect(a.nextPageUrl).toBe('https://gazette.example.com/features/town-clock?page=2');
    expect(a.textContent).not.toContain('Next');
  });

  it('page-wide references come from anywhere in the page: hidden JSON-LD, <base>, a "Next" link in a pagination block', () => {
    const para = (i: number) => `<p>Paragraph ${i} of the harbour story, long enough to count as prose, with commas, and a full stop.</p>`;
    const dom = new JSDOM(`<html><head><title>Harbour | Site</title><base href="https://harbour.example.org/news/"></head><body>
      <div hidden><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repaired","author":{"name":"Ana Silva"}}</script></div>
      <main><article>${[1, 2, 3, 4, 5].map(para).join('')}<p>Read <a href="wall.html">the first report</a> about the harbour wall, which collapsed in the storm last week.</p></article>
      <div class="pagination"><a href="?p=1">1</a> <a href="story?page=2">Next</a></div></main></body></html>`, { url: 'https://harbour.example.org/news/story' });
    const a = extractUnchanged(dom)!;
    expect(a.title).toBe('Harbour wall repaired');
    expect(a.byline).toBe('Ana Silva');
    expect(a.nextPageUrl).toBe('https://harbour.example.org/news/story?page=2');
    expect(a.contentHtml).toContain('<a href="https://harbour.example.org/news/wall.html">the first report</a>');
  });

  it('article HTML keeps the order of text and inline markup', () => {
    const dom = new JSDOM(`<html><head><title>A story</title></head><body><article><h2>Sub</h2><p>One <b>two</b> three <i>four <a href="/x">five</a></i> six.</p>${'<p>More prose of the story, long enough to count as a paragraph, with commas, and a stop.</p>'.repeat(3)}</article></body></html>`, { url: 'https://o.example/a' });
    const a = extractUnchanged(dom)!;
    expect(a.contentHtml).toContain('<h2>Sub</h2><p>One <b>two</b> three <i>four <a href="https://o.example/x">five</a></i> six.</p><p>More prose');
  });

  it('article HTML drops whitespace between blocks but keeps it between inline words and in <pre>', () => {
    const prose = '<p>More prose of the story, long enough to count as a paragraph, with commas, and a stop.</p>';
    const dom = new JSDOM(`<html><head><title>A story</title></head><body><article>\n  <div>\n    ${prose}\n    ${prose}\n  </div>\n  <p>Words <b>one</b> <i>two</i> <b>three</b>, and enough more prose here to make it count as a paragraph.</p>\n  ${prose}\n  <pre>  a\n  b  </pre></article></body></html>`, { url: 'https://o.example/a' });
    const a = extractUnchanged(dom)!;
    expect(a.contentHtml.replace(/<p>Words.*?<\/p>|<pre>[^]*<\/pre>/g, '')).not.toMatch(/>\s+</);
    expect(a.contentHtml).toContain("<p>Words <b>one</b> <i>two</i> <b>three</b>,");
    expect(a.contentHtml).toContain('<pre>  a\n  b  </pre>');
  });

  it('broken JSON-LD is tolerated and its entities decoded', () => {
    const a = extractUnchanged(load('broken-jsonld.html', 'https://post.example.com/news/cycle-lanes'))!;
    expect(a.title).toBe('Council approves new cycle lanes & wider pavements');
    expect(a.byline).toBe('Tom Becker');
    expect(a.publishedTime).toBe('2022-07-01T10:00:00+02:00');
    expect(a.excerpt).toBe('The plan was approved by 31 votes to 12. It will take two years.');
    expect(a.textContent.split('\n\n')).toHaveLength(3);
  });
});

describe('extractArticle: choosing the title', () => {
  const body = `<body><article>${'<p>Story prose that is long enough to be a paragraph of the article, with commas, and a full stop.</p>'.repeat(4)}</article></body>`;
  const titleOf = (head: string, extra = ''): string | undefined =>
    extractUnchanged(new JSDOM(`<html><head>${head}</head>${body.replace('<article>', '<article>' + extra)}</html>`, { url: 'https://t.example/a' }))?.title;

  it('drops the site name after the last separator of <title>', () => {
    expect(titleOf('<title>Storm closes the coastal road for a week | The Coast Herald</title>')).toBe('Storm closes the coastal road for a week');
  });
  it('drops a leading site name when cutting the end would leave too little', () => {
    expect(titleOf('<title>Herald | Storm closes the coastal road</title>')).toBe('Storm closes the coastal road');
  });
  it('keeps a short title whole rather than cut it to one or two words', () => {
    expect(titleOf('<title>New Zealand - Wikipedia</title>')).toBe('New Zealand - Wikipedia');
  });
  it('keeps a colon title when a heading shows it whole, cuts the prefix otherwise', () => {
    expect(titleOf('<title>Analysis: why the coastal road keeps flooding</title>', '<h1>Analysis: why the coastal road keeps flooding</h1>')).toBe('Analysis: why the coastal road keeps flooding');
    expect(titleOf('<title>Analysis: why the coastal road keeps flooding</title>')).toBe('why the coastal road keeps flooding');
  });
  it('a property= meta outranks a name= meta of the same key ("dc.title" and "dc:title" alike)', () => {
    expect(titleOf('<title>T</title><meta name="DC.title" content="Name title"><meta property="dc:title" content="Property title"><meta property="og:title" content="OG title">')).toBe('Property title');
  });
  it('reads JSON-LD wrapped in CDATA, and picks the headline when the name is the site', () => {
    const ld = '<script type="application/ld+json"><![CDATA[ {"@context":"https://schema.org","@type":"NewsArticle","name":"Coast Herald","headline":"Storm closes the coastal road for a week"} ]]></script>';
    expect(titleOf('<title>Storm closes the coastal road for a week | Coast Herald</title><meta property="og:title" content="OG title">' + ld)).toBe('Storm closes the coastal road for a week');
  });
});

describe('extractArticle on pages without an article', () => {
  it('a login form gives null', () => {
    expect(extractUnchanged(load('non-article-login.html'))).toBeNull();
  });

  it('never throws and returns null on degenerate documents', () => {
    for (const html of ['', '<frameset><frame src="a.html"></frameset>', '<html><body></body></html>', '\u0000\u0001\u00ff<<<>>>&&&#xFFFF;'.repeat(1000)]) {
      const dom = new JSDOM(html);
      expect(extractUnchanged(dom)).toBeNull();
    }
    // Not even on something that is not a document at all.
    expect(extractArticle(null as unknown as Document)).toBeNull();
    expect(extractArticle({} as unknown as Document)).toBeNull();
  });

  it('handles very deep nesting without overflowing the stack', () => {
    // Built through the DOM API; jsdom's own tree insertion is quadratic in depth, so the
    // 10,000-deep case lives in the bench (npm run bench), not here.
    const dom = new JSDOM('<html><body></body></html>');
    const doc = dom.window.document;
    let at: Element = doc.body;
    for (let i = 0; i < 1500; i++) at = at.appendChild(doc.createElement('div'));
    for (let i = 0; i < 4; i++) {
      const p = at.appendChild(doc.createElement('p'));
      p.textContent = 'This paragraph sits at the bottom of a very deep tree of nested division elements, and it is long.';
    }
    const a = extractUnchanged(dom)!;
    expect(a.textContent.split('\n\n')).toHaveLength(4);
  });
});

describe('countWords', () => {
  it('counts as Intl.Segmenter word-like segments do, including words with punctuation around them', () => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'word' });
    const bySegmenter = (t: string) => [...seg.segment(t)].filter((s) => s.isWordLike).length;
    for (const t of ['"Yes," she said. (Really?) «Да», — ответил он.', "It's the U.S. — 3.5% of co-op's _total_...", 'سلام، دنیا! این یک «آزمون» است.', '东京是日本的首都。 Tokyo, "the capital".', '...', "We’d re-elected a five-and-a-half (aren't) 400,000 or 3.5, COVID-19's м’ясо 'tis dogs' U.S. e.g. A.B-c 1.2.3 -x- _y_ __ 2'5 x'-y", 'a\u3000b\u3001c ภาษาไทย']) {
      expect(countWords(t)).toBe(bySegmenter(t));
    }
  });
});

describe('buildBody work budget', () => {
  const para = (i: number) => `<p>Paragraph ${i} of a very long story, with enough words in it to count as prose.</p>`;
  const doc = new JSDOM(`<html><body><article>${Array.from({ length: 200 }, (_, i) => para(i)).join('')}</article></body></html>`).window.document;
  const sc = scan(doc);

  it('copies the whole article when it fits', () => {
    const body = buildBody({ base: 'https://o.example/', title: '', recs: sc.recs, root: sc.best! });
    expect(toText(body)).toContain('Paragraph 199 ');
  });

  it('ends the article where the node or character budget runs out, keeping what came before', () => {
    const byNodes = toText(buildBody({ base: 'https://o.example/', title: '', recs: sc.recs, root: sc.best!, maxNodes: 20 }));
    expect(byNodes).toContain('Paragraph 0 ');
    expect(byNodes).toContain('Paragraph 8 ');
    expect(byNodes).not.toContain('Paragraph 12 ');
    const byChars = toText(buildBody({ base: 'https://o.example/', title: '', recs: sc.recs, root: sc.best!, maxChars: 800 }));
    expect(byChars).toContain('Paragraph 9 ');
    expect(byChars).not.toContain('Paragraph 12 ');
  });
});

describe('whitespace held by an empty inline element', () => {
  it('keeps the space of "one<b> </b>two" between the two words', () => {
    const prose = '<p>More prose of the story, long enough to count as a paragraph, with commas, and a stop.</p>';
    const dom = new JSDOM(`<html><head><title>A story</title></head><body><article><p>One<b> </b>two and<i> </i>three, with more words to make a paragraph.</p>${prose.repeat(4)}</article></body></html>`, { url: 'https://o.example/a' });
    const a = extractArticle(dom.window.document)!;
    expect(a.textContent).toContain('One two and three,');
    expect(a.contentHtml).not.toMatch(/<(?:b|i)>\s*<\/(?:b|i)>/);
  });
});

describe('furniture and captions named by class', () => {
  const P = (i: number): string => `<p>Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.</p>`;
  function text(body: string): string {
    const dom = new JSDOM(`<html><head><title>Council votes</title></head><body><div class="story">${body}</div></body></html>`, { url: 'https://news.example.com/a', virtualConsole: new VirtualConsole() });
    return extractUnchanged(dom, { url: 'https://news.example.com/a' })!.textContent;
  }

  it('a prose-shaped photo caption in a caption-classed block is a caption, not body text', () => {
    const t = text(`${P(1)}<div class="photo"><img src="/a.jpg"><div class="image-caption">Councillors leave the chamber after the vote on Tuesday evening, as protesters wait outside in the rain.</div></div>${P(2)}${P(3)}`);
    expect(t).toBe([1, 2, 3].map((i) => `Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.`).join('\n\n'));
  });

  it('a two-paragraph block with a caption class stays body text', () => {
    const t = text(`${P(1)}<div class="caption-wrap">${P(2)}${P(3)}</div>`);
    expect(t.split('\n\n')).toHaveLength(3);
  });

  it('camelCase and BEM-element class names of newsletter boxes mark them as furniture', () => {
    const box = '<div class="signupMessage___3ctJh"><p>Get breaking news alerts and special reports delivered to your inbox every weekday morning.</p></div>';
    const bem = '<div class="article-body__newsletter"><p>Let our news meet your inbox: the stories that matter, delivered weekday mornings.</p></div>';
    const t = text(`<div class="article-body">${P(1)}${P(2)}${box}${P(3)}${bem}${P(4)}</div>`);
    expect(t).toBe([1, 2, 3, 4].map((i) => `Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.`).join('\n\n'));
  });
});

describe('countUnits and guessDir', () => {
  it('counts the code units a run pattern matches, as match().length counted single characters', () => {
    const text = 'Hello, мир! سلام 42 — 世界';
    expect(countUnits(text, /\p{L}+/gu)).toBe(text.match(/\p{L}/gu)!.length);
    expect(countUnits(text, /[\p{L}\p{N}]+/gu)).toBe(text.match(/[\p{L}\p{N}]/gu)!.length);
    expect(countUnits('', /\p{L}+/gu)).toBe(0);
  });

  it('guesses the direction from the share of right-to-left letters', () => {
    expect(guessDir('این یک متن فارسی است که باید راست به چپ نوشته شود و خوانده شود.')).toBe('rtl');
    expect(guessDir('This is English text, written and read from left to right.')).toBe('ltr');
    expect(guessDir('short')).toBeNull();
  });
});

describe('choosing the container: a second look must find more prose than the first', () => {
  it('a short article with a results table keeps its place against a sidebar of widget blurbs holding more prose in all', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<tr><td>${i + 1}</td><td>Driver Number ${i + 1}</td><td>${5000 - i * 97}</td></tr>`).join('');
    const widget = (n: number): string => `<div class="widget"><h3>Column ${n}</h3><p>Click the photo and read the columns our writer publishes about racing, week after week, from the paddock to the podium and back.</p></div>`;
    const html = `<html><head><title>Championship standings</title></head><body><div class="page">
      <div class="post"><h1>Championship standings</h1><p>On this page you will always find the current championship standings, updated after each race.</p>
      <p>Bookmark it and come back after every race to check who leads.</p>
      <table><tbody>${rows}</tbody></table></div>
      <aside class="sidebar">${[1, 2, 3, 4, 5].map(widget).join('')}</aside></div></body></html>`;
    const dom = new JSDOM(html, { url: 'https://racing.example.com/standings', virtualConsole: new VirtualConsole() });
    const a = extractUnchanged(dom, { url: 'https://racing.example.com/standings' })!;
    expect(a.textContent).toContain('On this page you will always find the current championship standings');
    expect(a.textContent).toContain('Driver Number 12');
    expect(a.textContent).not.toContain('Click the photo');
  });
});

describe('teasers written inline', () => {
  const P = (i: number): string => `<p>Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.</p>`;
  const teaser = (i: number): string => `<li><a href="/story-${i}">Headline of another story number ${i}</a> <span>CITY: The first words of that other story, cut off by the template before the sentence ends and the reader clicks on...</span></li>`;
  function text(body: string): string {
    const dom = new JSDOM(`<html><head><title>Council votes</title></head><body>${body}</body></html>`, { url: 'https://news.example.com/a', virtualConsole: new VirtualConsole() });
    return extractUnchanged(dom, { url: 'https://news.example.com/a' })!.textContent;
  }

  it('a list of headline links each followed by a summary cut off with an ellipsis is a list of stories, not the article', () => {
    const ticker = `<div class="breaking-news"><ul>${[1, 2, 3, 4, 5, 6, 7, 8].map(teaser).join('')}</ul></div>`;
    const t = text(`<div class="main">${ticker}<div class="story">${[1, 2, 3, 4].map(P).join('')}</div></div><div class="footer-area">${ticker}</div>`);
    expect(t).toBe([1, 2, 3, 4].map((i) => `Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.`).join('\n\n'));
  });

  it('a list item that starts with a link and ends in a full stop stays in the article', () => {
    const item = '<li><a href="/report">The auditor\'s report</a> found that the council had spent the flood fund on roads instead of levees.</li>';
    const t = text(`<div class="story">${P(1)}<ul>${item}</ul>${P(2)}${P(3)}</div>`);
    expect(t).toContain("The auditor's report found that the council had spent the flood fund");
  });
});

describe('the site talking about itself in plain paragraphs', () => {
  const P = (i: number): string => `<p>Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.</p>`;
  const story = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const body = story.map((i) => `Paragraph ${i} of the story tells what the council decided, why it matters, and who objected to it.`).join('\n\n');
  function text(inner: string): string {
    const dom = new JSDOM(`<html><head><title>Council votes</title></head><body><div class="story">${inner}</div></body></html>`, { url: 'https://news.example.com/a', virtualConsole: new VirtualConsole() });
    return extractUnchanged(dom, { url: 'https://news.example.com/a' })!.textContent;
  }

  it('class-less follow-us, newsletter, tip and share lines after the story are dropped', () => {
    const promos = [
      '<p>Follow The Daily Example on Twitter, Facebook and Instagram for more stories like this one.</p>',
      '<p>Sign up for our morning briefing to get the day\'s news delivered to your inbox before breakfast.</p>',
      '<p>Have a tip? Our reporter can be reached at tips@news.example.com or on the phone line below.</p>',
      '<p>Like this story? Share it with a friend!</p>',
    ];
    expect(text(`${story.map(P).join('')}${promos.join('')}`)).toBe(body);
  });

  it('a story that reports on a newsletter or on following someone keeps those paragraphs', () => {
    const news = '<p>The mayor said residents who follow the council closely had long expected the vote, and the clerk will publish the minutes on Friday.</p>';
    expect(text(`${P(1)}${news}${P(2)}${P(3)}`)).toContain('residents who follow the council closely');
  });
});
