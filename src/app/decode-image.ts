import { sniffImageFormat } from './image-format';

/** A refused image: the message says what is wrong and what to do. */
export class ImageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageInputError';
  }
}

/** Formats Chromium decodes with createImageBitmap. */
const DECODABLE = new Set(['jpeg', 'png', 'gif', 'webp', 'bmp', 'avif', 'ico']);

/**
 * Decodes a file into an EXIF-oriented bitmap (as the browser shows it), after
 * checking its first bytes so a wrong or unsupported file gets a clear message.
 */
export async function decodeImage(blob: Blob, name: string): Promise<ImageBitmap> {
  if (blob.size === 0) throw new ImageInputError(`${name} is empty (0 bytes); pick a JPEG, PNG, GIF, WebP or BMP image.`);
  const head = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  const format = sniffImageFormat(head);
  if (format === 'unknown') {
    throw new ImageInputError(`${name} is not an image this app can read (its bytes match no image format); pick a JPEG, PNG, GIF, WebP or BMP image.`);
  }
  if (!DECODABLE.has(format)) {
    throw new ImageInputError(`${name} is a ${format.toUpperCase()} image, which this browser cannot decode; convert it to JPEG or PNG first.`);
  }
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch (e) {
    throw new ImageInputError(
      `${name} looks like a ${format.toUpperCase()} file but could not be decoded (${e instanceof Error ? e.message : String(e)}); the file may be truncated or corrupt.`,
    );
  }
}
