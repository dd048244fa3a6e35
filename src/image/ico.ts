import { le16, le32 } from './bytes.ts';
import { dibSize } from './bmp.ts';
import { type HeaderInfo, type ImageSize, union } from './header-info.ts';
import { pngHeaderSize } from './png.ts';

export interface IcoEntry {
  /** From the directory (0 means 256). */
  listed: ImageSize;
  /** From the entry's own PNG or DIB header, when readable. */
  actual: ImageSize | null;
}

/**
 * The directory of an ICO (type 1) or CUR (type 2) file, or null when the
 * bytes are not one: reserved 0, at least one entry, every entry's data inside the file.
 */
export function icoEntries(b: Uint8Array): IcoEntry[] | null {
  const count = le16(b, 4);
  if (le16(b, 0) !== 0 || (le16(b, 2) !== 1 && le16(b, 2) !== 2) || !count) return null;
  const dirEnd = 6 + 16 * count;
  if (dirEnd > b.length) return null;
  const entries: IcoEntry[] = [];
  for (let k = 0; k < count; k++) {
    const e = 6 + 16 * k;
    const bytes = le32(b, e + 8)!;
    const offset = le32(b, e + 12)!;
    if (offset < dirEnd || bytes === 0 || offset >= b.length) return null;
    let actual = pngHeaderSize(b, offset);
    if (!actual) {
      const dib = dibSize(b, offset);
      // An ICO's DIB height counts the colour and the mask rows together.
      actual = dib && { width: dib.width, height: Math.ceil(dib.height / 2) };
    }
    entries.push({ listed: { width: b[e] || 256, height: b[e + 1] || 256 }, actual });
  }
  return entries;
}

/**
 * Every entry counts, each at the larger of what the directory says and
 * what its own header says: the browser picks an entry by the directory and
 * then decodes the embedded image at its real size.
 */
export function readIco(b: Uint8Array): HeaderInfo {
  const entries = icoEntries(b);
  if (!entries) return { size: null, truncated: false };
  let size: ImageSize | null = null;
  for (const { listed, actual } of entries) {
    size = union(size, listed.width, listed.height);
    if (actual) size = union(size, actual.width, actual.height);
  }
  return { size, truncated: false };
}
