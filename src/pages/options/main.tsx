/**
 * options.html: where copies of unavailable pages come from — archives on/off and their order,
 * the archive.today host, automatic lookups, the slow-load time, mirror lists and the user's own
 * mirrors, and every archive endpoint (users pick onion or mirror hosts). Saved in
 * storage.local through src/shared/copy-settings.ts.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  ARCHIVE_TODAY_HOSTS,
  DEFAULT_COPY_SETTINGS,
  loadCopySettings,
  normalizeCopySettings,
  saveCopySettings,
  type ArchiveId,
  type CopySettings,
} from '../../shared/copy-settings.js';
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

const ARCHIVE_LABELS: Record<ArchiveId, string> = {
  wayback: 'Wayback Machine',
  'archive-today': 'archive.today',
  ghostarchive: 'Ghostarchive',
  megalodon: 'Megalodon',
};

/** The form's text fields, parsed into settings on save. */
interface Draft {
  settings: CopySettings;
  mirrorLists: string;
  customMirrors: string;
}

function toDraft(settings: CopySettings): Draft {
  return {
    settings,
    mirrorLists: settings.mirrorListUrls.join('\n'),
    customMirrors: settings.customMirrors.map((m) => `${m.mainDomain} ${m.url}`).join('\n'),
  };
}

export function fromDraft(draft: Draft): CopySettings {
  const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
  return normalizeCopySettings({
    ...draft.settings,
    mirrorListUrls: lines(draft.mirrorLists),
    customMirrors: lines(draft.customMirrors).map((line) => {
      const [mainDomain, url] = line.split(/\s+/);
      return { mainDomain, url };
    }),
  });
}

function CopyOptions() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void loadCopySettings().then((s) => setDraft(toDraft(s)));
  }, []);
  if (!draft) return null;
  const s = draft.settings;
  const update = (patch: Partial<CopySettings>) => {
    setStatus('');
    setDraft({ ...draft, settings: { ...s, ...patch } });
  };
  const move = (index: number, by: -1 | 1) => {
    const archives = [...s.archives];
    const other = index + by;
    if (other < 0 || other >= archives.length) return;
    [archives[index], archives[other]] = [archives[other]!, archives[index]!];
    update({ archives });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const saved = await saveCopySettings(fromDraft(draft));
    setDraft(toDraft(saved));
    setStatus(t('optionsSaved'));
  };
  const reset = async () => {
    const saved = await saveCopySettings(normalizeCopySettings(DEFAULT_COPY_SETTINGS));
    setDraft(toDraft(saved));
    setStatus(t('optionsSaved'));
  };
  const endpoint = (key: keyof CopySettings['endpoints'], label: string) => (
    <label class="field">
      <span>{label}</span>
      <input type="url" name={`endpoint-${key}`} value={s.endpoints[key]} onInput={(e) => update({ endpoints: { ...s.endpoints, [key]: (e.target as HTMLInputElement).value } })} />
    </label>
  );

  return (
    <form class="copy-options" onSubmit={save}>
      <h2>{t('optionsCopiesTitle')}</h2>
      <fieldset>
        <legend>{t('optionsArchives')}</legend>
        <ol class="archive-order">
          {s.archives.map((a, i) => (
            <li key={a.id} data-archive={a.id}>
              <label>
                <input type="checkbox" name={`archive-${a.id}`} checked={a.enabled} onChange={(e) => update({ archives: s.archives.map((x) => (x.id === a.id ? { ...x, enabled: (e.target as HTMLInputElement).checked } : x)) })} />
                {' '}{ARCHIVE_LABELS[a.id]}
              </label>
              {' '}
              <button type="button" class="up" aria-label={`${t('optionsMoveUp')}: ${ARCHIVE_LABELS[a.id]}`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
              <button type="button" class="down" aria-label={`${t('optionsMoveDown')}: ${ARCHIVE_LABELS[a.id]}`} disabled={i === s.archives.length - 1} onClick={() => move(i, 1)}>↓</button>
            </li>
          ))}
        </ol>
      </fieldset>
      <label class="field">
        <span>{t('optionsArchiveTodayHost')}</span>
        <input type="text" name="archive-today-host" list="archive-today-hosts" value={s.archiveTodayHost} onInput={(e) => update({ archiveTodayHost: (e.target as HTMLInputElement).value })} />
        <datalist id="archive-today-hosts">
          {ARCHIVE_TODAY_HOSTS.map((h) => <option key={h} value={h} />)}
        </datalist>
      </label>
      <label class="field checkbox">
        <input type="checkbox" name="auto-lookups" checked={s.autoLookups} onChange={(e) => update({ autoLookups: (e.target as HTMLInputElement).checked })} />
        {' '}{t('optionsAutoLookups')}
      </label>
      <label class="field">
        <span>{t('optionsSlowLoad')}</span>
        <input type="number" name="slow-load-seconds" min={1} max={600} value={s.slowLoadSeconds} onInput={(e) => update({ slowLoadSeconds: Number((e.target as HTMLInputElement).value) })} />
      </label>
      <label class="field">
        <span>{t('optionsMirrorLists')}</span>
        <textarea name="mirror-lists" rows={3} value={draft.mirrorLists} onInput={(e) => setDraft({ ...draft, mirrorLists: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <label class="field">
        <span>{t('optionsCustomMirrors')}</span>
        <textarea name="custom-mirrors" rows={3} placeholder="example.org https://mirror.example.net" value={draft.customMirrors} onInput={(e) => setDraft({ ...draft, customMirrors: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <fieldset>
        <legend>{t('optionsEndpoints')}</legend>
        {endpoint('wayback', 'Wayback Machine')}
        {endpoint('waybackAvailability', 'Wayback Machine availability API')}
        {endpoint('ghostarchive', 'Ghostarchive')}
        {endpoint('megalodon', 'Megalodon')}
      </fieldset>
      <p class="row">
        <button type="submit" class="save">{t('optionsSave')}</button>{' '}
        <button type="button" class="reset" onClick={() => void reset()}>{t('optionsReset')}</button>{' '}
        <span class="status" role="status">{status}</span>
      </p>
    </form>
  );
}

function Options() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <CopyOptions />
    </main>
  );
}

mount(<Options />);
