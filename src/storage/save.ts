/**
 * The save pipeline: fetch everything first (images, capped), then write the whole article in
 * ONE IndexedDB transaction — a worker stopped, a tab closed or a full disk mid-save leaves the
 * complete article or nothing, and the same save can simply be retried. Saving a URL that is
 * already saved adds a version and keeps the earlier ones (an unchanged copy adds none).
 * Concurrent saves are serialised by IndexedDB: the version number is read and written in the
 * same readwrite transaction. So two tabs saving different contents of one URL at once keep
 * both, numbered in the order their saves commit (the later one is the entry's latest, with its
 * search text and postings); saving the same content twice adds one version.
 */
import type { Article } from '../core/types.js';
import { findImageUrls, referencedImageIds, rewriteForStorage } from './html.js';
import { sha256Hex } from './hash.js';
import { fetchImages, type FetchedImage, type ImageFetchOptions } from './images.js';
import { isQuotaError, QUOTA_MESSAGE } from './quota.js';
import { bumpRevision, heldWitnessKey, hostOf, normalizeUrl, openLibrary, putSearchText, type EntryRecord, type ImageFailure, type StoredImage, type VersionRecord } from './schema.js';

export interface SaveOptions {
  /** The URL the user was on (may differ from article.url, the canonical one). */
  pageUrl?: string;
  /** The URL the page was finally served from, after redirects. */
  finalUrl?: string;
  httpStatus?: number;
  waybackCaptureUrl?: string;
  /** Tests: another database, an injected fetch, a fixed clock. */
  dbName?: string;
  images?: ImageFetchOptions;
  now?: () => Date;
}

export type SaveResult =
  | { ok: true; version: number; savedAt: string; unchanged?: boolean; failedImages?: number }
  | { ok: false; error: string; quota?: boolean };

/**
 * What the SHA-256 covers: the stored article (body HTML with its images referenced by their
 * own SHA-256, so every image byte is covered too) and the provenance of the copy.
 */
export function contentDigestInput(v: Pick<VersionRecord, 'article' | 'sourceUrl' | 'finalUrl' | 'savedAt' | 'httpStatus' | 'imageIds'>): string {
  const a = v.article;
  return JSON.stringify([
    'samizdat-saved-copy/1', a.url, a.title, a.byline, a.siteName, a.publishedTime, a.lang, a.dir, a.excerpt,
    a.leadImage, a.contentHtml, a.textContent, a.wordCount, a.nextPageUrl, [...v.imageIds].sort(),
    v.sourceUrl, v.finalUrl, v.savedAt, v.httpStatus,
  ]);
}

/** The body alone, without when and from where: tells whether a page changed between saves. */
function bodyDigestInput(a: Article, imageIds: string[]): string {
  return JSON.stringify([a.title, a.byline, a.contentHtml, a.textContent, [...imageIds].sort()]);
}

export interface PreparedSave {
  version: Omit<VersionRecord, 'version' | 'sha256' | 'savedAt'>;
  images: FetchedImage[];
  bodyDigest: string;
}

/** Step 1, no writes: fetch the images and build the records. */
export async function prepareSave(article: Article, options: SaveOptions = {}): Promise<PreparedSave> {
  const sourceUrl = options.pageUrl ?? article.url;
  const base = article.url || sourceUrl;
  const urls = findImageUrls(article.contentHtml, base);
  // The lead image (often og:image, a different size of the first picture) is fetched only
  // when the body has no picture of its own; otherwise the body's first picture stands for it.
  const declaredLead = article.leadImage?.url ? new URL(article.leadImage.url, base).href : null;
  const lead = declaredLead && (urls.length === 0 || urls.includes(declaredLead)) ? declaredLead : (urls[0] ?? null);
  if (lead && !urls.includes(lead)) urls.push(lead);
  const { images, failures } = await fetchImages(urls, options.images);
  const byUrl = new Map(images.map((i) => [i.url, i.id]));
  const contentHtml = rewriteForStorage(article.contentHtml, base, byUrl);
  const used = new Set(referencedImageIds(contentHtml));
  const leadId = lead ? byUrl.get(lead) : undefined;
  if (leadId) used.add(leadId);
  const kept = images.filter((i) => used.has(i.id));
  const stored: StoredImage[] = [];
  for (const i of kept) {
    if (stored.some((s) => s.id === i.id)) continue;
    stored.push({ id: i.id, url: i.url, alt: null, type: i.type, bytes: i.blob.size });
  }
  const storedArticle: Article = {
    ...article,
    contentHtml,
    // Never a remote URL in a saved copy: a lead image that could not be stored is dropped.
    leadImage: article.leadImage && leadId ? { ...article.leadImage, url: `samizdat-image:${leadId}` } : null,
  };
  const imageIds = stored.map((s) => s.id);
  return {
    version: {
      url: article.url,
      sourceUrl,
      finalUrl: options.finalUrl ?? sourceUrl,
      httpStatus: options.httpStatus ?? null,
      waybackCaptureUrl: options.waybackCaptureUrl ?? null,
      article: storedArticle,
      images: stored,
      imageIds,
      failures: failures as ImageFailure[],
    },
    images: kept.filter((i, n, all) => all.findIndex((j) => j.id === i.id) === n),
    bodyDigest: bodyDigestInput(storedArticle, imageIds),
  };
}

