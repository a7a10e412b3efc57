/**
 * The popup's offer of copies (issue 6): "Find copies of this page" on any web page, and when
 * the page is failing or still loading after the slow-load time, says so first. The copies open
 * in a new tab, so a slow page keeps loading.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabTrouble } from '../../shared/copy-offer.js';
import { reasonMessageKey, unavailablePath } from '../../shared/copy-offer.js';
import { send } from '../../shared/runtime.js';
import { t } from '../shared/i18n.js';

export function CopiesOffer({ tabId }: { tabId: number | undefined }) {
  const [trouble, setTrouble] = useState<TabTrouble | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (tabId === undefined) return;
    void send('tab-trouble', { tabId }).then(async (found) => {
      setTrouble(found);
      const tab = await browser.tabs.get(tabId).catch(() => null);
      setUrl(found.url ?? tab?.url ?? null);
    });
  }, [tabId]);
  if (!url || !/^https?:\/\//i.test(url)) return null;
  const reason = trouble?.reason ?? 'user';
  const open = async (event: Event) => {
    event.preventDefault();
    await browser.tabs.create({ url: browser.runtime.getURL(unavailablePath(url, reason)) });
    window.close();
  };
  return (
    <section class="popup-copies" data-reason={trouble?.reason ?? ''}>
      {trouble?.reason && <p class="trouble">{t('popupTrouble')} {t(reasonMessageKey(trouble.reason))}</p>}
      <a class="find-copies" href={unavailablePath(url, reason)} onClick={open}>{t('popupFindCopies')}</a>
    </section>
  );
}
