/**
 * The whole library as one backup file, and its import. The file is a zip (fflate):
 *   manifest.json          format name and version, every entry and every version record
 *                          (article, provenance, SHA-256) — the data the import reads
 *   images/<sha256>.<ext>  every image, named by the SHA-256 of its bytes
 *   articles/<n>-v<k>.html each saved copy as a readable page (images from ../images/)
 *   settings.json          the user's settings (settings-backup.ts), when the caller gives them
 * Import checks everything before it writes anything (a zip, our format, a version we know,
 * records of the right shape, every image's bytes and every copy's SHA-256), then merges in ONE
 * transaction: a version already present (same SHA-256) is skipped, so importing twice adds
 * nothing; a foreign or damaged file is refused with a message and changes nothing.
 */
import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { sha256Hex } from './hash.js';
import { contentDigestInput } from './save.js';
import { extensionFor } from './exportable.js';
import { standaloneHtml } from './export-html.js';
import { getImages } from './library.js';
import { isQuotaError, QUOTA_MESSAGE } from './quota.js';
import { bumpRevision, openLibrary, putSearchText, type EntryRecord, type VersionRecord } from './schema.js';

export const BACKUP_FORMAT = 'samizdat-library-backup';
export const BACKUP_VERSION = 1;

interface Manifest {
  format: string;
  formatVersion: number;
  exportedAt: string;
  entries: EntryRecord[];
  versions: VersionRecord[];
  images: { id: string; type: string; path: string }[];
}

export interface ExportOptions {
  dbName?: string;
  now?: Date;
  /** The settings part (collectSettings in settings-backup.ts), written as settings.json. */
  settings?: unknown;
}

export async function exportLibrary(options: ExportOptions = {}): Promise<Uint8Array> {
  const db = await openLibrary(options.dbName);
  const entries = (await db.getAll('entries')).filter((e) => !e.trashedAt);
  const keep = new Set(entries.map((e) => e.url));
  const versions = (await db.getAll('versions')).filter((v) => keep.has(v.url));
  const ids = [...new Set(versions.flatMap((v) => v.imageIds))];
  const images = await getImages(db, ids);
  const files: Zippable = {};
  const imageList: Manifest['images'] = [];
  const bytesById = new Map<string, Uint8Array>();
  for (const [id, image] of images) {
    const path = `images/${id}.${extensionFor(image.type)}`;
    const bytes = new Uint8Array(await image.blob.arrayBuffer());
    bytesById.set(id, bytes);
    files[path] = [bytes, { level: 0 }];
    imageList.push({ id, type: image.type, path });
  }
  const paths = new Map(imageList.map((i) => [i.id, `../${i.path}`]));
  entries.forEach((entry, n) => {
    for (const v of versions.filter((x) => x.url === entry.url)) {
      const html = standaloneHtml({ entry, record: v, images: new Map() }, { imageUrl: (id) => paths.get(id) });
      files[`articles/${String(n + 1).padStart(5, '0')}-v${v.version}.html`] = strToU8(html);
    }
  });
  const manifest: Manifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_VERSION, exportedAt: (options.now ?? new Date()).toISOString(), entries, versions, images: imageList };
  if (options.settings !== undefined) files['settings.json'] = strToU8(JSON.stringify(options.settings));
  return zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), ...files }, { level: 6 });
}

export type ImportResult =
  | { ok: true; articles: number; versions: number; skipped: number; /** Checked settings to store, when the file has them. */ settings?: Record<string, unknown> }
  | { ok: false; error: string };

export interface ImportOptions {
  dbName?: string;
  /** Checks the settings part (readSettingsPart in settings-backup.ts); throws to refuse the file. */
  readSettings?: (raw: unknown) => Record<string, unknown>;
}

class Refused extends Error {}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';

function checkEntry(e: unknown): asserts e is EntryRecord {
  const r = e as Record<string, unknown>;
  if (!r || typeof r !== 'object' || !isStr(r.url) || !isStr(r.title) || !Array.isArray(r.tags) || !Array.isArray(r.aliases) || typeof r.latestVersion !== 'number' || !isStr(r.lastSavedAt))
    throw new Refused('an article record is incomplete');
}

function checkVersion(v: unknown): asserts v is VersionRecord {
  const r = v as Record<string, unknown>;
  const a = r?.article as Record<string, unknown> | undefined;
  if (!r || typeof r !== 'object' || !isStr(r.url) || typeof r.version !== 'number' || !isStr(r.savedAt) || !isStr(r.sha256) || !Array.isArray(r.imageIds) || !Array.isArray(r.images) || !Array.isArray(r.failures))
    throw new Refused('a saved copy is incomplete');
  if (!a || !isStr(a.url) || !isStr(a.title) || !isStr(a.contentHtml) || !isStr(a.textContent) || !isStrOrNull(a.lang)) throw new Refused('a saved article is incomplete');
}

