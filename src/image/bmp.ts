import { le16, le32, le32s } from './bytes.ts';
import type { ImageSize } from './header-info.ts';

/** DIB header sizes in use: OS/2 1.x (12), OS/2 2.x (16 or 64), Windows 3.x (40), v2/v3 (52, 56), v4 (108), v5 (124). */
const DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const BIT_DEPTHS = new Set([1, 2, 4, 8, 16, 24, 32, 64]);

/**
 * A BMP's size from its DIB header at `at` (14 in a .bmp, the entry's
 * offset in an ICO), or null when the bytes are not a valid header: text that
 * happens to start with "BM" is not a bitmap. OS/2 1.x headers keep 16-bit
 * sizes at other offsets than the Windows ones.
 */
export function dibSize(b: Uint8Array, at: number): ImageSize | null {
  const header = le32(b, at);
  if (header === undefined || !DIB_SIZES.has(header) || at + header > b.length) return null;
  const os2v1 = header === 12;
  const width = os2v1 ? le16(b, at + 4) : le32s(b, at + 4);
  const height = os2v1 ? le16(b, at + 6) : le32s(b, at + 8);
  const planes = le16(b, at + (os2v1 ? 8 : 12));
  const bits = le16(b, at + (os2v1 ? 10 : 14));
  if (width === undefined || height === undefined || planes !== 1 || bits === undefined || !BIT_DEPTHS.has(bits))
    return null;
  if (width <= 0 || height === 0) return null;
  // A negative height marks a top-down bitmap.
  return { width, height: Math.abs(height) };
}

/** A .bmp file: "BM", a file header whose pixel offset lies past the headers, then a valid DIB header. */
export function readBmpSize(b: Uint8Array): ImageSize | null {
  if (b[0] !== 0x42 || b[1] !== 0x4d) return null;
  const pixels = le32(b, 10);
  const header = le32(b, 14);
  if (pixels === undefined || header === undefined || pixels < 14 + header) return null;
  return dibSize(b, 14);
}
