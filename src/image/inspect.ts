import { type ImageFormat, sniffImageFormat } from './format.ts';
import { type ImageSize, looksTruncated, readImageSize } from './header.ts';

/** What is known about an image file before anything decodes it. */
export interface ImageInspection {
  format: ImageFormat;
  /** From the header; null when the format does not say. */
  size: ImageSize | null;
  truncated: boolean;
}

const HEAD_BYTES = 256 * 1024;
const TAIL_BYTES = 64 * 1024;

/** Reads format, size and completeness from the bytes. Runs in the parse worker (src/parse-worker/). */
export async function inspectImageFile(file: Blob): Promise<ImageInspection> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const format = sniffImageFormat(head);
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - TAIL_BYTES)).arrayBuffer());
  return { format, size: readImageSize(head, format), truncated: looksTruncated(tail, format) };
}
