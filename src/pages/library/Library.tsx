/** library.html: the saved articles — list, search, filters, tags, delete with undo, exports. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EntryRecord } from '../../storage/schema.js';
import { listEntries, listRecentEntries, purgeTrash, restoreEntry, setRead, setTags, trashEntry, getTexts } from '../../storage/library.js';
import { buildSearchIndex, partialSearchIndex, updateSearchIndex, type IndexOptions } from '../../storage/search-index.js';
import { highlight, search, snippet, type Hit, type Segment } from '../../storage/search.js';
import type { TermIndex } from '../../storage/term-index.js';
import { formatBytes, requestPersistence, requestPersistenceOnce, storageUsage, type StorageUsage } from '../../storage/quota.js';
import { loadExportable } from '../../storage/exportable.js';
import { fileNameFor } from '../../storage/exportable.js';
import { standaloneHtml } from '../../storage/export-html.js';
import { articleMarkdown } from '../../storage/export-markdown.js';
import { buildEpub } from '../../storage/export-epub.js';
import { exportLibrary, importLibrary } from '../../storage/backup.js';
import { getKeepEveryArticle, setKeepEveryArticle } from '../../storage/settings.js';
import { applySettings, collectSettings, readSettingsPart } from '../../storage/settings-backup.js';
import { t, uiLanguage } from '../shared/i18n.js';
import { applyFilters, defaultFilters, facets, FIRST_PAGE, formatDay, readerHref, readingMinutes, siteOf, takeFirstRows, type Filters } from './model.js';
import { download, toCoreImage } from './downloads.js';

const PAGE = FIRST_PAGE;
const UNDO_MS = 10000;

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

/** Resolves once the browser has painted the current DOM. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

type Notice = { kind: 'info' | 'error'; text: string } | null;

export function Library() {
  // The rows first-paint.ts already drew, when it ran: the first render shows the same ones.
  const [entries, setEntries] = useState<EntryRecord[] | null>(takeFirstRows);
  const [filters, setFilters] = useState<Filters>(defaultFilters);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Map<string, Hit> | null>(null);
  const [indexState, setIndexState] = useState<{ kind: 'none' } | { kind: 'building'; done: number; total: number } | { kind: 'ready' }>({ kind: 'none' });
  const [shown, setShown] = useState(PAGE);
  const [indexTick, setIndexTick] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pendingUndo, setPendingUndo] = useState<EntryRecord[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [keepEvery, setKeepEvery] = useState(false);
  const keepEveryClicked = useRef(false);
  const indexRef = useRef<Promise<TermIndex> | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    const all = await listEntries({ includeTrashed: true });
    if (!performance.getEntriesByName('samizdat-library-all-entries').length) performance.mark('samizdat-library-all-entries');
    setEntries(all);
    return all;
  }, []);

  useEffect(() => {
    // The newest rows first (one index read) unless first-paint.ts drew them, then everything
    // for filters and search once they are on screen.
    const first = entries
      ? Promise.resolve()
      : listRecentEntries(PAGE)
          .then((rows) => setEntries((cur) => cur ?? rows))
          .catch(() => undefined);
    const staleTrash = new Date(Date.now() - 60000);
    void first
      .then(afterPaint)
      .then(reload)
      .then(async (all) => {
        // Deletes whose undo window passed while the page was closed.
        if (all.some((e) => e.trashedAt && new Date(e.trashedAt) < staleTrash) && (await purgeTrash({ olderThan: staleTrash }).catch(() => 0))) await reload();
      });
    // Persistent storage is asked for once, on the first open; the line shows the answer (a
    // browser may ask the user first, so the space used is shown without waiting for it). The
    // estimate is read once per open, and again only when persistence was just granted (the
    // browser may then allow more); a refusal only changes the line's answer.
    const usageNow = storageUsage();
    void usageNow.then(setUsage);
    void requestPersistenceOnce()
      .catch(() => ({ persisted: false, answer: null }))
      .then(async ({ answer }) => {
        if (!answer) return;
        await usageNow;
        if (answer.granted) setUsage(await storageUsage());
        else setUsage((cur) => cur && { ...cur, persisted: false, asked: answer });
      });
    // A click on the option before this read answers wins: the read must not undo it.
    void getKeepEveryArticle().then((on) => keepEveryClicked.current || setKeepEvery(on));
  }, [reload]);

  // Marks when the first rows are on screen (effects run after paint), for the perf test.
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (marked.current || !entries) return;
    marked.current = true;
    if (!performance.getEntriesByName('samizdat-library-rows').length) void afterPaint().then(() => performance.mark('samizdat-library-rows'));
  }, [entries]);

  const invalidateIndex = () => {
    indexRef.current = null;
    setIndexState({ kind: 'none' });
  };

  const ensureIndex = useCallback(() => {
    if (!indexRef.current) {
      setIndexState({ kind: 'building', done: 0, total: 0 });
      const options: IndexOptions = { onProgress: (p) => setIndexState({ kind: 'building', ...p }) };
      indexRef.current = buildSearchIndex(options);
      indexRef.current.then(
        () => {
          // Marks for the benchmark: index usable; its new snapshot (if one was made) stored.
          if (!performance.getEntriesByName('samizdat-library-index-ready').length) performance.mark('samizdat-library-index-ready');
          void options.snapshotWritten?.then(() => performance.mark('samizdat-library-index-stored'));
          setIndexState({ kind: 'ready' });
        },
        () => {
          indexRef.current = null;
          setIndexState({ kind: 'none' });
        },
      );
    }
    return indexRef.current;
  }, []);

  // Search as you type: the newest query wins. While the whole index loads (seconds on a large
  // library), a query is answered from the part of the stored index it needs (no typo matching
  // there), and again from the whole index once it is ready.
  const queryToken = useRef(0);
  useEffect(() => {
    const token = ++queryToken.current;
    if (!query.trim()) {
      setHits(null);
      return;
    }
    if (!performance.getEntriesByName('samizdat-library-query').length) performance.mark('samizdat-library-query');
    let answered = false;
    const answer = (index: TermIndex) => {
      if (token !== queryToken.current || (answered && !index.complete)) return;
      answered = index.complete;
      setHits(new Map(search(index, query, 1000).map((h) => [h.url, h])));
      setShown(PAGE);
      // For the benchmark: the first answer after the page opened, and whether it was partial.
      if (!performance.getEntriesByName('samizdat-library-first-answer').length) performance.mark('samizdat-library-first-answer', { detail: { complete: index.complete } });
    };
    const whole = ensureIndex();
    if (indexState.kind !== 'ready') void partialSearchIndex(query).then((index) => index && answer(index), () => undefined);
    void whole.then(answer);
  }, [query, ensureIndex, indexState.kind === 'ready', indexTick]);

  const scores = useMemo(() => (hits ? new Map([...hits].map(([url, h]) => [url, h.score])) : undefined), [hits]);
  const visible = useMemo(() => (entries ? applyFilters(entries, hits ? { ...filters, sort: filters.sort === 'saved-desc' ? 'relevance' : filters.sort } : filters, Date.now(), scores) : []), [entries, filters, hits, scores]);
  const { sites, tags } = useMemo(() => facets(entries ?? []), [entries]);
  const live = (entries ?? []).filter((e) => !e.trashedAt).length;

  const replaceEntry = (next: EntryRecord | null) => {
    if (next) setEntries((cur) => cur?.map((e) => (e.url === next.url ? next : e)) ?? cur);
  };

  const finishUndo = useCallback(async () => {
    clearTimeout(undoTimer.current);
    setPendingUndo([]);
    await purgeTrash({ olderThan: new Date(Date.now() + 1000) }).catch(() => 0);
    setUsage(await storageUsage());
  }, []);

  const remove = async (entry: EntryRecord) => {
    const trashed = await trashEntry(entry.url);
    replaceEntry(trashed);
    setPendingUndo((cur) => [...cur, entry]);
    clearTimeout(undoTimer.current);
    undoTimer.current = setTimeout(() => void finishUndo(), UNDO_MS);
  };

  const undo = async () => {
    clearTimeout(undoTimer.current);
    for (const e of pendingUndo) replaceEntry(await restoreEntry(e.url));
    setPendingUndo([]);
    setNotice({ kind: 'info', text: t('libraryRestored') });
  };

  const changeTags = async (entry: EntryRecord, next: string[]) => {
    replaceEntry(await setTags(entry.url, next));
    // Only this article is re-indexed (a rebuild of a large library takes minutes).
    const built = indexRef.current;
    if (built) {
      await built.then((index) => updateSearchIndex(index, [entry.url])).catch(invalidateIndex);
      setIndexTick((n) => n + 1); // the current results are searched again
    }
  };

  const exportOne = async (entry: EntryRecord, kind: 'html' | 'md' | 'epub') => {
    try {
      const e = await loadExportable(entry.url);
      if (!e) return;
      if (kind === 'html') download(standaloneHtml(e), fileNameFor(entry.title, 'html'), 'text/html');
      else if (kind === 'md') download(articleMarkdown(e), fileNameFor(entry.title, 'md'), 'text/markdown');
      else download(await buildEpub([e], { convertImage: toCoreImage }), fileNameFor(entry.title, 'epub'), 'application/epub+zip');
    } catch (error) {
      setNotice({ kind: 'error', text: t('libraryExportFailed', String(error)) });
    }
  };

  const exportSelection = async () => {
    const urls = visible.filter((e) => selected.has(e.url)).map((e) => e.url);
    if (!urls.length) return;
    try {
      const all = (await Promise.all(urls.map((u) => loadExportable(u)))).filter((e) => e !== null);
      download(await buildEpub(all, { convertImage: toCoreImage }), fileNameFor(all.length === 1 ? all[0]!.record.article.title : `Samizdat ${new Date().toISOString().slice(0, 10)}`, 'epub'), 'application/epub+zip');
    } catch (error) {
      setNotice({ kind: 'error', text: t('libraryExportFailed', String(error)) });
    }
  };

  const backup = async () => {
    setNotice({ kind: 'info', text: t('libraryBackingUp') });
    try {
      const bytes = await exportLibrary({ settings: await collectSettings() });
      download(bytes, `samizdat-library-${new Date().toISOString().slice(0, 10)}.zip`, 'application/zip');
      setNotice({ kind: 'info', text: t('libraryBackupDone', String(live)) });
    } catch (error) {
      setNotice({ kind: 'error', text: t('libraryExportFailed', String(error)) });
    }
  };

  const importFile = async (file: File) => {
    setNotice({ kind: 'info', text: t('libraryImporting') });
    const result = await importLibrary(new Uint8Array(await file.arrayBuffer()), { readSettings: readSettingsPart });
    if (result.ok) {
      if (result.settings) {
        await applySettings(result.settings);
        setKeepEvery(await getKeepEveryArticle());
      }
      setNotice({ kind: 'info', text: t('libraryImported', [String(result.articles), String(result.versions), String(result.skipped)]) });
      invalidateIndex();
      await reload();
      setUsage(await storageUsage());
    } else setNotice({ kind: 'error', text: result.error });
  };

  const persist = async () => {
    await requestPersistence();
    setUsage(await storageUsage());
  };

  // Keyboard: ↑/↓ (or k/j) move between rows, Home/End, Delete removes the focused row,
  // "/" goes to the search box, Ctrl+Z undoes a delete.
  const onListKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const rows = [...(listRef.current?.querySelectorAll<HTMLElement>('li.entry') ?? [])];
    const row = target.closest<HTMLElement>('li.entry');
    const at = row ? rows.indexOf(row) : -1;
    const focusRow = (i: number) => rows[Math.max(0, Math.min(rows.length - 1, i))]?.querySelector<HTMLElement>('a.title')?.focus();
    if (event.key === 'ArrowDown' || event.key === 'j') focusRow(at + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') focusRow(at - 1);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(rows.length - 1);
    else if (event.key === 'Delete' && row) {
      const entry = visible[at];
      if (entry) void remove(entry).then(() => focusRow(at));
    } else return;
    event.preventDefault();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const inField = (event.target as HTMLElement).closest('input, select, textarea');
      if (event.key === '/' && !inField) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if ((event.ctrlKey || event.metaKey) && event.key === 'z' && !inField && pendingUndo.length) {
        event.preventDefault();
        void undo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // More rows as the end of the list scrolls into view.
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((items) => {
      if (items.some((i) => i.isIntersecting)) setShown((n) => n + PAGE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [entries !== null]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setShown(PAGE);
  };

  return (
    <main class="library">
      <header class="library-header">
        <h1>{t('libraryTitle')}</h1>
        <div class="library-search" role="search">
          <input
            ref={searchRef}
            type="search"
            id="library-search"
            placeholder={t('librarySearchPlaceholder')}
            aria-label={t('librarySearch')}
            value={query}
            onFocus={() => void ensureIndex()}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
          {indexState.kind === 'building' && query && (
            <span class="muted" role="status">
              {t('libraryIndexing', [String(indexState.done), String(indexState.total)])} {t('libraryIndexingTypos')}
            </span>
          )}
        </div>
        <div class="library-filters">
          <label>
            {t('librarySite')}
            <select value={filters.site} onChange={(e) => set('site', (e.target as HTMLSelectElement).value)}>
              <option value="">{t('libraryAll')}</option>
              {sites.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label>
            {t('libraryTag')}
            <select value={filters.tag} onChange={(e) => set('tag', (e.target as HTMLSelectElement).value)}>
              <option value="">{t('libraryAll')}</option>
              {tags.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label>
            {t('libraryReadState')}
            <select value={filters.read} onChange={(e) => set('read', (e.target as HTMLSelectElement).value as Filters['read'])}>
              <option value="all">{t('libraryAll')}</option>
              <option value="unread">{t('libraryUnread')}</option>
              <option value="read">{t('libraryRead')}</option>
            </select>
          </label>
          <label>
            {t('librarySaved')}
            <select value={filters.date} onChange={(e) => set('date', (e.target as HTMLSelectElement).value as Filters['date'])}>
              <option value="any">{t('libraryAnyTime')}</option>
              <option value="1d">{t('libraryLastDay')}</option>
              <option value="7d">{t('libraryLastWeek')}</option>
              <option value="30d">{t('libraryLastMonth')}</option>
              <option value="365d">{t('libraryLastYear')}</option>
            </select>
          </label>
          <label>
            {t('librarySort')}
            <select value={filters.sort} onChange={(e) => set('sort', (e.target as HTMLSelectElement).value as Filters['sort'])}>
              <option value="saved-desc">{hits ? t('librarySortRelevance') : t('librarySortNewest')}</option>
              <option value="saved-asc">{t('librarySortOldest')}</option>
              <option value="published-desc">{t('librarySortPublished')}</option>
              <option value="title">{t('librarySortTitle')}</option>
              <option value="site">{t('librarySortSite')}</option>
            </select>
          </label>
        </div>
      </header>

      <p class="library-count muted" role="status">
        {entries === null ? t('libraryLoading') : hits ? t('libraryResults', [String(visible.length), String(live)]) : t('libraryCount', String(live))}
      </p>
      {notice && (
        <p class={`library-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text} <button type="button" class="link" onClick={() => setNotice(null)}>{t('libraryDismiss')}</button>
        </p>
      )}

      {entries !== null && live === 0 && <p class="library-empty">{t('libraryEmpty')}</p>}

      <ul class="entries" ref={listRef} onKeyDown={onListKey} aria-label={t('libraryTitle')}>
        {visible.slice(0, shown).map((entry) => (
          <Row
            key={entry.url}
            entry={entry}
            hit={hits?.get(entry.url) ?? null}
            selected={selected.has(entry.url)}
            onSelect={(on) => setSelected((cur) => {
              const next = new Set(cur);
              if (on) next.add(entry.url);
              else next.delete(entry.url);
              return next;
            })}
            onTags={(next) => void changeTags(entry, next)}
            onRead={(read) => void setRead(entry.url, read).then(replaceEntry)}
            onDelete={() => void remove(entry)}
            onExport={(kind) => void exportOne(entry, kind)}
          />
        ))}
      </ul>
      <div ref={sentinel} class="sentinel" />
      {visible.length > shown && (
        <button type="button" class="secondary" onClick={() => setShown((n) => n + PAGE)}>{t('libraryShowMore', String(visible.length - shown))}</button>
      )}

      {pendingUndo.length > 0 && (
        <div class="library-toast" role="status">
          {pendingUndo.length === 1 ? t('libraryDeletedOne', pendingUndo[0]!.title) : t('libraryDeletedMany', String(pendingUndo.length))}
          <button type="button" onClick={() => void undo()}>{t('libraryUndo')}</button>
        </div>
      )}

      <section class="library-tools" aria-label={t('libraryTools')}>
        <h2>{t('libraryTools')}</h2>
        <p>
          <button type="button" onClick={() => void exportSelection()} disabled={!selected.size}>{t('libraryExportSelection', String(selected.size))}</button>{' '}
          <button type="button" id="library-backup" onClick={() => void backup()}>{t('libraryBackup')}</button>{' '}
          <button type="button" id="library-import" onClick={() => fileRef.current?.click()}>{t('libraryImport')}</button>
          <input
            ref={fileRef}
            type="file"
            id="library-import-file"
            accept=".zip,application/zip"
            hidden
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void importFile(file).finally(() => (input.value = ''));
            }}
          />
        </p>
        <p class="library-storage">
          {usage && usage.usage !== null
            ? t('libraryStorageUsed', [formatBytes(usage.usage), formatBytes(usage.quota)])
            : t('libraryStorageUnknown')}{' '}
          {usage?.persisted ? (
            t('libraryPersisted')
          ) : (
            <>
              {usage?.asked && !usage.asked.granted ? <span class="library-persist-refused">{t('libraryPersistRefused', formatDay(usage.asked.at, uiLanguage()))} </span> : null}
              <button type="button" class="secondary" onClick={() => void persist()}>{t('libraryPersist')}</button>
            </>
          )}
        </p>
        <label class="library-option">
          <input type="checkbox" checked={keepEvery} onChange={(e) => {
            const on = (e.target as HTMLInputElement).checked;
            keepEveryClicked.current = true;
            setKeepEvery(on);
            void setKeepEveryArticle(on);
          }} />{' '}
          {t('libraryKeepEvery')}
        </label>
      </section>
    </main>
  );
}

interface RowProps {
  entry: EntryRecord;
  hit: Hit | null;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onTags: (tags: string[]) => void;
  onRead: (read: boolean) => void;
  onDelete: () => void;
  onExport: (kind: 'html' | 'md' | 'epub') => void;
}

function Row({ entry, hit, selected, onSelect, onTags, onRead, onDelete, onExport }: RowProps) {
  const [text, setText] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const terms = hit?.terms ?? [];
  useEffect(() => {
    if (!hit) return;
    let live = true;
    void getTexts([entry.url]).then((m) => live && setText(m.get(entry.url) ?? null));
    return () => {
      live = false;
    };
  }, [entry.url, hit !== null]);
  const uiLang = uiLanguage();
  const lang = entry.lang ?? undefined;
  const dir = entry.dir ?? 'auto';
  const excerpt = hit && text ? snippet(text, terms) : entry.excerpt ? highlight(entry.excerpt, terms) : null;
  return (
    <li class={`entry${entry.readAt ? ' read' : ''}`} data-url={entry.url}>
      <input type="checkbox" class="select" checked={selected} aria-label={t('librarySelect', entry.title)} onChange={(e) => onSelect((e.target as HTMLInputElement).checked)} />
      <div class="entry-body">
        <a class="title" href={readerHref(entry.url)} lang={lang} dir={dir}>
          <Marked segments={highlight(entry.title, terms)} />
        </a>
        <p class="meta muted">
          <span class="site">{siteOf(entry)}</span>
          {' · '}
          <time dateTime={entry.lastSavedAt} title={t('librarySavedAt', formatDay(entry.lastSavedAt, uiLang))}>{formatDay(entry.publishedTime ?? entry.lastSavedAt, uiLang)}</time>
          {' · '}
          <span>{t('libraryMinutes', String(readingMinutes(entry.wordCount)))}</span>
          {entry.versionCount > 1 && <>{' · '}<span>{t('libraryVersions', String(entry.versionCount))}</span></>}
          {!entry.readAt && <>{' · '}<span class="unread">{t('libraryUnread')}</span></>}
        </p>
        {excerpt && <p class="excerpt" lang={lang} dir={dir}><Marked segments={excerpt} /></p>}
        <div class="tags">
          {entry.tags.map((tag) => (
            <span class="tag" key={tag}>
              {tag}
              <button type="button" class="tag-remove" aria-label={t('libraryRemoveTag', tag)} onClick={() => onTags(entry.tags.filter((x) => x !== tag))}>×</button>
            </span>
          ))}
          {adding ? (
            <form
              class="tag-form"
              onSubmit={(e) => {
                e.preventDefault();
                const input = (e.target as HTMLFormElement).elements.namedItem('tag') as HTMLInputElement;
                const add = input.value.split(',').map((s) => s.trim()).filter(Boolean);
                if (add.length) onTags([...entry.tags, ...add]);
                setAdding(false);
              }}
            >
              <input name="tag" aria-label={t('libraryNewTag')} placeholder={t('libraryNewTag')} autoFocus onKeyDown={(e) => e.key === 'Escape' && setAdding(false)} />
              <button type="submit" class="secondary">{t('libraryAddTag')}</button>
            </form>
          ) : (
            <button type="button" class="link" onClick={() => setAdding(true)}>{t('libraryAddTagButton')}</button>
          )}
        </div>
      </div>
      <div class="actions">
        <button type="button" class="link" onClick={() => onRead(!entry.readAt)}>{entry.readAt ? t('libraryMarkUnread') : t('libraryMarkRead')}</button>
        <button type="button" class="link" onClick={() => onExport('html')} aria-label={t('libraryExportHtmlOf', entry.title)}>HTML</button>
        <button type="button" class="link" onClick={() => onExport('md')} aria-label={t('libraryExportMdOf', entry.title)}>Markdown</button>
        <button type="button" class="link" onClick={() => onExport('epub')} aria-label={t('libraryExportEpubOf', entry.title)}>EPUB</button>
        <button type="button" class="link danger" onClick={onDelete} aria-label={t('libraryDeleteOf', entry.title)}>{t('libraryDelete')}</button>
      </div>
    </li>
  );
}
