import { megapixels } from '../image/limits.ts';

/**
 * Video frames are decoded, drawn and re-encoded one after another at full
 * size, a few at a time in flight: 4096 px a side and H.264 level 5.1's
 * 4096x2304 (9.4 MP) cover 4K UHD and DCI 4K, and keep the encoder and the
 * frames in flight within what a laptop's browser holds. 8K (33 MP) is over.
 */
export const MAX_VIDEO_SIDE = 4096;
export const MAX_VIDEO_PIXELS = 4096 * 2304;

/** Like sizeProblem for images: the rest of a sentence that starts with the video's name, or null. */
export function videoSizeProblem(width: number, height: number): string | null {
  if (!(width > 0 && height > 0)) return `has frames of no size (${width}x${height})`;
  if (width > MAX_VIDEO_SIDE || height > MAX_VIDEO_SIDE || width * height > MAX_VIDEO_PIXELS) {
    return `has ${width}x${height} frames (${megapixels(width * height)}), over this app's video limit of ${MAX_VIDEO_SIDE}x2304 (${megapixels(MAX_VIDEO_PIXELS)}, 4K)`;
  }
  return null;
}
