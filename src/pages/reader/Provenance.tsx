/**
 * Where a saved copy came from, shown with it in the reader: the URL it was saved from, where
 * that led (final URL), when, the HTTP status, the SHA-256 of the saved content (the same digest
 * every export carries) and the Wayback Machine capture kept as an independent witness; and the
 * other saved versions of the URL, each opening as reader.html?url=…&version=N.
 * Every value comes from a page, so only http(s) URLs become links; the rest is plain text.
 */
import { t } from '../shared/i18n.js';
import { formatDate } from './format.js';

export interface ProvenanceInfo {
  sourceUrl: string;
  finalUrl: string;
  savedAt: string;
  httpStatus: number | null;
  sha256: string;
  waybackCaptureUrl: string | null;
}

export interface ProvenanceProps {
  /** The URL the reader was opened for (version links keep it). */
  url: string;
  info: ProvenanceInfo;
  version: number;
  versions: { version: number; savedAt: string }[];
  locale: string;
}

/** A link for http(s) URLs only (a javascript: or data: URL from a page stays text). */
function SafeLink({ href }: { href: string }) {
  const ok = /^https?:\/\//i.test(href);
  return ok ? <a href={href} rel="noreferrer noopener" dir="ltr">{href}</a> : <span dir="ltr">{href}</span>;
}

export function versionHref(url: string, version: number): string {
  return `reader.html?url=${encodeURIComponent(url)}&version=${version}`;
}

export function Provenance({ url, info, version, versions, locale }: ProvenanceProps) {
  const when = (iso: string) => formatDate(iso, locale, true) ?? iso;
  return (
    <details class="provenance">
      <summary>{t('readerProvenance', String(version))}</summary>
      <dl style={{ overflowWrap: 'anywhere' }}>
        <dt>{t('readerProvenanceSource')}</dt>
        <dd><SafeLink href={info.sourceUrl} /></dd>
        {info.finalUrl && info.finalUrl !== info.sourceUrl && (
          <>
            <dt>{t('readerProvenanceFinal')}</dt>
            <dd><SafeLink href={info.finalUrl} /></dd>
          </>
        )}
        <dt>{t('readerProvenanceSaved')}</dt>
        <dd><time dateTime={info.savedAt}>{when(info.savedAt)}</time></dd>
        <dt>{t('readerProvenanceStatus')}</dt>
        <dd>{info.httpStatus ?? t('readerProvenanceUnknown')}</dd>
        <dt>SHA-256</dt>
        <dd><code class="sha256" dir="ltr">{info.sha256}</code></dd>
        {info.waybackCaptureUrl && (
          <>
            <dt>{t('readerProvenanceWitness')}</dt>
            <dd><SafeLink href={info.waybackCaptureUrl} /></dd>
          </>
        )}
      </dl>
      {versions.length > 0 && (
        <>
          <p class="provenance-versions-title">{t('readerVersions', String(versions.length))}</p>
          <ol class="provenance-versions">
            {versions.map((v) => (
              <li key={v.version} value={v.version}>
                <a href={versionHref(url, v.version)} aria-current={v.version === version ? 'page' : undefined}>{when(v.savedAt)}</a>
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}
