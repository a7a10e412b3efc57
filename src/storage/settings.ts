/** The library's one option: keep a copy of every article opened in the reader. */
import browser from 'webextension-polyfill';

export const KEEP_EVERY_ARTICLE_KEY = 'library.keepEveryArticle';
const KEY = KEEP_EVERY_ARTICLE_KEY;

export async function getKeepEveryArticle(): Promise<boolean> {
  const stored = (await browser.storage.local.get(KEY).catch(() => ({}))) as Record<string, unknown>;
  return stored[KEY] === true;
}

export async function setKeepEveryArticle(on: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: on });
}

/**
 * Whether the reader should save the article it shows without a click: the option is on and
 * the tab is not private (nothing read in a private window is saved without an explicit click).
 */
export async function readerShouldAutoSave(): Promise<boolean> {
  if (browser.extension?.inIncognitoContext) return false;
  return getKeepEveryArticle();
}
