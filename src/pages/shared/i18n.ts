/** UI strings come from _locales through the i18n API; the key name is the fallback. */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * The language of the strings actually shown. Each translation names itself (`uiLocale`,
 * `uiDir`), because the browser's own report can differ from the catalogue it picked (headless
 * Chromium started with --lang=fa serves the fa strings but reports en-US and ltr).
 */
export function uiLanguage(): string {
  const catalogue = browser.i18n.getMessage('uiLocale') || 'en';
  const reported = browser.i18n.getUILanguage?.() ?? '';
  // The browser's tag is more precise (en-GB, es-419) when it is the same language.
  return reported && reported.split(/[-_]/)[0]?.toLowerCase() === catalogue.split('-')[0]?.toLowerCase() ? reported : catalogue;
}

export function uiDirection(): 'ltr' | 'rtl' {
  const own = browser.i18n.getMessage('uiDir');
  if (own === 'rtl' || own === 'ltr') return own;
  return browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/** Sets lang and dir of the extension page from the UI locale (fa, ar, he… read right to left). */
export function applyUiLocale(): void {
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = uiDirection();
}
