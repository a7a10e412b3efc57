/**
 * reader.html's first paint (issue 4: click to readable text). This small script runs from
 * <head> before the full reader (preact, DOMPurify, storage, the fallback extractor: ~135 KB) is
 * even fetched: it applies the reader settings (no flash of the wrong theme), takes the handed-over
 * article at once (take-handoff.ts: from storage.session), and paints its header and the start of its body as plain
 * DOM with the full view's markup and classes. Only then does it load reader.js, which takes the
 * same handoff (`takeEarlyHandoff`) and replaces this paint with the full view in one task.
 * What it draws, and why that is safe: first-paint-view.ts.
 */
import type { Handoff } from '../../shared/messages.js';
import { DEFAULT_SETTINGS, readMirror } from '../../shared/settings-values.js';
import { pickUiLanguage } from '../shared/ui-language.js';
import { drawFirstPaint, screenfulBudget } from './first-paint-view.js';
import { LINE_HEIGHT_VALUES, LINE_WIDTHS_EM, applySettings } from './themes.js';
import { EARLY_HANDOFF } from './early-handoff.js';
import { takeHandoff, type HandoffApi } from './take-handoff.js';

type I18n = { getMessage(key: string, subs?: string | string[]): string; getUILanguage?(): string };
type Api = HandoffApi & { i18n: I18n };
const api = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
const t = (key: string, subs?: string | string[]) => api.i18n.getMessage(key, subs) || key;

/** Calls `then` once, when the first-paint title has been presented, or two frames on where that cannot be known. */
function afterTitlePresented(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    setTimeout(then, 0);
  };
  const twoFramesOn = () => requestAnimationFrame(() => requestAnimationFrame(once));
  if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
    twoFramesOn();
    return;
  }
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntries().some((entry) => (entry as PerformanceEntry & { identifier?: string }).identifier === 'article-title')) return;
    observer.disconnect();
    once();
  });
  observer.observe({ type: 'element', buffered: true });
  // Never wait long for the report: a hidden tab, for one, presents nothing.
  setTimeout(() => {
    observer.disconnect();
    once();
  }, 500);
}

function start(): void {
  // As i18n.ts's uiLanguage and uiDirection, without the polyfill.
  const locale = pickUiLanguage(api.i18n.getMessage('uiLocale'), api.i18n.getUILanguage?.() ?? '');
  const ownDir = api.i18n.getMessage('uiDir');
  const uiDir = ownDir === 'rtl' || ownDir === 'ltr' ? ownDir : api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.documentElement.lang = locale;
  document.documentElement.dir = uiDir;
  const settings = readMirror() ?? DEFAULT_SETTINGS;
  applySettings(settings);

  const params = new URLSearchParams(location.search);
  const pageUrl = params.get('url');
  // Marks for the bench's phases of click to readable text (bench/browser.ts).
  performance.mark('samizdat:handoff-asked');
  const handoff: Promise<Handoff | null> = pageUrl ? takeHandoff(api, pageUrl) : Promise.resolve(null);
  void handoff.then(() => performance.mark('samizdat:handoff-taken'));
  (globalThis as Record<string, unknown>)[EARLY_HANDOFF] = handoff;

  const loadFullReader = () => {
    const script = document.createElement('script');
    script.src = 'reader.js';
    document.head.appendChild(script);
  };
  const domReady = new Promise<void>((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    else resolve();
  });
  void Promise.all([handoff, domReady]).then(([handedOver]) => {
    const article = handedOver?.article;
    // An earlier saved version, or nothing handed over: the full reader decides what to show.
    if (!pageUrl || params.has('version') || !article || !article.title) return loadFullReader();
    // The first screenful only (first-paint-view.ts): about two viewports of text.
    const budget = screenfulBudget({ heightPx: innerHeight || 900, fontPx: settings.fontSize, leading: LINE_HEIGHT_VALUES[settings.lineHeight], widthEm: LINE_WIDTHS_EM[settings.width] });
    document.getElementById('app')?.replaceChildren(drawFirstPaint(document, article, pageUrl, { locale, dir: uiDir, t, budget }));
    requestAnimationFrame(() => {
      // As ArticleView's (for benchmarks): the first frame with the article in it.
      performance.mark('samizdat:article-painted');
    });
    // The full reader is fetched once this paint is on screen: its compile would otherwise
    // compete with the frame's raster and presentation on a busy machine. Element timing says
    // when the title was presented (Chromium); elsewhere, or if it never says, two frames on.
    afterTitlePresented(loadFullReader);
  });
}

start();