/** Step 2: one transaction writes the images, the version, the entry and its search text. */
export async function commitSave(prepared: PreparedSave, options: SaveOptions = {}): Promise<SaveResult> {
  const now = (options.now ?? (() => new Date()))();
  const savedAt = now.toISOString();
  const base = prepared.version;
  const record: Omit<VersionRecord, 'version'> = { ...base, savedAt, sha256: '' };
  record.sha256 = await sha256Hex(contentDigestInput(record));
  const db = await openLibrary(options.dbName);
  const tx = db.transaction(['entries', 'versions', 'images', 'texts', 'terms', 'meta'], 'readwrite');
  try {
    const entries = tx.objectStore('entries');
    const versions = tx.objectStore('versions');
    const existing = await entries.get(base.url);
    if (existing) {
      const latest = await versions.get([base.url, existing.latestVersion]);
      // Compared as strings: awaiting anything but IndexedDB here would end the transaction.
      if (latest && bodyDigestInput(latest.article, latest.imageIds) === prepared.bodyDigest) {
        // Unchanged since the last save: no new version; a trashed entry comes back.
        if (existing.trashedAt) await entries.put({ ...existing, trashedAt: null });
        await tx.done;
        return { ok: true, version: existing.latestVersion, savedAt: latest.savedAt, unchanged: true, failedImages: latest.failures.length };
      }
    }
    const version = (existing?.latestVersion ?? 0) + 1;
    const images = tx.objectStore('images');
    for (const image of prepared.images) {
      if (!(await images.getKey(image.id))) await images.put({ id: image.id, blob: image.blob, type: image.type });
    }
    // A capture the user made before saving this page becomes the new copy's witness.
    const meta = tx.objectStore('meta');
    const witnessKeys = [...new Set([base.url, base.sourceUrl, base.finalUrl].map(heldWitnessKey))];
    let witness = record.waybackCaptureUrl;
    for (const key of witnessKeys) {
      const held = (await meta.get(key))?.value;
      if (typeof held !== 'string') continue;
      witness ??= held;
      await meta.delete(key);
    }
    const full: VersionRecord = { ...record, waybackCaptureUrl: witness, version };
    await versions.put(full);
    const a = base.article;
    const entry: EntryRecord = {
      url: base.url,
      aliases: [...new Set([...(existing?.aliases ?? []), base.url, base.sourceUrl, base.finalUrl].map(normalizeUrl))],
      host: hostOf(base.url),
      title: a.title,
      siteName: a.siteName,
      byline: a.byline,
      publishedTime: a.publishedTime,
      lang: a.lang,
      dir: a.dir,
      excerpt: a.excerpt,
      wordCount: a.wordCount,
      latestVersion: version,
      versionCount: (existing?.versionCount ?? 0) + 1,
      firstSavedAt: existing?.firstSavedAt ?? savedAt,
      lastSavedAt: savedAt,
      tags: existing?.tags ?? [],
      readAt: existing?.readAt ?? null,
      trashedAt: null,
    };
    await entries.put(entry);
    await putSearchText(tx, entry, a, await bumpRevision(tx));
    await tx.done;
    return { ok: true, version, savedAt, failedImages: base.failures.length };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failure.
    }
    await tx.done.catch(() => undefined);
    if (isQuotaError(error) || isQuotaError(tx.error)) return { ok: false, error: QUOTA_MESSAGE, quota: true };
    return { ok: false, error: `Not saved: ${error instanceof Error ? error.message : String(error)}. Nothing was changed; try again.` };
  }
}

export async function saveArticle(article: Article, options: SaveOptions = {}): Promise<SaveResult> {
  if (!article?.url || !article.contentHtml) return { ok: false, error: 'Not saved: there is no article to save.' };
  let prepared: PreparedSave;
  try {
    prepared = await prepareSave(article, options);
  } catch (error) {
    return { ok: false, error: `Not saved: ${error instanceof Error ? error.message : String(error)}` };
  }
  return commitSave(prepared, options);
}
