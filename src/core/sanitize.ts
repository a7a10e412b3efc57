/**
 * HTML sanitising for extracted articles: DOMPurify bound to the document's own window, so the
 * core needs no DOM globals (Node + jsdom, an extension page and a content script all work).
 * DOMPurify works in place on a detached element of an inert document (no browsing context, so
 * nothing in it loads or runs): the extractor builds that element directly, so the article is
 * never serialised and re-parsed before it is sanitised.
 */
import createDOMPurify from 'dompurify';
import type { DOMPurify, Config } from 'dompurify';

// Tags that are never article content or that can execute, submit or embed active content.
// Embeds are turned into links by the extractor before this runs; anything left is dropped.
const FORBID_TAGS = [
  'style', 'script', 'noscript', 'template', 'form', 'input', 'button', 'select', 'option',
  'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'meta',
  'base', 'svg', 'math', 'dialog', 'portal', 'slot',
];
// Presentation and page-script hooks carry no meaning in a reader view.
const FORBID_ATTR = ['style', 'class', 'srcset', 'sizes', 'ping', 'formaction', 'action', 'background', 'autofocus'];

// Images may be inline data only in raster formats (an SVG data URL can carry script).
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);/i;
const SAFE_URL = /^(?:https?:|mailto:|tel:|#|\/|\.\.?\/|[^:/?#]*(?:[/?#]|$))/i;

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: SAFE_URL,
  IN_PLACE: true,
};

const instances = new WeakMap<object, DOMPurify>();
const inertDocs = new WeakMap<object, Document>();

/**
 * The window to build DOM objects and DOMPurify with for `doc`. Documents made by DOMParser or
 * createHTMLDocument have no window of their own (`defaultView` is null); in a browser they share
 * the realm of the page that made them, so that page's window serves. Under Node there is no
 * global window, and a window-less document gets null (jsdom documents always have one).
 */
export function windowOf(doc: Document): Window | null {
  if (doc.defaultView) return doc.defaultView;
  const realm = globalThis as { window?: Window; document?: Document };
  return realm.window && realm.document ? realm.window : null;
}

/** The DOMPurify instance bound to `win`, created once per window with our hooks. */
export function purifierFor(win: Window): DOMPurify {
  let p = instances.get(win);
  if (p) return p;
  p = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName;
    if (name === 'src' || name === 'href' || name === 'poster' || name === 'cite') {
      const v = data.attrValue.trim();
      if (/^data:/i.test(v) && !(name === 'src' && SAFE_DATA_IMAGE.test(v))) data.keepAttr = false;
    }
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    // Links open outside the reader without handing it a window reference.
    if ((node as Element).tagName === 'A' && (node as Element).hasAttribute('target')) {
      (node as Element).setAttribute('rel', 'noopener noreferrer');
    }
  });
  // Parse the configuration once: per-call configs make DOMPurify re-parse it every time.
  p.setConfig(CONFIG);
  instances.set(win, p);
  return p;
}

/**
 * An inert document of `win`'s realm to build article markup in: the owner document of
 * <template> contents has no browsing context, so its images do not load and nothing runs.
 * Why that one rather than createHTMLDocument: DOMPurify binds itself to the very same
 * document, so the page's window makes one inert document instead of two.
 */
export function inertDocumentFor(win: Window): Document {
  let d = inertDocs.get(win);
  if (!d) {
    const content = (win.document.createElement('template') as HTMLTemplateElement).content;
    d = content?.ownerDocument ?? win.document.implementation.createHTMLDocument('');
    inertDocs.set(win, d);
  }
  return d;
}

/**
 * Sanitise, in place, a detached <div> of `inertDocumentFor(win)` and return its inner HTML.
 * Returns '' when DOMPurify cannot run in that window (or refuses the tree).
 */
export function sanitizeElement(win: Window, holder: Element): string {
  const p = purifierFor(win);
  if (!p.isSupported) return '';
  try {
    p.sanitize(holder);
  } catch {
    // DOMPurify refuses trees it cannot make safe in place: return nothing rather than them.
    return '';
  }
  return holder.innerHTML;
}

/** Sanitise an HTML string into safe HTML, using the DOMPurify bound to `win`. */
export function sanitizeHtml(win: Window, dirty: string): string {
  const p = purifierFor(win);
  if (!p.isSupported) return '';
  const holder = inertDocumentFor(win).createElement('div');
  holder.innerHTML = dirty;
  return sanitizeElement(win, holder);
}
