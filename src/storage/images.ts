/**
 * Fetching an article's images before anything is written. Runs wherever the caller runs: the
 * background (Chrome's service worker, Firefox's background page) or an extension page — all of
 * them hold the host permissions, so the page's own image URLs are fetched without CORS limits.
 * Each image is capped in size and time; what could not be fetched is recorded, never fatal.
 */
import { sha256Hex } from './hash.js';
import type { ImageFailure } from './schema.js';

export interface FetchedImage {
  url: string;
  id: string;
  blob: Blob;
  type: string;
}

export interface ImageFetchOptions {
  /** Largest image kept, in bytes (after any downscaling). */
  maxBytes?: number;
  /** Largest total for one article. */
  maxTotalBytes?: number;
  timeoutMs?: number;
  /**
   * The whole image phase of one save: images still coming when it runs out are dropped and
   * recorded as 'timeout', so a slow site delays a save by at most this and never loses its text
   * (the reader gives a save 15 s in all).
   */
  budgetMs?: number;
  concurrency?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** Re-encode large images to at most this width when the context can (OffscreenCanvas). */
  maxWidth?: number;
}

export const IMAGE_DEFAULTS = { maxBytes: 8 * 1024 * 1024, maxTotalBytes: 60 * 1024 * 1024, timeoutMs: 20000, budgetMs: 10000, concurrency: 4, maxWidth: 1600 };

const IMAGE_TYPE = /^image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml|x-icon|vnd\.microsoft\.icon)$/i;

/** The image type from the bytes themselves (servers often send a wrong Content-Type). */
export function sniffImageType(bytes: Uint8Array): string | null {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  if (b[4] === 0x66 && b[5] === 0x74 && b[6] === 0x79 && b[7] === 0x70 && b[8] === 0x61 && b[9] === 0x76 && b[10] === 0x69) return 'image/avif';
  if (b[0] === 0x42 && b[1] === 0x4d) return 'image/bmp';
  const head = new TextDecoder().decode(b.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  return null;
}

async function readCapped(response: Response, cap: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > cap) return null;
  if (!response.body) {
    const buf = new Uint8Array(await response.arrayBuffer());
    return buf.byteLength > cap ? null : buf;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Downscales a large raster image to maxWidth and re-encodes it (WebP, else JPEG) when the
 * context has OffscreenCanvas; keeps the original whenever that is not smaller.
 */
async function shrink(bytes: Uint8Array, type: string, maxWidth: number): Promise<{ bytes: Uint8Array; type: string }> {
  const g = globalThis as unknown as { OffscreenCanvas?: typeof OffscreenCanvas; createImageBitmap?: typeof createImageBitmap };
  if (!g.OffscreenCanvas || !g.createImageBitmap || type === 'image/svg+xml' || type === 'image/gif') return { bytes, type };
  if (bytes.byteLength < 150 * 1024) return { bytes, type };
  try {
    const bitmap = await g.createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    const scale = Math.min(1, maxWidth / bitmap.width);
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new g.OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    if (!ctx) return { bytes, type };
    ctx.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const keepAlpha = type === 'image/png' || type === 'image/webp';
    let blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.82 });
    if (blob.type !== 'image/webp') blob = await canvas.convertToBlob({ type: keepAlpha ? 'image/png' : 'image/jpeg', quality: 0.85 });
    if (blob.size >= bytes.byteLength) return { bytes, type };
    return { bytes: new Uint8Array(await blob.arrayBuffer()), type: blob.type };
  } catch {
    return { bytes, type };
  }
}

async function fetchOne(url: string, opts: Required<Omit<ImageFetchOptions, 'fetchImpl'>> & { fetchImpl: typeof fetch }, deadline: number): Promise<FetchedImage | ImageFailure> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, Math.min(opts.timeoutMs, deadline - Date.now())));
  try {
    const response = await opts.fetchImpl(url, { signal: controller.signal, credentials: 'include', cache: 'force-cache' });
    if (!response.ok) return { url, reason: `http-${response.status}` };
    // Read up to 4x the cap: large originals may still shrink below it.
    const raw = await readCapped(response, opts.maxBytes * 4);
    if (!raw) return { url, reason: 'too-large' };
    if (raw.byteLength === 0) return { url, reason: 'empty' };
    const header = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const type = sniffImageType(raw) ?? (IMAGE_TYPE.test(header) ? header : null);
    if (!type) return { url, reason: 'not-an-image' };
    const small = await shrink(raw, type, opts.maxWidth);
    if (small.bytes.byteLength > opts.maxBytes) return { url, reason: 'too-large' };
    const id = await sha256Hex(small.bytes);
    return { url, id, type: small.type, blob: new Blob([small.bytes as Uint8Array<ArrayBuffer>], { type: small.type }) };
  } catch {
    return { url, reason: controller.signal.aborted ? 'timeout' : 'network-error' };
  } finally {
    clearTimeout(timer);
  }
}

export async function fetchImages(urls: string[], options: ImageFetchOptions = {}): Promise<{ images: FetchedImage[]; failures: ImageFailure[] }> {
  const opts = { ...IMAGE_DEFAULTS, ...options, fetchImpl: options.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a)) };
  const results: (FetchedImage | ImageFailure)[] = new Array(urls.length);
  const deadline = Date.now() + opts.budgetMs;
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      // Out of time: the images not yet started are not fetched at all.
      results[i] = Date.now() >= deadline ? { url: urls[i]!, reason: 'timeout' } : await fetchOne(urls[i]!, opts, deadline);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, urls.length) }, worker));
  const images: FetchedImage[] = [];
  const failures: ImageFailure[] = [];
  let total = 0;
  for (const r of results) {
    if ('reason' in r) failures.push(r);
    else if (total + r.blob.size > opts.maxTotalBytes) failures.push({ url: r.url, reason: 'article-too-large' });
    else {
      total += r.blob.size;
      images.push(r);
    }
  }
  return { images, failures };
}
