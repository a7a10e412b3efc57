/**
 * The full engine run on a tab's live page (the reader click, Save): one executeScript injects
 * extract-page.js, whose value is its extraction (build.mjs ends the bundle with the call).
 */
import browser from 'webextension-polyfill';
import type { PageExtraction } from '../content/extract-page.js';

export async function runEngineInTab(tabId: number): Promise<PageExtraction> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, files: ['extract-page.js'] });
  const value = result?.result as Partial<PageExtraction> | undefined;
  return { article: value?.article ?? null, httpStatus: typeof value?.httpStatus === 'number' ? value.httpStatus : undefined };
}
