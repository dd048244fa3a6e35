/**
 * Images for `npm run detect`, taken as the app takes them: by content (the
 * app's sniffing, src/image/format.ts), checked against the app's limits
 * and for truncation by walking the file's structure (src/image/inspect.ts)
 * before anything decodes it, then decoded with sharp the way a browser
 * shows the image: EXIF orientation applied (`image-orientation:
 * from-image`), transparency composited on white (src/image/flatten.ts),
 * sRGB, 8 bits, RGBA out.
 */
import sharp, { type OutputInfo } from 'sharp';
import { ALPHA_BACKGROUND } from '../../src/image/flatten.ts';
import { aFormat, type ImageFormat, sniffImageFormat } from '../../src/image/format.ts';
import { inspectImageBytes } from '../../src/image/inspect.ts';
import { MAX_FILE_BYTES, MAX_PIXELS, sizeProblem } from '../../src/image/limits.ts';
import { FORMAT_NAMES } from '../../src/image/format.ts';
import { errorText } from '../../src/util/errors.ts';

/** Formats both the app and sharp decode. */
const READABLE = new Set<ImageFormat>(['jpeg', 'png', 'gif', 'webp', 'avif']);
export const READABLE_NAMES = 'JPEG, PNG, WebP, GIF or AVIF';

/** Bytes enough to tell every readable format by its signature (an ISO media `ftyp` box lists its brands early). */
export const SNIFF_BYTES = 4096;

/** Why a file is not taken, from its first bytes; null when it looks like an image this tool reads. */
export function notAnImageReason(head: Uint8Array, size: number): string | null {
  if (size === 0) return 'empty (0 bytes)';
  const format = sniffImageFormat(head);
  if (READABLE.has(format)) return null;
  if (format === 'unknown') return 'not an image (its bytes match no image format)';
  if (format === 'svg')
    return `an SVG; this tool does not draw SVGs (the app does): convert it to PNG, or drop it on the app`;
  if (format === 'bmp' || format === 'ico')
    return `${aFormat(format)} image, which this tool cannot decode (the app can): convert it to PNG`;
  return `${aFormat(format)} image, which browsers cannot decode (and this tool, to give the app's results, does not): convert it to JPEG or PNG`;
}

export interface DecodedRgba {
  rgba: Uint8Array;
  /** As displayed: after EXIF orientation. */
  width: number;
  height: number;
}

/** A file this tool takes but cannot read: the message says what is wrong and what to do. */
export class ImageReadError extends Error {}

/** Checks the whole file as the app does, then decodes it; throws an ImageReadError with the reason. */
export async function decodeImageFile(bytes: Uint8Array): Promise<DecodedRgba> {
  if (bytes.length > MAX_FILE_BYTES)
    throw new ImageReadError(
      `${(bytes.length / 2 ** 20).toFixed(0)} MiB, over the app's limit of ${MAX_FILE_BYTES / 2 ** 20} MiB for an image file`,
    );
  const { format, size, truncated } = inspectImageBytes(bytes);
  const kind = FORMAT_NAMES[format];
  if (!READABLE.has(format)) throw new ImageReadError(notAnImageReason(bytes, bytes.length) ?? 'not an image');
  if (size) {
    const problem = sizeProblem(size.width, size.height);
    if (problem) throw new ImageReadError(`${problem}; scale it down first`);
  }
  if (truncated)
    throw new ImageReadError(`truncated (the ${kind} data stops before its end); download or export it again`);
  if (!size)
    throw new ImageReadError(
      `${aFormat(format)} file whose size cannot be read from its header; the file may be corrupt: convert it to JPEG or PNG`,
    );
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .flatten({ background: ALPHA_BACKGROUND })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new ImageReadError(
      `looks like ${aFormat(format)} file but could not be decoded (${errorText(e)}); the file may be corrupt`,
    );
  }
  const { width, height, channels } = out.info;
  const problem = sizeProblem(width, height);
  if (problem) throw new ImageReadError(`${problem}; scale it down first`);
  if (channels !== 4) throw new ImageReadError(`decoded to ${channels} channels instead of RGBA`);
  return { rgba: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length), width, height };
}
