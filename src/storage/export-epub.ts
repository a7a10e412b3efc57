/**
 * EPUB 3 of one article or of a selection as one book (one chapter per article), with the
 * images, a navigation document and each chapter's provenance. Images in formats outside the
 * EPUB core media types are converted when the caller can (a canvas in extension pages), else
 * left out with their alt text. Checked with epubcheck in tests/unit/storage/epub.test.ts.
 */
import { zipSync, type Zippable } from 'fflate';
import { escapeAttr, escapeText } from './html.js';
import { htmlToXhtmlFragment } from './xhtml.js';
import { extensionFor, provenanceRows, type Exportable, type ImageBytes } from './exportable.js';
import { sha256Hex } from './hash.js';

const CORE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/svg+xml']);

export interface EpubOptions {
  title?: string;
  /** Converts an image to a core media type; null when it cannot. */
  convertImage?: (image: ImageBytes) => Promise<ImageBytes | null>;
  now?: Date;
}

const enc = (s: string) => new TextEncoder().encode(s);

const CSS = `body { font-family: serif; line-height: 1.6; }
img { max-width: 100%; }
figcaption, .byline { font-size: 0.9em; color: #555; }
.provenance { margin-top: 2em; font-size: 0.8em; border-top: 1px solid #999; padding-top: 0.5em; }
.provenance dd { margin: 0 0 0.4em; }
`;

function chapter(e: Exportable, n: number, imagePath: Map<string, string>, bookLang: string): string {
  const a = e.record.article;
  const lang = a.lang || bookLang;
  const body = htmlToXhtmlFragment(a.contentHtml, {
    imageSrc: (src) => {
      const m = src.match(/^samizdat-image:([0-9a-f]{64})$/);
      return m ? (imagePath.get(m[1]!) ?? null) : null;
    },
  });
  const meta = [a.byline, a.siteName, a.publishedTime ? a.publishedTime.slice(0, 10) : null].filter(Boolean).join(' · ');
  const rows = provenanceRows(e)
    .map((r) => `<dt>${escapeText(r.label)}</dt><dd>${r.href && /^https?:/.test(r.href) ? `<a href="${escapeAttr(r.href)}">${escapeText(r.value)}</a>` : escapeText(r.value)}</dd>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${escapeAttr(lang)}" lang="${escapeAttr(lang)}"${a.dir ? ` dir="${a.dir}"` : ''}>
<head><meta charset="UTF-8"/><title>${escapeText(a.title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
<section id="chapter-${n}" epub:type="chapter">
<h1>${escapeText(a.title)}</h1>
${meta ? `<p class="byline">${escapeText(meta)}</p>` : ''}
<div class="content">${body}</div>
<div class="provenance" dir="ltr" lang="en" xml:lang="en"><p>Saved with Samizdat.</p><dl>${rows}</dl></div>
</section>
</body>
</html>
`;
}

export async function buildEpub(articles: Exportable[], options: EpubOptions = {}): Promise<Uint8Array> {
  if (!articles.length) throw new Error('Nothing to export');
  const now = options.now ?? new Date();
  const modified = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const title = options.title ?? (articles.length === 1 ? articles[0]!.record.article.title : `Samizdat: ${articles.length} saved articles`);
  const bookLang = articles[0]!.record.article.lang || 'en';
  const files: Zippable = {};
  const manifest: string[] = [];
  const imagePath = new Map<string, string>();
  for (const e of articles) {
    for (const [id, img] of e.images) {
      if (imagePath.has(id)) continue;
      let usable: ImageBytes | null = CORE_TYPES.has(img.type) ? img : null;
      if (!usable && options.convertImage) usable = await options.convertImage(img).catch(() => null);
      if (!usable || !CORE_TYPES.has(usable.type)) continue;
      const path = `images/${id.slice(0, 16)}.${extensionFor(usable.type)}`;
      imagePath.set(id, path);
      files[`OEBPS/${path}`] = [usable.bytes, { level: 0 }];
      manifest.push(`<item id="img-${id.slice(0, 16)}" href="${path}" media-type="${usable.type}"/>`);
    }
  }
  const chapters = articles.map((e, i) => {
    const name = `chapter-${i + 1}.xhtml`;
    files[`OEBPS/${name}`] = enc(chapter(e, i + 1, imagePath, bookLang));
    return { name, id: `chapter-${i + 1}`, title: e.record.article.title };
  });
  const identity = await sha256Hex(articles.map((e) => e.record.sha256).join('\n'));
  const uuid = `${identity.slice(0, 8)}-${identity.slice(8, 12)}-4${identity.slice(13, 16)}-a${identity.slice(17, 20)}-${identity.slice(20, 32)}`;
  const creators = [...new Set(articles.map((e) => e.record.article.byline).filter((b): b is string => !!b))].slice(0, 5);
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escapeAttr(bookLang)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">urn:uuid:${uuid}</dc:identifier>
<dc:title>${escapeText(title)}</dc:title>
<dc:language>${escapeText(bookLang)}</dc:language>
${creators.map((c) => `<dc:creator>${escapeText(c)}</dc:creator>`).join('\n')}
<dc:publisher>Samizdat (saved copy)</dc:publisher>
<dc:source>${escapeText(articles[0]!.record.sourceUrl)}</dc:source>
<meta property="dcterms:modified">${modified}</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="css" href="style.css" media-type="text/css"/>
${chapters.map((c) => `<item id="${c.id}" href="${c.name}" media-type="application/xhtml+xml"/>`).join('\n')}
${manifest.join('\n')}
</manifest>
<spine>
${chapters.map((c) => `<itemref idref="${c.id}"/>`).join('\n')}
</spine>
</package>
`;
  const nav = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${escapeAttr(bookLang)}" lang="${escapeAttr(bookLang)}">
<head><meta charset="UTF-8"/><title>${escapeText(title)}</title></head>
<body>
<nav epub:type="toc" id="toc"><h1>${escapeText(title)}</h1>
<ol>
${chapters.map((c) => `<li><a href="${c.name}">${escapeText(c.title)}</a></li>`).join('\n')}
</ol>
</nav>
</body>
</html>
`;
  files['OEBPS/content.opf'] = enc(opf);
  files['OEBPS/nav.xhtml'] = enc(nav);
  files['OEBPS/style.css'] = enc(CSS);
  files['META-INF/container.xml'] = enc(`<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`);
  // The mimetype entry must come first and be stored uncompressed.
  const ordered: Zippable = { mimetype: [enc('application/epub+zip'), { level: 0 }] };
  for (const [k, v] of Object.entries(files)) ordered[k] = v;
  return zipSync(ordered, { level: 9 });
}
