import { aFormat, type ImageFormat, sniffImageFormat } from '../image/format.ts';

/** Enough of a file to tell every format by its signature (the CLI reads as much). */
export const SNIFF_BYTES = 4096;

const DECODABLE = new Set<ImageFormat>(['jpeg', 'png', 'gif', 'webp', 'bmp', 'avif', 'ico', 'svg']);

/**
 * Why a file of a batch is skipped, from its first bytes: it is not an image,
 * or one browsers cannot decode. Null when it looks like an image the app
 * reads; whether it really decodes is found when its turn comes (and if not,
 * it is a failure, listed with the decoder's reason).
 */
export function skipReason(head: Uint8Array, size: number): string | null {
  if (size === 0) return 'empty (0 bytes)';
  const format = sniffImageFormat(head);
  if (DECODABLE.has(format)) return null;
  if (format === 'unknown') return 'not an image (its bytes match no image format)';
  return `${aFormat(format)} image, which browsers cannot decode: convert it to JPEG or PNG`;
}
