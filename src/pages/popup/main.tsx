/**
 * popup.html (?tabId=N binds it to a tab, for tests): what this page is, and what to do with it —
 * read it, save it, find copies of it — and the way to the library. On article pages the toolbar
 * button opens the reader directly, so this shows on other pages (or when a test opens it).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabState } from '../../shared/messages.js';
import { send } from '../../shared/runtime.js';
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';
import { CopiesOffer } from './copies.js';

async function boundTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

function Popup() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [state, setState] = useState<TabState | null>(null);
  const [webPage, setWebPage] = useState<boolean | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  useEffect(() => {
    void boundTabId().then(async (id) => {
      setTabId(id);
      if (id === undefined) {
        setWebPage(false);
        return;
      }
      const tab = await browser.tabs.get(id).catch(() => null);
      setWebPage(Boolean(tab?.url && /^https?:/i.test(tab.url)));
      setState(await send('tab-state', { tabId: id }).catch(() => null));
    });
  }, []);

  const read = async () => {
    if (tabId === undefined) return;
    await send('open-reader', { tabId });
    window.close();
  };

  const saveTab = async () => {
    if (tabId === undefined || save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    try {
      const result = await send('save-tab', { tabId });
      if (result.ok) setSave({ kind: 'done', text: t('popupSaved', String(result.version)) });
      else setSave({ kind: 'failed', text: t('popupSaveFailed', result.error) });
    } catch (error) {
      setSave({ kind: 'failed', text: t('popupSaveFailed', String((error as Error)?.message ?? error)) });
    }
  };

  const usable = tabId !== undefined && webPage === true;
  const status = webPage === null ? t('popupChecking') : !webPage ? t('popupNotWebPage') : state?.isArticle ? t('popupArticle') : t('popupNotArticle');

  return (
    <main class="popup">
      <h1 class="popup-title">
        <img src="icons/icon-32.png" alt="" width="20" height="20" />
        <span>{t('actionTitle')}</span>
      </h1>
      <p class="popup-status" data-article={webPage === null ? undefined : String(Boolean(webPage && state?.isArticle))}>{status}</p>
      <div class="popup-actions">
        <button type="button" class="primary" onClick={() => void read()} disabled={!usable}>{t('popupRead')}</button>
        <button type="button" class="secondary" onClick={() => void saveTab()} disabled={!usable} aria-busy={save.kind === 'saving'}>{t('popupSave')}</button>
      </div>
      <p class={`popup-save-status ${save.kind}`} role="status" aria-live="polite">
        {save.kind === 'saving' ? t('popupSaving') : save.kind === 'done' || save.kind === 'failed' ? save.text : ''}
      </p>
      <CopiesOffer tabId={tabId} />
      <p class="popup-library"><a href="library.html" target="_blank">{t('popupLibrary')}</a></p>
    </main>
  );
}

mount(<Popup />);
