/** Saving a file from the library page, and turning images into EPUB-safe formats. */
import type { ImageBytes } from '../../storage/exportable.js';

export function download(data: Uint8Array | string, fileName: string, type: string): void {
  const blob = new Blob([typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** WebP, AVIF, BMP… → PNG (keeps transparency) or JPEG, through a canvas. */
export async function toCoreImage(image: ImageBytes): Promise<ImageBytes | null> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  const bitmap = await createImageBitmap(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const type = image.type === 'image/webp' || image.type === 'image/avif' ? 'image/png' : 'image/jpeg';
  const blob = await canvas.convertToBlob({ type, quality: 0.88 });
  return { id: image.id, type: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) };
}
