/**
 * The toolbar button: marked on article pages, where one click opens the reader; elsewhere
 * the click opens the popup. Chrome and Firefox only fire action.onClicked when the tab has
 * no popup, so the popup is switched off per tab on articles.
 */
import browser from 'webextension-polyfill';
import { handle } from './router.js';
import { forgetTab, getTabState, setTabState } from './tab-state.js';
import { openReaderForTab, readerTarget } from './reader-launch.js';

const iconSizes = [16, 32] as const;
type IconState = 'default' | 'article' | 'unavailable';

function iconPaths(state: IconState): Record<string, string> {
  const suffix = state === 'default' ? '' : `-${state}`;
  return Object.fromEntries(iconSizes.map((size) => [String(size), `icons/icon${suffix}-${size}.png`]));
}

const titleKeys = { default: 'actionTitle', article: 'actionTitleArticle', unavailable: 'actionTitleUnavailable' } as const;

export async function markTab(tabId: number, state: IconState): Promise<void> {
  await browser.action.setIcon({ tabId, path: iconPaths(state) }).catch(() => undefined);
  await browser.action.setPopup({ tabId, popup: state === 'article' ? '' : 'popup.html' }).catch(() => undefined);
  // The tooltip says why the icon changed: a one-click article, or a page with copies to offer.
  const title = browser.i18n.getMessage(titleKeys[state]);
  await browser.action.setTitle({ tabId, title }).catch(() => undefined);
}

/** What a toolbar click runs (the popup handles clicks on non-article tabs itself). */
export async function onToolbarClick(tabId: number): Promise<void> {
  await openReaderForTab(tabId);
}

export function startToolbar(): void {
  handle('page-detected', async ({ isArticle, score, needsBlockCheck }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return;
    if (needsBlockCheck) {
      // The full detection (block-page matcher included) reports again; until then, unmarked.
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['detect-full.js'] }).catch(() => undefined);
      return;
    }
    await setTabState(tabId, { url: sender.tab?.url ?? sender.url ?? null, isArticle, score });
    await markTab(tabId, isArticle ? 'article' : 'default');
  });
  handle('tab-state', ({ tabId }) => getTabState(tabId));
  browser.action.onClicked.addListener((tab) => {
    if (tab.id !== undefined) void onToolbarClick(tab.id);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

  // Single-page apps change the page without loading one: ask the content script to look again,
  // now and once more when the app has had time to render the new view.
  browser.webNavigation.onHistoryStateUpdated.addListener((details) => {
    if (details.frameId !== 0) return;
    const redetect = () => browser.tabs.sendMessage(details.tabId, { type: 'redetect' }).catch(() => undefined);
    void redetect();
    setTimeout(() => void redetect(), 800);
  });

  // Pages no content script runs on (browser pages, the reader itself) report nothing, so the
  // mark is set here: the reader keeps the one-click button (a click goes back to the page).
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (!change.url || /^https?:/i.test(change.url)) return;
    if (!readerTarget(change.url)) {
      void markTab(tabId, 'default');
      return;
    }
    void markTab(tabId, 'article').then(() =>
      browser.action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitleReader') }).catch(() => undefined),
    );
  });
}
