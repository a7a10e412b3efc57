/**
 * reader.html?url=<page URL>[&version=N][&save=1]. This script runs from <head>: it applies the
 * reader settings to <html> synchronously (from the localStorage mirror) before anything is
 * painted, starts fetching the handoff and the stored settings at once, and mounts the UI when
 * the document is parsed and the stored settings are applied, so no wrong theme ever flashes.
 */
import './reader.css';
import { DEFAULT_SETTINGS, loadSettings, readMirror } from '../../shared/settings.js';
import { send } from '../../shared/runtime.js';
import { applySettings } from './themes.js';
import { mount } from '../shared/mount.js';
import { applyUiLocale, t } from '../shared/i18n.js';
import { Reader } from './Reader.js';

applyUiLocale();
applySettings(readMirror() ?? DEFAULT_SETTINGS);

const params = new URLSearchParams(location.search);
const pageUrl = params.get('url');
const versionParam = params.get('version');
const version = versionParam !== null && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined;
const autoSave = params.get('save') === '1';

// Started before the document is even parsed: the handoff is what makes one click fast.
const handoff = pageUrl ? send('take-handoff', { url: pageUrl }).catch(() => null) : Promise.resolve(null);
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
