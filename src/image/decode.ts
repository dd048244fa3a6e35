import { errorText } from '../util/errors.ts';
import { flattenOnBackground } from './flatten.ts';
import { aFormat, FORMAT_NAMES, type ImageFormat } from './format.ts';
import { ImageInputError } from './image-error.ts';
import { type ImageInspection, inspectImageFile } from './inspect.ts';
import { MAX_FILE_BYTES, sizeProblem } from './limits.ts';
import { decodeSvg } from './svg-decode.ts';

const DECODABLE = new Set<ImageFormat>(['jpeg', 'png', 'gif', 'webp', 'bmp', 'avif', 'ico', 'svg']);
const MAY_HAVE_ALPHA = new Set<ImageFormat>(['png', 'gif', 'webp', 'avif', 'ico', 'bmp']);
const PICK = 'pick a JPEG, PNG, GIF, WebP or BMP image';

/** A decoded image and, when how it was drawn is worth saying (an SVG's raster size), a sentence for the status line. */
export interface DecodedImage {
  bitmap: ImageBitmap;
  note: string;
}

function checkSize(name: string, width: number, height: number): void {
  const problem = sizeProblem(width, height);
  if (problem)
    throw new ImageInputError(
      `${name} ${problem}; ${width > 0 && height > 0 ? 'scale it down first' : 'pick another image'}.`,
    );
}

/**
 * Decodes a file into an EXIF-oriented bitmap (as the browser shows it).
 * The format is sniffed and the size read from the file's structure first
 * (`inspect`: the app runs it in the parse worker), so wrong, unsupported,
 * truncated, unsizeable or oversized files get a clear message instead of a
 * hang or a wrong result; the decoded bitmap is checked again.
 */
export async function decodeImage(
  blob: Blob,
  name: string,
  inspect: (file: Blob) => Promise<ImageInspection> = inspectImageFile,
): Promise<DecodedImage> {
  if (blob.size === 0) throw new ImageInputError(`${name} is empty (0 bytes); ${PICK}.`);
  if (blob.size > MAX_FILE_BYTES) {
    throw new ImageInputError(
      `${name} is ${(blob.size / 2 ** 20).toFixed(0)} MiB, over this app's limit of ${MAX_FILE_BYTES / 2 ** 20} MiB for an image file; ${PICK}.`,
    );
  }
  const { format, size, truncated, svgMarkup } = await inspect(blob);
  const kind = FORMAT_NAMES[format];
  if (format === 'unknown') {
    throw new ImageInputError(`${name} is not an image this app can read (its bytes match no image format); ${PICK}.`);
  }
  if (!DECODABLE.has(format)) {
    throw new ImageInputError(
      `${name} is ${aFormat(format)} image, which this browser cannot decode; convert it to JPEG or PNG first.`,
    );
  }
  if (size) checkSize(name, size.width, size.height);
  if (truncated) {
    throw new ImageInputError(
      `${name} is truncated (the ${kind} data stops before its end); download or export it again.`,
    );
  }
  if (!size) {
    throw new ImageInputError(
      format === 'svg'
        ? `${name}: the SVG has no width, height or viewBox, so it has no size to draw at; add width and height.`
        : `${name} is ${aFormat(format)} image whose size this app cannot read from its header, so it cannot be checked against the limits; convert it to JPEG or PNG first.`,
    );
  }
  let decoded: DecodedImage;
  try {
    decoded =
      format === 'svg'
        ? await decodeSvg(svgMarkup ?? '', name, size)
        : { bitmap: await createImageBitmap(blob, { imageOrientation: 'from-image' }), note: '' };
  } catch (e) {
    if (e instanceof ImageInputError) throw e;
    throw new ImageInputError(
      `${name} looks like ${aFormat(format)} file but could not be decoded (${errorText(e)}); the file may be corrupt.`,
    );
  }
  try {
    checkSize(name, decoded.bitmap.width, decoded.bitmap.height);
  } catch (e) {
    decoded.bitmap.close();
    throw e;
  }
  return MAY_HAVE_ALPHA.has(format) ? { ...decoded, bitmap: flattenOnBackground(decoded.bitmap) } : decoded;
}
