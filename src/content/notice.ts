/**
 * The in-page notice, part of the on-demand page check (never of the always-on script), for a page that loaded
 * but is unavailable (404/410/451/5xx, a 403 error page, a block page). A shadow host with
 * `data-samizdat-notice`, its UI in an open shadow root so the page's styles stay out: the
 * failure in plain words, plain `<a href>` links to the copies, "Open saved copy" (a button that
 * asks the background), "All copies" and Dismiss. It asks the background for the offer in three
 * parts so a slow archive or mirror list never delays the rest.
 */
import type { ArchiveLink, ArchiveLookup, CopyOffer, MirrorOffer } from '../shared/copy-offer.js';
import { reasonMessageKey } from '../shared/copy-offer.js';
import type { NoticeInfo } from '../shared/page-check.js';

type Api = typeof chrome;
const api: Api = (globalThis as { browser?: Api }).browser ?? chrome;

function t(key: string, substitutions?: string | string[]): string {
  return api.i18n.getMessage(key, substitutions) || key;
}

function send<T>(type: string, payload: unknown): Promise<T> {
  return api.runtime.sendMessage({ type, payload }) as Promise<T>;
}

const STYLE = `
:host { all: initial; }
.box { position: fixed; z-index: 2147483647; top: 12px; right: 12px; left: auto; max-width: 440px;
  max-height: calc(100vh - 24px); overflow: auto; box-sizing: border-box; padding: 14px 16px;
  background: #fffdf7; color: #1d1b16; border: 1px solid #c9a227; border-left: 6px solid #b3261e;
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
:host([dir=rtl]) .box { right: auto; left: 12px; border-left: 1px solid #c9a227; border-right: 6px solid #b3261e; }
h2 { font-size: 16px; margin: 0 28px 6px 0; }
p { margin: 4px 0; }
ul { margin: 6px 0; padding-inline-start: 18px; }
li { margin: 3px 0; }
a { color: #0b57d0; }
.note { color: #5c574c; font-size: 12px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 1px solid #8a8170; background: #fff; color: #1d1b16; cursor: pointer; }
button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
button.close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 18px; padding: 2px 6px; }
:host([dir=rtl]) button.close { right: auto; left: 8px; }
@media (prefers-color-scheme: dark) {
  .box { background: #23211c; color: #eee8dc; }
  a { color: #8ab4f8; } .note { color: #b7ae9c; }
  button { background: #2f2c26; color: #eee8dc; }
}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function archiveItem(a: ArchiveLink): HTMLLIElement {
  const li = el('li', { 'data-archive': a.id }, el('a', { href: a.href, rel: 'noreferrer' }, a.name));
  if (a.state === 'found' && a.capture) li.append(' ', el('span', { class: 'note' }, t('copiesCapturedOn', new Date(a.capture.date).toLocaleDateString())));
  else if (a.state === 'none') li.append(' ', el('span', { class: 'note' }, t('copiesNoCapture')));
  return li;
}

/** Shows the notice; `offer`, when the page check's answer brought it, saves asking for it. */
export function showNotice(info: NoticeInfo, offer?: CopyOffer): void {
  for (const old of document.querySelectorAll('[data-samizdat-notice]')) old.remove();
  const host = document.createElement('div');
  host.setAttribute('data-samizdat-notice', '');
  host.setAttribute('dir', api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr');
  host.setAttribute('lang', api.i18n.getUILanguage());
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const saved = el('div', { class: 'saved' });
  const mirrors = el('div', { class: 'mirrors' });
  const archiveList = el('ul', { class: 'archives' });
  const close = el('button', { type: 'button', class: 'close', 'aria-label': t('noticeDismiss'), title: t('noticeDismiss') }, '×');
  close.addEventListener('click', () => host.remove());
  const all = el('button', { type: 'button', class: 'all' }, t('noticeAllCopies'));
  all.addEventListener('click', () => void send('open-copies', { url: info.url, reason: info.reason }));

  const lines: (Node | string)[] = [el('p', { class: 'reason' }, t(reasonMessageKey(info.reason)))];
  if (info.blockedBy) lines.push(el('p', { class: 'blocked-by' }, t('noticeBlockedBy', info.blockedBy)));
  const box = el(
    'section',
    { class: 'box', role: 'alert', 'aria-label': t('noticeTitle') },
    close,
    el('h2', {}, t('noticeTitle')),
    ...lines,
    saved,
    mirrors,
    el('p', { class: 'note' }, t('copiesArchives')),
    archiveList,
    el('div', { class: 'row' }, all),
  );
  root.append(style, box);
  document.documentElement.append(host);
  // Test build only: when the notice appeared, on the page's own clock (from its navigation start).
  if (__TEST__) performance.mark('samizdat:notice-shown');

  const renderArchives = (archives: ArchiveLink[]) => archiveList.replaceChildren(...archives.map(archiveItem));
  const showOffer = (offer: CopyOffer | undefined) => {
    if (!offer) return;
    renderArchives(offer.archives);
    // Test build only: when the archive links were in the notice (PRODUCT.md: within 3 s).
    if (__TEST__) performance.mark('samizdat:notice-links');
    if (offer.saved) {
      const open = el('button', { type: 'button', class: 'primary open-saved' }, t('copiesOpenSaved'));
      open.addEventListener('click', () => void send('open-saved-copy', { url: info.url }));
      saved.replaceChildren(el('div', { class: 'row' }, open), el('p', { class: 'note' }, t('copiesSavedOn', new Date(offer.saved.savedAt).toLocaleString())));
    }
    if (offer.lookups === 'auto') {
      void send<ArchiveLookup>('copies-lookup', { url: info.url }).then((found) => found && renderArchives(found.archives));
    }
  };
  if (offer) showOffer(offer);
  else void send<CopyOffer>('copies', { url: info.url, reason: info.reason }).then(showOffer);
  void send<MirrorOffer>('copies-mirrors', { url: info.url }).then((offer) => {
    if (!offer?.mirrors.length) return;
    mirrors.replaceChildren(
      el('p', { class: 'note' }, t('copiesMirrors')),
      el('ul', {}, ...offer.mirrors.map((m) => el('li', {}, el('a', { href: m.href, rel: 'noreferrer' }, m.host), ...(m.onion ? [' ', el('span', { class: 'note' }, t('copiesOnionHint'))] : [])))),
    );
  });
}
