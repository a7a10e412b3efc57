import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { article, fakeFetch, freshDb, imageBytes, png } from './helpers.js';
import { saveArticle } from '../../../src/storage/save.js';
import { loadExportable } from '../../../src/storage/exportable.js';
import { standaloneHtml } from '../../../src/storage/export-html.js';
import { articleMarkdown } from '../../../src/storage/export-markdown.js';
import { buildEpub } from '../../../src/storage/export-epub.js';
import { htmlToXhtmlFragment } from '../../../src/storage/xhtml.js';

const persian = article({
  url: 'https://khabar.test/2026/ketab',
  title: 'کتابخانه‌های تهران دوباره باز شدند',
  byline: 'نویسنده',
  siteName: 'خبر',
  lang: 'fa',
  dir: 'rtl',
  leadImage: null,
  contentHtml:
    '<p>مردم می‌خواهند <strong>کتاب</strong> بخوانند&nbsp;و <a href="https://khabar.test/x">بیشتر</a>.</p>' +
    '<figure><img src="https://img.news.test/lead.png" alt="کتابخانه"><figcaption>عکس</figcaption></figure>' +
    '<p><font>قدیمی</font> <span id="a">متن</span><br>خط</p><ul><li>یک</li><li>دو</li></ul>' +
    '<table><tbody><tr><td colspan="2">جدول</td></tr></tbody></table><video src="https://cdn.test/v.mp4"><p>no</p></video>',
  textContent: 'مردم می‌خواهند کتاب بخوانند و بیشتر.',
});
const chinese = article({
  url: 'https://news.test/zh/library',
  title: '北京图书馆重新开放',
  lang: 'zh',
  dir: 'ltr',
  leadImage: null,
  contentHtml: '<p>市民周末可以前往图书馆借阅书籍。</p><img src="https://img.news.test/zh.png" alt="图书馆"><p>Fin &lt;3 &amp; more</p>',
  textContent: '市民周末可以前往图书馆借阅书籍。',
});

async function library() {
  const dbName = freshDb();
  const fetchImpl = fakeFetch({ ...imageBytes, 'https://img.news.test/zh.png': png(10, 10, [0, 200, 0]) });
  for (const a of [article(), persian, chinese]) expect((await saveArticle(a, { dbName, httpStatus: 200, images: { fetchImpl } })).ok).toBe(true);
  return dbName;
}

/**
 * epubcheck on a book, asynchronously (a synchronous run froze the test worker, so its timeout
 * could not even fire). It needs 5 to 6 s of CPU whatever the book: the JVM's start and the
 * schemas it compiles. Flags tried on this book (2026-11-28, user+sys CPU): these 4.9-6.3 s;
 * with a class-data-sharing archive of epubcheck's classes 5.6 s; without bytecode verification
 * 5.5 s; one JIT compiler thread 6.4 s; the interpreter alone 38 s; a smaller thread stack
 * overflows in Jing's schema checks. So the test makes one run, and its timeout is for the wall
 * time that CPU takes on a loaded 2-core machine (15 to 31 s at a load of 25).
 */
