import { errorText } from '../util/errors.ts';
import type { ImageFormat } from './format.ts';
import { type ImageInspection, inspectImageFile } from './inspect.ts';

/** A refused image: the message says what is wrong and what to do. */
export class ImageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageInputError';
  }
}

/** 64 megapixels decode to 256 MB of RGBA: about what a phone browser tab can hold twice. */
export const MAX_PIXELS = 64_000_000;
/** Transparent pixels are composited on white before detection (and shown so). */
export const ALPHA_BACKGROUND = '#ffffff';

const DECODABLE = new Set<ImageFormat>(['jpeg', 'png', 'gif', 'webp', 'bmp', 'avif', 'ico', 'svg']);
const MAY_HAVE_ALPHA = new Set<ImageFormat>(['png', 'gif', 'webp', 'avif', 'ico', 'svg', 'bmp']);

const mp = (px: number) => `${(px / 1e6).toFixed(px < 1e7 ? 1 : 0)} MP`;

function checkPixels(name: string, width: number, height: number): void {
  if (width === 0 || height === 0)
    throw new ImageInputError(`${name} has no pixels (${width}x${height}); pick another image.`);
  if (width * height > MAX_PIXELS) {
    throw new ImageInputError(
      `${name} is ${width}x${height} (${mp(width * height)}), over this app's limit of ${mp(MAX_PIXELS)}; scale it down first.`,
    );
  }
}

/**
 * Decodes a file into an EXIF-oriented bitmap (as the browser shows it). The
 * format is sniffed from the bytes and the size read from the header first
 * (`inspect`: the app runs it in the parse worker), so wrong, unsupported,
 * truncated or oversized files get a clear message instead of a hang or a
 * wrong result.
 */
export async function decodeImage(
  blob: Blob,
  name: string,
  inspect: (file: Blob) => Promise<ImageInspection> = inspectImageFile,
): Promise<ImageBitmap> {
  if (blob.size === 0)
    throw new ImageInputError(`${name} is empty (0 bytes); pick a JPEG, PNG, GIF, WebP or BMP image.`);
  const { format, size, truncated } = await inspect(blob);
  if (format === 'unknown') {
    throw new ImageInputError(
      `${name} is not an image this app can read (its bytes match no image format); pick a JPEG, PNG, GIF, WebP or BMP image.`,
    );
  }
  if (!DECODABLE.has(format)) {
    throw new ImageInputError(
      `${name} is a ${format.toUpperCase()} image, which this browser cannot decode; convert it to JPEG or PNG first.`,
    );
  }
  if (size) checkPixels(name, size.width, size.height);
  if (truncated) {
    throw new ImageInputError(
      `${name} is truncated (the ${format.toUpperCase()} data stops before its end marker); download or export it again.`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap =
      format === 'svg'
        ? await decodeSvg(blob, name, size)
        : await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch (e) {
    if (e instanceof ImageInputError) throw e;
    throw new ImageInputError(
      `${name} looks like a ${format.toUpperCase()} file but could not be decoded (${errorText(e)}); the file may be corrupt.`,
    );
  }
  try {
    checkPixels(name, bitmap.width, bitmap.height);
  } catch (e) {
    bitmap.close();
    throw e;
  }
  return MAY_HAVE_ALPHA.has(format) ? flattenOnBackground(bitmap) : bitmap;
}

function flattenOnBackground(bitmap: ImageBitmap): ImageBitmap {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return bitmap;
  ctx.fillStyle = ALPHA_BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.transferToImageBitmap();
}

/**
 * SVG is rendered through an <img>, which runs no scripts and loads nothing
 * external, then rasterised; its markup never enters the document. Chromium
 * marks an SVG with <foreignObject> as cross-origin ("tainted"), which would
 * make its pixels unreadable, so those elements (and scripts) are dropped
 * first, in a detached XML document.
 */
async function decodeSvg(
  blob: Blob,
  name: string,
  size: { width: number; height: number } | null,
): Promise<ImageBitmap> {
  const doc = new DOMParser().parseFromString(withoutEventHandlers(await blob.text()), 'image/svg+xml');
  if (doc.getElementsByTagName('parsererror').length > 0 || doc.documentElement.nodeName.toLowerCase() !== 'svg') {
    throw new ImageInputError(`${name}: the SVG is not well-formed XML, so it cannot be drawn; fix or re-export it.`);
  }
  for (const el of Array.from(doc.querySelectorAll('foreignObject, script'))) el.remove();

  const clean = new XMLSerializer().serializeToString(doc);
  const url = URL.createObjectURL(new Blob([clean], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const width = img.naturalWidth || size?.width || 0;
    const height = img.naturalHeight || size?.height || 0;
    if (!width || !height)
      throw new ImageInputError(
        `${name}: the SVG has no width, height or viewBox, so it has no size to render at; add width and height.`,
      );
    return await createImageBitmap(img, { resizeWidth: width, resizeHeight: height });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Handlers never run in an <img>, but DOMParser already checks them against
 * the page's CSP and logs a violation, so they are cut from the text first.
 */
function withoutEventHandlers(svg: string): string {
  const handler = /(<[^>]*?)\s+on[a-z-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
  let prev: string;
  do {
    prev = svg;
    svg = svg.replace(handler, '$1');
  } while (svg !== prev);
  return svg;
}
