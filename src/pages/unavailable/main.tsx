/**
 * unavailable.html?url=<page URL>&reason=<code>: where a tab goes when a page cannot be opened
 * (and where "Find copies" leads, with reason=user). Names the failure in plain words, offers
 * Retry and the copies, best first: the saved copy, the publisher's mirrors, the archives (plain
 * links at once; availability checks only when allowed, else a "Check archives" button), the
 * archived copy in reader view, and "Preserve this page".
 */
import { useEffect, useState } from 'preact/hooks';
import type { ArchiveLink, ArchiveLookup, CopyOffer, MirrorOffer, PreserveResult } from '../../shared/copy-offer.js';
import { reasonMessageKey } from '../../shared/copy-offer.js';
import { send } from '../../shared/runtime.js';
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

function formatDate(iso: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return withTime ? date.toLocaleString() : date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function ArchiveItem({ archive, checking }: { archive: ArchiveLink; checking: boolean }) {
  let note: string | null = null;
  if (archive.state === 'found' && archive.capture) note = t('copiesCapturedOn', formatDate(archive.capture.date));
  else if (archive.state === 'none') note = t('copiesNoCapture');
  else if (archive.state === 'failed') note = archive.message === 'malformed' ? t('copiesLookupMalformed') : t('copiesLookupFailed');
  else if (checking && archive.id === 'wayback') note = t('copiesChecking');
  return (
    <li data-archive={archive.id} data-state={archive.state}>
      <a href={archive.href} rel="noreferrer">{archive.name}</a>
      {note && <span class="note"> — {note}</span>}
    </li>
  );
}

/**
 * Retry tells the background first: a failure right after leaving this page for the same URL is
 * otherwise taken for Back (navigation-errors.ts), which skips past the failed entry.
 */
function retry(event: MouseEvent, url: string): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  void send('retry-page', { url })
    .catch(() => undefined)
    .then(() => location.assign(url));
}

function Unavailable({ url, reason }: { url: string; reason: string }) {
  const [offer, setOffer] = useState<CopyOffer | null>(null);
  const [lookup, setLookup] = useState<ArchiveLookup | null>(null);
  const [checking, setChecking] = useState(false);
  const [mirrors, setMirrors] = useState<MirrorOffer | null>(null);
  const [preserve, setPreserve] = useState<PreserveResult | 'working' | null>(null);

  const runLookup = async () => {
    setChecking(true);
    try {
      setLookup(await send('copies-lookup', { url }));
    } finally {
      setChecking(false);
    }
  };

  useEffect(() => {
    document.title = `${t('unavailableTitle')} — ${url}`;
    void send('copies', { url, reason }).then((base) => {
      setOffer(base);
      if (base.lookups === 'auto') void runLookup();
    });
    void send('copies-mirrors', { url }).then(setMirrors, () => setMirrors({ mirrors: [], message: 'unreachable' }));
  }, []);

  const doPreserve = async () => {
    setPreserve('working');
    setPreserve(await send('preserve-page', { url }).catch((e: unknown) => ({ ok: false, error: String(e) })));
  };

  const archives = lookup?.archives ?? offer?.archives ?? [];
  const archiveReaderPath = lookup?.archiveReaderPath ?? offer?.archiveReaderPath ?? null;
  const isWeb = /^https?:\/\//i.test(url);

  return (
    <main class="unavailable" data-reason={reason}>
      <h1>{reason === 'user' ? t('unavailableTitleUser') : t('unavailableTitle')}</h1>
      <p class="url"><bdi>{url}</bdi></p>
      <p class="reason">{t(reasonMessageKey(reason))}</p>
      {isWeb && (
        <p class="actions">
          <a class="retry button" href={url} onClick={(e) => retry(e, url)}>{reason === 'user' ? t('unavailableBack') : t('unavailableRetry')}</a>
        </p>
      )}

      <h2>{t('unavailableCopies')}</h2>
      <ol class="offers">
        {offer?.saved && (
          <li class="offer offer-saved">
            <a href={offer.saved.readerPath}>{t('copiesOpenSaved')}</a>
            <span class="note"> — {t('copiesSavedOn', formatDate(offer.saved.savedAt, true))}</span>
          </li>
        )}
        {mirrors && mirrors.mirrors.length > 0 && (
          <li class="offer offer-mirrors">
            <h3>{t('copiesMirrors')}</h3>
            <ul class="mirrors">
              {mirrors.mirrors.map((m) => (
                <li key={m.href} data-type={m.type}>
                  <a href={m.href} rel="noreferrer">{m.host}</a>
                  {m.onion && <span class="note"> — {t('copiesOnionHint')}</span>}
                </li>
              ))}
            </ul>
          </li>
        )}
        {mirrors?.message && mirrors.mirrors.length === 0 && (
          <li class="offer offer-mirrors-failed"><span class="note">{mirrors.message === 'malformed' ? t('copiesMirrorListMalformed') : t('copiesMirrorListFailed')}</span></li>
        )}
        <li class="offer offer-archives">
          <h3>{t('copiesArchives')}</h3>
          <ul class="archives">
            {archives.map((a) => <ArchiveItem key={a.id} archive={a} checking={checking} />)}
          </ul>
          {offer?.lookups === 'ask' && !lookup && (
            <button type="button" class="check-archives" onClick={() => void runLookup()} disabled={checking}>{t('copiesCheckArchives')}</button>
          )}
          {offer?.lookups === 'never' && <p class="note">{t('copiesLookupsNever')}</p>}
        </li>
        {archiveReaderPath && (
          <li class="offer offer-reader"><a class="read-archived" href={archiveReaderPath}>{t('copiesReadArchived')}</a></li>
        )}
        {offer?.withoutQuery && (
          <li class="offer offer-without-query"><a href={offer.withoutQuery}>{t('copiesWithoutQuery')}</a></li>
        )}
      </ol>

      {isWeb && (
        <section class="preserve">
          <button type="button" class="preserve-page" onClick={() => void doPreserve()} disabled={preserve === 'working'}>{t('copiesPreserve')}</button>
          {offer?.archiveTodaySaveHref && (
            <> <a class="archive-today-save" href={offer.archiveTodaySaveHref} rel="noreferrer">{t('copiesSaveArchiveToday')}</a></>
          )}
          {preserve === 'working' && <span class="note"> {t('copiesPreserving')}</span>}
          {preserve && preserve !== 'working' && (
            <p class={`preserve-result ${preserve.ok ? 'ok' : 'failed'}`} role="status">
              {preserve.ok ? t('copiesPreserveOk') : t('copiesPreserveFailed', preserve.error ?? '')}
              {preserve.ok && preserve.captureUrl && <> <a href={preserve.captureUrl}>{preserve.captureUrl}</a></>}
            </p>
          )}
        </section>
      )}
    </main>
  );
}

const params = new URLSearchParams(location.search);
mount(<Unavailable url={params.get('url') ?? ''} reason={params.get('reason') ?? 'unknown'} />);
