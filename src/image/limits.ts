import type { ImageSize } from './header-info.ts';

/** 64 megapixels decode to 256 MB of RGBA: about what a phone browser tab can hold twice. */
export const MAX_PIXELS = 64_000_000;
/** Longest side: canvases and textures past 16384 px fail or fall back to slow paths in browsers, whatever the area. */
export const MAX_SIDE = 16_384;
/** SVGs are drawn at their declared size scaled down to this longest side: a heavy filter costs with the area drawn. */
export const SVG_MAX_SIDE = 2048;
/** Files are read whole (to find their end), so the file itself is bounded too. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const megapixels = (px: number) => `${(px / 1e6).toFixed(px < 1e7 ? 1 : 0)} MP`;

/**
 * What is wrong with an image (or video frame) of this size, as the rest of
 * a sentence that starts with its name ("x.png is 20000x20000 (400 MP), over
 * …"); null when it is within the limits. The caller adds what to do.
 */
export function sizeProblem(width: number, height: number): string | null {
  if (!(width > 0 && height > 0)) return `has no pixels (${width}x${height})`;
  if (width * height > MAX_PIXELS)
    return `is ${width}x${height} (${megapixels(width * height)}), over this app's limit of ${megapixels(MAX_PIXELS)}`;
  if (width > MAX_SIDE || height > MAX_SIDE)
    return `is ${width}x${height}: its ${width > MAX_SIDE ? 'width' : 'height'} is over this app's limit of ${MAX_SIDE} px per side`;
  return null;
}

/** The size an SVG is drawn at: its declared size, scaled down (aspect kept) so the longest side is at most `maxSide`. */
export function svgRasterSize(declared: ImageSize, maxSide = SVG_MAX_SIDE): ImageSize {
  const scale = Math.min(1, maxSide / Math.max(declared.width, declared.height));
  return {
    width: Math.max(1, Math.round(declared.width * scale)),
    height: Math.max(1, Math.round(declared.height * scale)),
  };
}
