/**
 * What the always-on content script found on each tab. Kept in storage.session as well as
 * memory because Chrome stops an idle service worker and the next event starts a fresh one.
 */
import browser from 'webextension-polyfill';
import type { TabState } from '../shared/messages.js';

const memory = new Map<number, TabState>();
const key = (tabId: number) => `tab:${tabId}`;

export async function setTabState(tabId: number, state: TabState): Promise<void> {
  memory.set(tabId, state);
  await browser.storage.session.set({ [key(tabId)]: state }).catch(() => undefined);
}

export async function getTabState(tabId: number): Promise<TabState> {
  const cached = memory.get(tabId);
  if (cached) return cached;
  const stored = (await browser.storage.session.get(key(tabId)).catch(() => ({}))) as Record<string, TabState | undefined>;
  return stored[key(tabId)] ?? { url: null, isArticle: false, score: 0 };
}

export async function forgetTab(tabId: number): Promise<void> {
  memory.delete(tabId);
  await browser.storage.session.remove(key(tabId)).catch(() => undefined);
}
