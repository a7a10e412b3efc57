/**
 * Render-time preparation of an article body. Whatever the source (the live page, the network,
 * the offline library), the HTML is sanitised again here with DOMPurify before it is shown, and
 * then adapted to the reader: one <h1> only, absolute links, focusable scroll regions, images
 * that load lazily without a referrer. Works with any window (the reader's, or jsdom in tests).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { absolute, dropRepeatedHeading, normalizeText, sameImage } from './body-start.js';

export { sameImage } from './body-start.js';

export { readingMinutes } from './format.js';

const FORBID_TAGS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'fieldset', 'dialog', 'link', 'meta', 'base',
  'svg', 'math', 'portal', 'slot', 'audio', 'video', 'source', 'track',
];
const FORBID_ATTR = ['style', 'class', 'srcset', 'sizes', 'ping', 'formaction', 'action', 'background', 'autofocus', 'tabindex', 'contenteditable'];
// http(s), mail, phone, in-page fragments, relative URLs, and the blob: URLs of saved images.
const ALLOWED_URI = /^(?:https?:|mailto:|tel:|blob:|#|\/|\.\.?\/|[^:/?#]*(?:[/?#]|$))/i;
const RASTER_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);/i;

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ADD_ATTR: ['target'],
  ADD_DATA_URI_TAGS: ['img'],
};

const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(win: Window): DOMPurify {
  let purifier = purifiers.get(win);
  if (purifier) return purifier;
  purifier = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
  purifier.addHook('uponSanitizeAttribute', (node, data) => {
    const value = data.attrValue.trim();
    if (/^data:/i.test(value)) {
      // Only raster images may be inline data (an SVG or HTML data URL can carry script).
      data.keepAttr = data.attrName === 'src' && (node as Element).tagName === 'IMG' && RASTER_DATA_IMAGE.test(value);
    }
  });
  purifiers.set(win, purifier);
  return purifier;
}

/** Sanitises untrusted article HTML into a fragment of `win`'s document. */
export function sanitizeToFragment(win: Window, html: string): DocumentFragment {
  const purifier = purifierFor(win);
  if (!purifier.isSupported) return win.document.createDocumentFragment();
  return purifier.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true }) as unknown as DocumentFragment;
}

export interface PrepareOptions {
  /** URL the article's relative links resolve against. */
  baseUrl: string;
  /** The article title: a leading heading repeating it is dropped. */
  title?: string;
  /** The byline the reader shows: a short leading line repeating it is dropped. */
  byline?: string | null;
  /** Prefix for ids from the page, so they cannot collide with the reader's own. */
  idPrefix?: string;
  /**
   * Hold plain-http images back (in data-sz-src) for loadHeldImages: Firefox upgrades images on
   * extension pages to https, which fails on http-only sites and mirrors.
   */
  holdInsecureImages?: boolean;
}

export const HELD_SRC = 'data-sz-src';



/** Sanitises and adapts an article body for the reader. */
export function prepareContent(win: Window, html: string, options: PrepareOptions): DocumentFragment {
  const fragment = sanitizeToFragment(win, html);
  const prefix = options.idPrefix ?? 'sz-c-';

  dropRepeatedHeading(fragment, options);

  for (const el of Array.from(fragment.querySelectorAll('[id]'))) el.id = `${prefix}${el.id}`;

  for (const a of Array.from(fragment.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      if (href.length > 1) a.setAttribute('href', `#${prefix}${href.slice(1)}`);
    } else {
      const abs = absolute(href, options.baseUrl);
      if (abs) a.setAttribute('href', abs);
      else a.removeAttribute('href');
    }
    if (a.getAttribute('target') === '_blank') a.setAttribute('rel', 'noopener noreferrer');
    else a.removeAttribute('target');
    const hasName = normalizeText(a.textContent) !== '' || Array.from(a.querySelectorAll('img')).some((img) => normalizeText(img.getAttribute('alt')) !== '');
    if (!hasName && a.getAttribute('href')) a.setAttribute('aria-label', a.getAttribute('href') ?? '');
  }

  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const src = img.getAttribute('src');
    if (!src) {
      img.remove();
      continue;
    }
    if (!/^(?:blob|data):/i.test(src)) {
      const abs = absolute(src, options.baseUrl);
      if (abs && options.holdInsecureImages && abs.startsWith('http:')) {
        img.removeAttribute('src');
        img.setAttribute(HELD_SRC, abs);
      } else if (abs) {
        img.setAttribute('src', abs);
      }
    }
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
    img.setAttribute('loading', 'lazy');
    img.setAttribute('decoding', 'async');
    img.setAttribute('referrerpolicy', 'no-referrer');
  }

  // Wide code and tables scroll on their own, and a keyboard can reach them to scroll.
  for (const pre of Array.from(fragment.querySelectorAll('pre'))) pre.setAttribute('tabindex', '0');
  for (const table of Array.from(fragment.querySelectorAll('table'))) {
    if (table.parentElement?.classList.contains('table-wrap')) continue;
    const wrap = fragment.ownerDocument.createElement('div');
    wrap.className = 'table-wrap';
    wrap.setAttribute('tabindex', '0');
    table.replaceWith(wrap);
    wrap.appendChild(table);
  }
  return fragment;
}

/** Whether the body already shows the lead image (then the reader does not repeat it). */
export function containsImage(fragment: ParentNode, imageUrl: string, baseUrl: string): boolean {
  return Array.from(fragment.querySelectorAll('img')).some((img) => sameImage(img.getAttribute('src') ?? '', imageUrl, baseUrl));
}

/**
 * Loads held-back http images through fetch (the extension's host access is not upgraded to
 * https) and shows them from blob: URLs; if that fails, the browser is left to try the URL.
 * Returns the blob URLs, to revoke when the article goes away.
 */
export function loadHeldImages(root: ParentNode, onUrl: (url: string) => void = () => undefined): void {
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>(`img[${HELD_SRC}]`))) {
    const src = img.getAttribute(HELD_SRC) ?? '';
    img.removeAttribute(HELD_SRC);
    fetch(src, { credentials: 'omit', referrerPolicy: 'no-referrer' })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.blob();
      })
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        onUrl(url);
        img.src = url;
      })
      .catch(() => {
        img.src = src;
      });
  }
}

/** Whether this browser needs http images held back (Firefox; see holdInsecureImages). */
export function needsHeldImages(): boolean {
  return typeof __BROWSER__ !== 'undefined' && __BROWSER__ === 'firefox';
}
