/** Transparent pixels are composited on white before detection (and shown so). */
export const ALPHA_BACKGROUND = '#ffffff';

/** The bitmap drawn over the background colour; the original is closed. */
export function flattenOnBackground(bitmap: ImageBitmap): ImageBitmap {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return bitmap;
  ctx.fillStyle = ALPHA_BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.transferToImageBitmap();
}
