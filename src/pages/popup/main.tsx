/** popup.html (?tabId=N binds it to a tab, for tests): what this page is, and what to do with it. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabState } from '../../shared/messages.js';
import { send } from '../../shared/runtime.js';
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

async function boundTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function Popup() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [state, setState] = useState<TabState | null>(null);
  useEffect(() => {
    void boundTabId().then(async (id) => {
      setTabId(id);
      if (id !== undefined) setState(await send('tab-state', { tabId: id }));
    });
  }, []);

  const read = async () => {
    if (tabId === undefined) return;
    await send('open-reader', { tabId });
    window.close();
  };

  return (
    <main class="popup">
      <p>{state?.isArticle ? t('popupArticle') : t('popupNotArticle')}</p>
      <button type="button" onClick={read} disabled={tabId === undefined}>{t('popupRead')}</button>
      <a href="library.html" target="_blank">{t('popupLibrary')}</a>
    </main>
  );
}

mount(<Popup />);
