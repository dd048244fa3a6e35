/** How big the result image is shown, in CSS pixels, and the canvas's backing store in device pixels. */
export interface DisplaySize {
  cssWidth: number;
  cssHeight: number;
  /** Backing store: CSS size × devicePixelRatio, whole pixels. */
  pixelWidth: number;
  pixelHeight: number;
  /** Canvas (device) pixels per image pixel: what drawDetections draws at. */
  scale: number;
}

/** Past 2× a small image is mostly blur; it is shown at most this many CSS pixels per image pixel. */
export const MAX_UPSCALE = 2;

/**
 * The largest size that fits the space (its column's width, the viewport's
 * height), keeps the image's aspect, and enlarges at most MAX_UPSCALE times.
 * The backing store is a whole number of device pixels and the CSS size is
 * derived from it, so one canvas pixel is exactly one screen pixel (crisp).
 */
export function displaySize(
  image: { width: number; height: number },
  space: { width: number; height: number },
  devicePixelRatio: number,
): DisplaySize {
  const dpr = devicePixelRatio > 0 && Number.isFinite(devicePixelRatio) ? devicePixelRatio : 1;
  const fit = Math.min(space.width / image.width, space.height / image.height, MAX_UPSCALE);
  const cssScale = fit > 0 && Number.isFinite(fit) ? fit : 0;
  // The epsilon keeps 973.9999999 (a float product meant as 974) from losing a whole pixel.
  const pixelWidth = Math.max(1, Math.floor(image.width * cssScale * dpr + 1e-6));
  const scale = pixelWidth / image.width;
  const pixelHeight = Math.max(1, Math.round(image.height * scale));
  return { cssWidth: pixelWidth / dpr, cssHeight: pixelHeight / dpr, pixelWidth, pixelHeight, scale };
}
