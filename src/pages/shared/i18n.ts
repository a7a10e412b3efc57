/** UI strings come from _locales through the i18n API; the key name is the fallback. */
import browser from 'webextension-polyfill';
import { pickUiLanguage } from './ui-language.js';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * The language of the strings actually shown. Each translation names itself (`uiLocale`,
 * `uiDir`), because the browser's own report can differ from the catalogue it picked (headless
 * Chromium started with --lang=fa serves the fa strings but reports en-US and ltr).
 */
export function uiLanguage(): string {
  return pickUiLanguage(browser.i18n.getMessage('uiLocale'), browser.i18n.getUILanguage?.() ?? '');
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
