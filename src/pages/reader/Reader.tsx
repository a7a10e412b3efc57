/** The reader view: toolbar, saved-copy banner, the article, settings panel, help, read aloud. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../../core/types.js';
import { getSavedCopy, saveArticle } from '../../storage/index.js';
import { readerShouldAutoSave } from '../../storage/settings.js';
import { nextTheme, normalizeSettings, onSettingsChanged, saveSettings, stepFontSize, type ReaderSettings } from '../../shared/settings.js';
import { t, uiDirection, uiLanguage } from '../shared/i18n.js';
import { Provenance } from './Provenance.js';
import { applySettings, watchSystemTheme } from './themes.js';
import type { Handoff } from '../../shared/messages.js';
import { followPages, joinPages, loadArticle, readerSaveTarget, type LoadedArticle } from './sources.js';
import { fetchAndExtract, fetchedStatus, withReadableBody } from './fetch-article.js';
import { shortcutFor } from './shortcuts.js';
import { browserSpeech, type SpeechController, type SpeechStatus } from './speech.js';
import { formatDate } from './format.js';
import { ArticleView } from './ArticleView.js';
import { AppearancePanel } from './AppearancePanel.js';
import { HelpDialog } from './HelpDialog.js';
import { SpeechBar } from './SpeechBar.js';
import { Icon } from './icons.js';

type Phase = { kind: 'loading' } | { kind: 'ready' } | { kind: 'empty' } | { kind: 'error'; message: string };
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string };

export interface ReaderProps {
  url: string;
  version?: number;
  autoSave: boolean;
  initialSettings: ReaderSettings;
  /** The handoff request, started before the page was parsed. */
  handoff: Promise<Handoff | null>;
  /** The handed-over article when it had arrived before mounting: shown by the first render. */
  handedOver?: Handoff | null;
}

const uiLocale = () => uiLanguage();
const SAVE_TIMEOUT_MS = 15000;

function leaveReader(url: string): void {
  if (history.length > 1) history.back();
  else location.assign(url);
}

/** A handed-over article made readable (withReadableBody), its HTTP status kept. */
function readableHandoff(handoff: Handoff | null): Handoff | null {
  const article = withReadableBody(handoff?.article ?? null);
  return handoff && article ? { ...handoff, article } : null;
}

