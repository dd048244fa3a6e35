import { le16 } from './bytes.ts';
import { type HeaderInfo, type ImageSize, union } from './header-info.ts';

/** Skips a chain of data sub-blocks (length byte, data; a zero length ends it). Returns the index after it. */
function skipSubBlocks(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const n = b[i]!;
    i += 1 + n;
    if (n === 0) return i;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Reads the logical screen and walks every block: each frame's descriptor
 * counts, since a frame may reach past the screen (decoders then grow the
 * canvas or allocate the frame anyway). Truncated means the first frame,
 * the one the app uses, is cut off.
 */
export function readGif(b: Uint8Array): HeaderInfo {
  const sw = le16(b, 6);
  const sh = le16(b, 8);
  if (sw === undefined || sh === undefined || b.length < 13) return { size: null, truncated: true };
  let size: ImageSize = { width: sw, height: sh };
  const flags = b[10]!;
  let i = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
  let frames = 0;
  while (i < b.length) {
    const block = b[i]!;
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      i = skipSubBlocks(b, i + 2);
    } else if (block === 0x2c) {
      const left = le16(b, i + 1);
      const top = le16(b, i + 3);
      const fw = le16(b, i + 5);
      const fh = le16(b, i + 7);
      if (left === undefined || top === undefined || fw === undefined || fh === undefined || i + 10 > b.length) break;
      size = union(size, left + fw, top + fh);
      const local = b[i + 9]!;
      i += 10 + (local & 0x80 ? 3 << ((local & 7) + 1) : 0) + 1; // + LZW minimum code size
      i = skipSubBlocks(b, i);
      if (i <= b.length) frames++;
    } else {
      break; // not a block: decoders stop here too
    }
  }
  return { size, truncated: frames === 0 };
}
