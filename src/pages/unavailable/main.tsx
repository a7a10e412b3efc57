/** unavailable.html?url=<page URL>&reason=<code>: where a tab goes when a page cannot be opened. */
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

function Unavailable({ url, reason }: { url: string; reason: string }) {
  return (
    <main class="unavailable">
      <h1>{t('unavailableTitle')}</h1>
      <p class="url">{url}</p>
      <p class="reason">{reason}</p>
      <h2>{t('unavailableCopies')}</h2>
      <ul>
        <li><a href={`https://web.archive.org/web/2/${url}`}>{t('archiveWayback')}</a></li>
        <li><a href={`https://archive.ph/newest/${url}`}>{t('archiveToday')}</a></li>
      </ul>
      <p><a href={url}>{t('unavailableRetry')}</a></p>
    </main>
  );
}

const params = new URLSearchParams(location.search);
mount(<Unavailable url={params.get('url') ?? ''} reason={params.get('reason') ?? 'unknown'} />);
