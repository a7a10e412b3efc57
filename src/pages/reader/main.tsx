/**
 * reader.html?url=<page URL>[&version=N][&save=1]. The first-paint script (first-paint.ts) runs
 * first: it applies the settings from the localStorage mirror, takes the handoff and paints the
 * start of the article, then loads this script. Here the stored settings are applied and the full
 * UI replaces the first paint in one task, so neither a wrong theme nor an empty frame is shown.
 * (Loaded on its own, this script does all of that itself.)
 */
import './reader.css';
import { DEFAULT_SETTINGS, loadSettings, readMirror } from '../../shared/settings.js';
import browser from 'webextension-polyfill';
import { applySettings } from './themes.js';
import { mount } from '../shared/mount.js';
import { applyUiLocale, t } from '../shared/i18n.js';
import { Reader } from './Reader.js';
import { takeEarlyHandoff } from './early-handoff.js';
import { takeHandoff, type HandoffApi } from './take-handoff.js';

applyUiLocale();
applySettings(readMirror() ?? DEFAULT_SETTINGS);

const params = new URLSearchParams(location.search);
const pageUrl = params.get('url');
const versionParam = params.get('version');
const version = versionParam !== null && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined;
const autoSave = params.get('save') === '1';

// The handoff is what makes one click fast: the first-paint script has usually asked already.
const handoff = takeEarlyHandoff() ?? (pageUrl ? takeHandoff(browser as unknown as HandoffApi, pageUrl) : Promise.resolve(null));
const settingsReady = loadSettings();
const domReady = new Promise<void>((resolve) => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  else resolve();
});

async function start(): Promise<void> {
  // The handoff is usually here before the document is parsed; mounting with it in hand lets the
  // very first render show the article, instead of a "loading" frame and then another.
  const [settings, handedOver] = await Promise.all([settingsReady, handoff]);
  applySettings(settings);
  await domReady;
  // The first paint goes in the same task as the full render: no frame without the article.
  document.getElementById('app')?.replaceChildren();
  if (!pageUrl || !/^https?:/i.test(pageUrl)) {
    mount(
      <main class="reader-message" id="sz-main">
        <h1>{t('readerTitle')}</h1>
        <p role="alert">{t('readerNoUrl')}</p>
      </main>,
    );
    return;
  }
  mount(<Reader url={pageUrl} version={version} autoSave={autoSave} initialSettings={settings} handoff={handoff} handedOver={handedOver} />);
}

void start();
