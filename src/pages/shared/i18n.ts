/** UI strings come from _locales through the i18n API; the key name is the fallback. */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Sets lang and dir of the extension page from the UI locale (fa, ar, he… read right to left). */
export function applyUiLocale(): void {
  const lang = browser.i18n.getUILanguage();
  document.documentElement.lang = lang;
  document.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}
