/** Loading a saved copy with its image bytes, for the exports and the backup. */
import { getImages } from './library.js';
import { openLibrary, type EntryRecord, type VersionRecord } from './schema.js';
import { findEntry } from './library.js';

export interface ImageBytes {
  id: string;
  type: string;
  bytes: Uint8Array;
}

export interface Exportable {
  entry: EntryRecord;
  record: VersionRecord;
  images: Map<string, ImageBytes>;
}

export async function loadExportable(url: string, version?: number, options: { dbName?: string } = {}): Promise<Exportable | null> {
  const entry = await findEntry(url, options);
  if (!entry) return null;
  const db = await openLibrary(options.dbName);
  const record = await db.get('versions', [entry.url, version ?? entry.latestVersion]);
  if (!record) return null;
  const stored = await getImages(db, record.imageIds);
  const images = new Map<string, ImageBytes>();
  for (const [id, image] of stored) images.set(id, { id, type: image.type, bytes: new Uint8Array(await image.blob.arrayBuffer()) });
  return { entry, record, images };
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function extensionFor(type: string): string {
  const map: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/svg+xml': 'svg', 'image/bmp': 'bmp' };
  return map[type] ?? 'bin';
}

/** A file name from a title: letters of any script kept, at most 80 characters. */
export function fileNameFor(title: string, ext: string): string {
  const base = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'article';
  return `${base}.${ext}`;
}

export interface ProvenanceRow {
  label: string;
  value: string;
  href?: string;
}

export function provenanceRows(e: Exportable): ProvenanceRow[] {
  const r = e.record;
  const rows: ProvenanceRow[] = [
    { label: 'Source URL', value: r.sourceUrl, href: r.sourceUrl },
    { label: 'Final URL', value: r.finalUrl, href: r.finalUrl },
    { label: 'Canonical URL', value: r.url, href: r.url },
    { label: 'Saved', value: r.savedAt },
    { label: 'HTTP status', value: r.httpStatus === null ? 'unknown' : String(r.httpStatus) },
    { label: 'SHA-256 of the saved content', value: r.sha256 },
    { label: 'Version', value: `${r.version} of ${e.entry.versionCount}` },
  ];
  if (r.waybackCaptureUrl) rows.push({ label: 'Wayback Machine capture', value: r.waybackCaptureUrl, href: r.waybackCaptureUrl });
  if (r.failures.length) rows.push({ label: 'Images not saved', value: r.failures.map((f) => `${f.url} (${f.reason})`).join('; ') });
  return rows;
}
