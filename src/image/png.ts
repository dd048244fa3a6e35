import { ascii, be32, startsWith } from './bytes.ts';
import type { HeaderInfo, ImageSize } from './header-info.ts';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * Walks PNG chunks by their lengths to IEND, so "IEND" bytes inside
 * compressed data or text chunks never pass for the end. The size is the
 * IHDR's (the first chunk of a valid PNG; an iPhone CgBI file has one chunk
 * before it, which browsers refuse later anyway).
 */
export function readPng(b: Uint8Array): HeaderInfo {
  let size: ImageSize | null = null;
  if (!startsWith(b, 0, PNG_SIGNATURE)) return { size, truncated: true };
  let i = 8;
  while (i + 8 <= b.length) {
    const len = be32(b, i)!;
    const type = ascii(b, i + 4, i + 8);
    // A length over 2^31 - 1 is invalid (PNG spec 5.3): no decoder reads past it.
    if (len > 0x7fffffff) return { size, truncated: true };
    const end = i + 12 + len;
    if (end > b.length) return { size, truncated: true };
    if (type === 'IHDR' && size === null && len >= 8) size = { width: be32(b, i + 8)!, height: be32(b, i + 12)! };
    if (type === 'IEND') return { size, truncated: false };
    i = end;
  }
  return { size, truncated: true };
}

/** Only a PNG's own IHDR, for embedded PNGs (ICO entries) whose end is not this file's end. */
export function pngHeaderSize(b: Uint8Array, at: number): ImageSize | null {
  if (!startsWith(b, at, PNG_SIGNATURE) || ascii(b, at + 12, at + 16) !== 'IHDR') return null;
  const width = be32(b, at + 16);
  const height = be32(b, at + 20);
  return width === undefined || height === undefined ? null : { width, height };
}