async function readBackup(file: Uint8Array, readSettings?: ImportOptions['readSettings']): Promise<{ manifest: Manifest; images: Map<string, { type: string; blob: Blob }>; settings?: Record<string, unknown> }> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(file);
  } catch {
    throw new Refused('it is not a zip file, or it is damaged');
  }
  const raw = files['manifest.json'];
  if (!raw) throw new Refused('it has no Samizdat manifest');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(raw)) as Manifest;
  } catch {
    throw new Refused('its manifest is not valid JSON');
  }
  if (manifest?.format !== BACKUP_FORMAT) throw new Refused('it is not a Samizdat library backup');
  if (typeof manifest.formatVersion !== 'number' || manifest.formatVersion > BACKUP_VERSION) throw new Refused('it was made by a newer version of Samizdat');
  if (!Array.isArray(manifest.entries) || !Array.isArray(manifest.versions) || !Array.isArray(manifest.images)) throw new Refused('its manifest is incomplete');
  manifest.entries.forEach(checkEntry);
  manifest.versions.forEach(checkVersion);
  const images = new Map<string, { type: string; blob: Blob }>();
  for (const img of manifest.images) {
    if (!img || !isStr(img.id) || !isStr(img.path) || !isStr(img.type)) throw new Refused('an image record is incomplete');
    const bytes = files[img.path];
    if (!bytes) throw new Refused(`an image is missing (${img.path})`);
    if ((await sha256Hex(bytes)) !== img.id) throw new Refused(`an image is damaged (${img.path})`);
    images.set(img.id, { type: img.type, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: img.type }) });
  }
  const urls = new Set(manifest.entries.map((e) => e.url));
  for (const v of manifest.versions) {
    if (!urls.has(v.url)) throw new Refused('a saved copy belongs to no article');
    for (const id of v.imageIds) if (!images.has(id)) throw new Refused('a saved copy refers to a missing image');
    if ((await sha256Hex(contentDigestInput(v))) !== v.sha256) throw new Refused(`the saved copy of ${v.url} does not match its SHA-256 (it was changed or damaged)`);
  }
  let settings: Record<string, unknown> | undefined;
  const settingsFile = files['settings.json'];
  if (settingsFile && readSettings) {
    let raw: unknown;
    try {
      raw = JSON.parse(strFromU8(settingsFile));
    } catch {
      throw new Refused('its settings are not valid JSON');
    }
    try {
      settings = readSettings(raw);
    } catch (error) {
      throw new Refused(error instanceof Error ? error.message : String(error));
    }
  }
  return { manifest, images, settings };
}

export async function importLibrary(file: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  let backup: Awaited<ReturnType<typeof readBackup>>;
  try {
    backup = await readBackup(file, options.readSettings);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: `This file cannot be imported: ${error.message}. Nothing was changed.` };
    return { ok: false, error: `This file cannot be imported (${String(error)}). Nothing was changed.` };
  }
  const { manifest, images } = backup;
  const db = await openLibrary(options.dbName);
  const tx = db.transaction(['entries', 'versions', 'images', 'texts', 'terms', 'meta'], 'readwrite');
  let articles = 0;
  let added = 0;
  let skipped = 0;
  try {
    const entries = tx.objectStore('entries');
    const versions = tx.objectStore('versions');
    const imageStore = tx.objectStore('images');
    const rev = await bumpRevision(tx);
    for (const incoming of manifest.entries) {
      const existing = await entries.get(incoming.url);
      const range = IDBKeyRange.bound([incoming.url, 0], [incoming.url, Number.MAX_SAFE_INTEGER]);
      const have = await versions.getAll(range);
      const shas = new Set(have.map((v) => v.sha256));
      const used = new Set(have.map((v) => v.version));
      let maxVersion = Math.max(0, ...used);
      const mine = manifest.versions.filter((v) => v.url === incoming.url).sort((a, b) => a.version - b.version);
      let addedHere = 0;
      for (const v of mine) {
        if (shas.has(v.sha256)) {
          skipped++;
          continue;
        }
        const version = used.has(v.version) ? ++maxVersion : v.version;
        used.add(version);
        maxVersion = Math.max(maxVersion, version);
        for (const id of v.imageIds) {
          const img = images.get(id)!;
          if (!(await imageStore.getKey(id))) await imageStore.put({ id, type: img.type, blob: img.blob });
        }
        await versions.put({ ...v, version });
        shas.add(v.sha256);
        addedHere++;
      }
      added += addedHere;
      if (!existing) {
        await entries.put({ ...incoming, trashedAt: null });
        articles++;
      } else if (addedHere || existing.trashedAt) {
        const all = await versions.getAll(range);
        const latest = all.reduce((a, b) => (a.version > b.version ? a : b));
        await entries.put({
          ...existing,
          aliases: [...new Set([...existing.aliases, ...incoming.aliases])],
          tags: [...new Set([...existing.tags, ...incoming.tags])],
          readAt: existing.readAt ?? incoming.readAt,
          latestVersion: latest.version,
          versionCount: all.length,
          firstSavedAt: existing.firstSavedAt < incoming.firstSavedAt ? existing.firstSavedAt : incoming.firstSavedAt,
          lastSavedAt: existing.lastSavedAt > incoming.lastSavedAt ? existing.lastSavedAt : incoming.lastSavedAt,
          trashedAt: null,
        });
      } else if (incoming.tags.some((t) => !existing.tags.includes(t))) {
        await entries.put({ ...existing, tags: [...new Set([...existing.tags, ...incoming.tags])] });
      }
      const entry = (await entries.get(incoming.url))!;
      const latest = await versions.get([entry.url, entry.latestVersion]);
      if (latest) await putSearchText(tx, entry, latest.article, rev);
    }
    await tx.done;
    return { ok: true, articles, versions: added, skipped, ...(backup.settings ? { settings: backup.settings } : {}) };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted.
    }
    await tx.done.catch(() => undefined);
    if (isQuotaError(error) || isQuotaError(tx.error)) return { ok: false, error: QUOTA_MESSAGE.replace('Not saved', 'Not imported') };
    return { ok: false, error: `The import failed (${error instanceof Error ? error.message : String(error)}). Nothing was changed.` };
  }
}