export function Reader({ url, version, autoSave, initialSettings, handoff, handedOver }: ReaderProps) {
  const [settings, setSettings] = useState(initialSettings);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  // The handoff comes first in the source order, unless an earlier saved version was asked for.
  const [initial] = useState(() => (version === undefined ? withReadableBody(handedOver?.article ?? null) : null));
  const [phase, setPhase] = useState<Phase>(initial ? { kind: 'ready' } : { kind: 'loading' });
  const [loaded, setLoaded] = useState<LoadedArticle | null>(initial ? { article: initial, source: 'handoff', httpStatus: handedOver?.httpStatus ?? null } : null);
  const [pages, setPages] = useState<Article[]>([]);
  const [pagesLoading, setPagesLoading] = useState(false);
  const [liveState, setLiveState] = useState<{ kind: 'idle' | 'loading' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [panelOpen, setPanelOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [speech, setSpeech] = useState<SpeechController | null>(null);
  const [speechStatus, setSpeechStatus] = useState<SpeechStatus | null>(null);
  const panelButton = useRef<HTMLButtonElement>(null);
  const loadToken = useRef(0);

  // Settings: applied to <html> at once, persisted, and kept in step with other reader tabs.
  // Our own writes come back as change events too, possibly after newer changes were made here:
  // those echoes are recognised and skipped, so a quick series of changes never rolls back.
  const ownWrites = useRef<string[]>([]);
  const updateSettings = useCallback((change: Partial<ReaderSettings>) => {
    const next = normalizeSettings({ ...settingsRef.current, ...change });
    settingsRef.current = next;
    setSettings(next);
    applySettings(next);
    ownWrites.current.push(JSON.stringify(next));
    void saveSettings(next).catch(() => undefined);
  }, []);
  useEffect(() => {
    watchSystemTheme(() => settingsRef.current);
    return onSettingsChanged((next) => {
      const echo = ownWrites.current.indexOf(JSON.stringify(next));
      if (echo >= 0) {
        ownWrites.current.splice(0, echo + 1);
        return;
      }
      settingsRef.current = next;
      setSettings(next);
      applySettings(next);
    });
  }, []);

  const followNextPages = useCallback(async (first: Article, token: number) => {
    if (!first.nextPageUrl) return;
    setPagesLoading(true);
    const more: Article[] = [];
    try {
      for await (const page of followPages(first, url, fetchAndExtract)) {
        if (token !== loadToken.current) return;
        more.push(page.article);
        setPages([...more]);
      }
    } finally {
      if (token === loadToken.current) setPagesLoading(false);
    }
  }, [url]);

  // Load the article: handoff, else saved copy, else the live page.
  useEffect(() => {
    const token = ++loadToken.current;
    if (initial && token === 1) {
      void followNextPages(initial, token);
      return;
    }
    loadArticle(url, { takeHandoff: () => handoff.then(readableHandoff), getSavedCopy, fetchArticle: fetchAndExtract, fetchedStatus }, version).then(
      (result) => {
        if (token !== loadToken.current) return;
        if (!result) {
          setPhase({ kind: 'empty' });
          return;
        }
        setLoaded(result);
        setPhase({ kind: 'ready' });
        if (result.source !== 'saved') void followNextPages(result.article, token);
      },
      (error: unknown) => {
        if (token === loadToken.current) setPhase({ kind: 'error', message: String((error as Error)?.message ?? error) });
      },
    );
  }, [url, version, handoff, followNextPages, initial]);

  const article = useMemo(() => (loaded ? joinPages(loaded.article, pages) : null), [loaded, pages]);

  useEffect(() => {
    document.title = article?.title || t('readerTitle');
  }, [article]);

  const loadLive = useCallback(async () => {
    setLiveState({ kind: 'loading' });
    const token = ++loadToken.current;
    try {
      const live = await fetchAndExtract(url);
      if (token !== loadToken.current) return;
      if (!live) {
        setLiveState({ kind: 'failed', message: t('readerNoArticle') });
        return;
      }
      setPages([]);
      setLoaded({ article: live, source: 'live', httpStatus: fetchedStatus(live) ?? null });
      setLiveState({ kind: 'idle' });
      void followNextPages(live, token);
    } catch (error) {
      if (token === loadToken.current) setLiveState({ kind: 'failed', message: t('readerFetchFailed', String((error as Error)?.message ?? error)) });
    }
  }, [url, followNextPages]);

  const saving = useRef(false);
  const doSave = useCallback(async () => {
    if (!article || saving.current) return;
    saving.current = true;
    setSave({ kind: 'saving' });
    try {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(t('readerSaveTimeout'))), SAVE_TIMEOUT_MS));
      const target = readerSaveTarget(article, loaded, url);
      const result = await Promise.race([saveArticle(target.article, target.options), timeout]);
      if (result.ok) {
        const when = formatDate(result.savedAt, uiLocale(), true) ?? result.savedAt;
        setSave({ kind: 'done', message: t('readerSaved', [when, String(result.version)]) });
      } else {
        setSave({ kind: 'failed', message: t('readerSaveFailed', result.error) });
      }
    } catch (error) {
      setSave({ kind: 'failed', message: t('readerSaveFailed', String((error as Error)?.message ?? error)) });
    } finally {
      saving.current = false;
    }
  }, [article, loaded, url]);

  // Saving without a click: &save=1 (a "Save link" menu click) or the library's "keep every
  // article" option (never in private windows). Once the article and its pages are here.
  const [keepEvery, setKeepEvery] = useState(false);
  useEffect(() => {
    readerShouldAutoSave().then(setKeepEvery, () => undefined);
  }, []);
  const autoSaved = useRef(false);
  useEffect(() => {
    if (autoSaved.current || !article || pagesLoading || !loaded || loaded.source === 'saved') return;
    if (!autoSave && !keepEvery) return;
    autoSaved.current = true;
    if (autoSave) {
      const params = new URLSearchParams(location.search);
      params.delete('save');
      history.replaceState(history.state, '', `${location.pathname}?${params.toString()}`);
    }
    void doSave();
  }, [autoSave, keepEvery, article, loaded, pagesLoading, doSave]);

  // Read aloud.
  const ensureSpeech = useCallback((): SpeechController | null => {
    if (speech) return speech;
    const controller = browserSpeech(settingsRef.current.speechRate);
    if (!controller) return null;
    controller.subscribe(setSpeechStatus);
    setSpeech(controller);
    return controller;
  }, [speech]);
  // What is read aloud comes from the rendered article, block by block (title, headings,
  // paragraphs, list items, captions…), so the block being read can be shown and followed.
  const speechBlocks = useRef<Element[]>([]);
  const collectBlocks = (): Element[] => {
    const all = Array.from(document.querySelectorAll('#sz-article .article-title, #sz-article .article-body :is(p, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, dt, dd, th, td)'));
    // Only the innermost: a <li> holding a <p> is read once.
    return all.filter((el) => !all.some((other) => other !== el && el.contains(other)) && (el.textContent ?? '').trim() !== '');
  };
  useEffect(() => {
    speech?.stop();
  }, [article?.contentHtml]);
  useEffect(() => () => speech?.stop(), [speech]);
  const toggleListen = useCallback(() => {
    const controller = ensureSpeech();
    if (!controller || !article) return;
    if (controller.status.state === 'idle') {
      const blocks = collectBlocks();
      const texts = blocks.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
      // Bodies whose text is not in blocks (bare text in <div>s) are read from the plain text.
      if (texts.join(' ').length >= 0.8 * article.textContent.replace(/\s+/g, ' ').length) {
        speechBlocks.current = blocks;
        controller.loadBlocks(texts, article.lang);
      } else {
        speechBlocks.current = [];
        controller.load(`${article.title}\n\n${article.textContent}`, article.lang);
      }
    }
    controller.toggle();
  }, [ensureSpeech, article]);
  // Mark the block being read and keep it in view.
  const speakingBlock = speechStatus && speechStatus.state !== 'idle' ? speechStatus.block : -1;
  useEffect(() => {
    const el = speechBlocks.current[speakingBlock];
    if (!el) return;
    el.classList.add('speaking');
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    return () => el.classList.remove('speaking');
  }, [speakingBlock]);
  const speechAvailable = typeof globalThis.speechSynthesis !== 'undefined';

  const closePanel = useCallback(() => {
    setPanelOpen(false);
    panelButton.current?.focus();
  }, []);

  // Keyboard shortcuts.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (helpOpen) return; // the dialog handles its own keys
      const action = shortcutFor(event);
      if (!action) return;
      switch (action) {
        case 'bigger': updateSettings({ fontSize: stepFontSize(settingsRef.current.fontSize, 1) }); break;
        case 'smaller': updateSettings({ fontSize: stepFontSize(settingsRef.current.fontSize, -1) }); break;
        case 'theme': updateSettings({ theme: nextTheme(settingsRef.current.theme) }); break;
        case 'font': updateSettings({ font: settingsRef.current.font === 'serif' ? 'sans' : 'serif' }); break;
        case 'save': void doSave(); break;
        case 'listen': if (speechAvailable) toggleListen(); else return; break;
        case 'leave': leaveReader(url); break;
        case 'help': setHelpOpen(true); break;
        case 'close':
          if (!panelOpen) return;
          closePanel();
          break;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [helpOpen, panelOpen, doSave, toggleListen, updateSettings, closePanel, url, speechAvailable]);

  const ready = phase.kind === 'ready' && article !== null;
  const speechActive = speechStatus !== null && speechStatus.state !== 'idle';

  return (
    <>
      <a class="skip-link" href="#sz-article">{t('readerSkipToArticle')}</a>
      <header class="reader-bar">
        <div class="bar-inner">
          <a class="bar-original" href={url}>
            <Icon name="back" />
            <span>{t('readerOriginal')}</span>
          </a>
          <div class="bar-actions">
            <span class="save-status" role="status" aria-live="polite">
              {save.kind === 'saving' ? t('readerSaving') : save.kind === 'done' || save.kind === 'failed' ? save.message : ''}
            </span>
            {speechStatus?.error && speechStatus.state === 'idle' && <span class="speech-error" role="alert">{t('speechUnavailable')}</span>}
            <button type="button" class={`bar-button save${save.kind === 'done' ? ' done' : ''}`} onClick={() => void doSave()} disabled={!ready} aria-busy={save.kind === 'saving'}>
              <Icon name={save.kind === 'done' ? 'check' : 'save'} />
              <span>{t('readerSave')}</span>
            </button>
            {speechAvailable && (
              <button type="button" class="bar-button" onClick={toggleListen} disabled={!ready} aria-pressed={speechStatus?.state === 'playing'}>
                <Icon name={speechStatus?.state === 'playing' ? 'pause' : 'listen'} />
                <span>{speechStatus?.state === 'playing' ? t('readerPause') : t('readerListen')}</span>
              </button>
            )}
            <button
              type="button"
              class="bar-button icon-only"
              ref={panelButton}
              aria-expanded={panelOpen}
              aria-controls="sz-appearance"
              onClick={() => setPanelOpen(!panelOpen)}
              title={t('readerAppearance')}
            >
              <Icon name="type" />
              <span class="visually-hidden">{t('readerAppearance')}</span>
            </button>
            <button type="button" class="bar-button icon-only" onClick={() => setHelpOpen(true)} title={t('readerShortcuts')}>
              <Icon name="help" />
              <span class="visually-hidden">{t('readerShortcuts')}</span>
            </button>
          </div>
        </div>
        {panelOpen && <AppearancePanel settings={settings} onChange={updateSettings} onClose={closePanel} />}
        {speech && speechActive && speechStatus && (
          <SpeechBar status={speechStatus} onToggle={toggleListen} onStop={() => speech.stop()} onRate={(rate) => { speech.setRate(rate); updateSettings({ speechRate: rate }); }} />
        )}
      </header>
      <main id="sz-main" class="reader-main">
        {phase.kind === 'loading' && <p class="reader-message" role="status">{t('readerLoading')}</p>}
        {phase.kind === 'empty' && (
          <div class="reader-message">
            <h1>{t('readerNoArticleTitle')}</h1>
            <p role="alert">{t('readerNoArticle')}</p>
            <p><a href={url}>{t('readerOriginal')}</a></p>
          </div>
        )}
        {phase.kind === 'error' && (
          <div class="reader-message">
            <h1>{t('readerErrorTitle')}</h1>
            <p role="alert">{t('readerFetchFailed', phase.message)}</p>
            <p>
              <a href={url}>{t('readerOriginal')}</a>
              {' · '}
              <a href={`unavailable.html?url=${encodeURIComponent(url)}&reason=${/^HTTP (\d{3})$/.exec(phase.message)?.[1] ? `http-${/^HTTP (\d{3})$/.exec(phase.message)?.[1]}` : 'user'}`}>{t('readerFindCopies')}</a>
            </p>
          </div>
        )}
        {ready && loaded?.source === 'saved' && (
          <div class="saved-banner" role="note">
            <p>
              <Icon name="archive" />
              <span>{t('readerSavedCopy', formatDate(loaded.savedAt, uiLocale(), true) ?? loaded.savedAt ?? '')}</span>
            </p>
            <div class="saved-actions">
              <button type="button" class="link-button" onClick={() => void loadLive()} disabled={liveState.kind === 'loading'}>
                {liveState.kind === 'loading' ? t('readerLoadingLive') : t('readerLoadLive')}
              </button>
              {loaded.versions && loaded.versions.length > 1 && (
                <details class="versions">
                  <summary>{t('readerVersions', String(loaded.versions.length))}</summary>
                  <ul>
                    {loaded.versions.map((v) => (
                      <li key={v.version}>
                        <a href={`reader.html?url=${encodeURIComponent(url)}&version=${v.version}`} aria-current={v.version === loaded.version ? 'page' : undefined}>
                          {formatDate(v.savedAt, uiLocale(), true) ?? v.savedAt}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
            {liveState.kind === 'failed' && <p role="alert" class="live-error">{liveState.message}</p>}
            {loaded.provenance && <Provenance url={url} info={loaded.provenance} version={loaded.version ?? 1} versions={loaded.versions ?? []} locale={uiLocale()} />}
          </div>
        )}
        {ready && article && loaded && (
          <ArticleView article={loaded.article} pages={pages} pageUrl={url} wordCount={article.wordCount} locale={uiLocale()} uiDir={uiDirection()} savedAt={loaded.source === 'saved' ? loaded.savedAt : undefined} />
        )}
        {ready && pagesLoading && <p class="reader-message pages-loading" role="status">{t('readerLoadingPages')}</p>}
      </main>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