async function epubcheck(bytes: Uint8Array): Promise<{ errors: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'epub-'));
  const file = join(dir, 'book.epub');
  writeFileSync(file, bytes);
  const jar = realpathSync('/usr/bin/epubcheck');
  // The JIT's quick tier only and the serial collector: epubcheck is a few seconds of work, and
  // the optimising compiler and parallel GC threads cost more than they save on 2 busy cores.
  // The checks are epubcheck's own, unchanged.
  const output = await new Promise<string>((resolve) => {
    execFile('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto', '-jar', jar, file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  const m = output.match(/(\d+) fatals? \/ (\d+) errors?/);
  const errors = m ? Number(m[1]) + Number(m[2]) : /No errors or warnings detected/.test(output) ? 0 : -1;
  return { errors, output };
}

describe('exports', () => {
  it('standalone HTML: images inlined, no script, nothing remote, provenance shown', async () => {
    const dbName = await library();
    const e = (await loadExportable('https://news.test/world/river-towns', undefined, { dbName }))!;
    const html = standaloneHtml(e);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<img alt="Flooded street" src="data:image\/png;base64,/);
    expect(html).toContain("default-src 'none'");
    const dom = new JSDOM(html);
    const doc = dom.window.document;
    for (const el of doc.querySelectorAll('[src],[srcset],[poster]')) {
      for (const attr of ['src', 'srcset', 'poster']) expect(el.getAttribute(attr) ?? 'data:').toMatch(/^data:/);
    }
    expect(doc.querySelector('link')).toBeNull();
    expect(doc.querySelector('h1')?.textContent).toBe('River towns brace for the flood');
    const prov = doc.querySelector('.provenance')!.textContent!;
    expect(prov).toContain(e.record.sha256);
    expect(prov).toContain('https://news.test/world/river-towns');
    expect(prov).toContain('Images not saved');
    const b64 = doc.querySelector('img')!.getAttribute('src')!.split(',')[1]!;
    expect(new Uint8Array(Buffer.from(b64, 'base64'))).toEqual(imageBytes['https://img.news.test/lead.png']);
  });

  it('Markdown with front matter and provenance', async () => {
    const dbName = await library();
    const md = articleMarkdown((await loadExportable('https://khabar.test/2026/ketab', undefined, { dbName }))!);
    expect(md).toMatch(/^---\ntitle: "کتابخانه‌های تهران دوباره باز شدند"/);
    expect(md).toContain('sha_256_of_the_saved_content:');
    expect(md).toContain('**کتاب**');
    expect(md).toContain('![کتابخانه](https://img.news.test/lead.png)');
  });

  it('every export carries the provenance, the Wayback Machine witness included', async () => {
    const dbName = freshDb();
    const capture = 'https://web.archive.org/web/20261127120000/https://news.test/world/river-towns';
    expect((await saveArticle(article(), { dbName, httpStatus: 203, waybackCaptureUrl: capture, images: { fetchImpl: fakeFetch(imageBytes) } })).ok).toBe(true);
    const e = (await loadExportable('https://news.test/world/river-towns', undefined, { dbName }))!;
    const r = e.record;
    const epub = unzipSync(await buildEpub([e]));
    const outputs = {
      html: new JSDOM(standaloneHtml(e)).window.document.querySelector('.provenance')!.textContent!,
      markdown: articleMarkdown(e).split('\n---\n')[0]!,
      epub: new TextDecoder().decode(epub['OEBPS/chapter-1.xhtml']),
    };
    for (const [kind, text] of Object.entries(outputs)) {
      for (const fact of [capture, r.sha256, r.sourceUrl, r.finalUrl, r.savedAt, '203']) expect(text, `${kind}: ${fact}`).toContain(fact);
    }
  });

  it('XHTML conversion keeps structure and drops what EPUB forbids', () => {
    const x = htmlToXhtmlFragment(persian.contentHtml.replace('https://img.news.test/lead.png', 'samizdat-image:x'), { imageSrc: (s) => (s === 'samizdat-image:x' ? 'images/x.png' : null) });
    expect(x).toContain('\u00a0و');
    expect(x).not.toContain('&nbsp;');
    expect(x).toContain('<img src="images/x.png" alt="کتابخانه"/>');
    expect(x).toContain('<br/>');
    expect(x).not.toContain('font');
    expect(x).not.toContain('id=');
    expect(x).not.toContain('no</p>');
    expect(() => new JSDOM(`<div xmlns="http://www.w3.org/1999/xhtml">${x}</div>`, { contentType: 'application/xhtml+xml' })).not.toThrow();
  });

  it('EPUB 3 of one article and of a selection passes epubcheck with 0 errors', async () => {
    const dbName = await library();
    const all = await Promise.all(['https://khabar.test/2026/ketab', 'https://news.test/zh/library', 'https://news.test/world/river-towns'].map((u) => loadExportable(u, undefined, { dbName })));
    const book = await buildEpub(all.map((e) => e!), { now: new Date('2026-11-27T12:00:00Z') });
    const files = unzipSync(book);
    expect(Object.keys(files)[0]).toBe('mimetype');
    expect(Object.keys(files).filter((f) => f.startsWith('OEBPS/images/'))).toHaveLength(3);
    const ch1 = new TextDecoder().decode(files['OEBPS/chapter-1.xhtml']);
    expect(ch1).toContain('کتابخانه‌های تهران');
    const result = await epubcheck(book);
    expect(result.errors, result.output).toBe(0);
    if (process.env.EPUBCHECK_VERBOSE) console.log(result.output);
    // One article is the same book with one chapter.
    const single = unzipSync(await buildEpub([all[1]!]));
    expect(Object.keys(single).filter((f) => f.endsWith('.xhtml'))).toEqual(['OEBPS/chapter-1.xhtml', 'OEBPS/nav.xhtml']);
  }, 180000); // epubcheck's CPU on a loaded 2-core machine: see epubcheck() above
});
