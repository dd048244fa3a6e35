/** Thumbnails are this many px on their long side: a grid cell, never the image. */
export const THUMB_SIZE = 96;

/** The thumbnail's size: the long side THUMB_SIZE (never upscaled), the short side in proportion, at least 1 px. */
export function thumbSize(width: number, height: number, max = THUMB_SIZE): { width: number; height: number } {
  const k = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/**
 * Draws the thumbnail now (the bitmap is about to be handed to the worker)
 * and returns a function that encodes it as a small JPEG object URL later.
 * A JPEG blob of a few KB lives outside the JS heap; an ImageBitmap of every
 * image would hold its pixels.
 */
export function drawThumbnail(bitmap: ImageBitmap): () => Promise<string | null> {
  const size = thumbSize(bitmap.width, bitmap.height);
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return async () => null;
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(bitmap, 0, 0, size.width, size.height);
  return async () => {
    try {
      return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.75 }));
    } catch {
      return null; // the grid shows the name instead; the result itself is not affected
    }
  };
}
