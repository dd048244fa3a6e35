import { ascii, le16, le24, le32 } from './bytes.ts';
import { type HeaderInfo, type ImageSize, union } from './header-info.ts';

/** The size a VP8 or VP8L bitstream says, from its chunk data at `data`. */
function bitstreamSize(b: Uint8Array, fourcc: string, data: number): ImageSize | null {
  if (fourcc === 'VP8 ') {
    if (b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a) return null;
    const w = le16(b, data + 6);
    const h = le16(b, data + 8);
    return w === undefined || h === undefined ? null : { width: w & 0x3fff, height: h & 0x3fff };
  }
  if (fourcc === 'VP8L') {
    const bits = le32(b, data + 1);
    if (b[data] !== 0x2f || bits === undefined) return null;
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return null;
}

/**
 * Walks the RIFF chunks: a simple file's VP8/VP8L bitstream, or an extended
 * file's canvas (VP8X) together with every animation frame and bitstream in
 * it. Truncated means the first image's data is cut off.
 */
export function readWebp(b: Uint8Array): HeaderInfo {
  let size: ImageSize | null = null;
  let firstImageComplete: boolean | null = null;
  let i = 12;
  while (i + 8 <= b.length) {
    const fourcc = ascii(b, i, i + 4);
    const len = le32(b, i + 4)!;
    const data = i + 8;
    const end = data + len;
    if (fourcc === 'VP8X') {
      const w = le24(b, data + 4);
      const h = le24(b, data + 7);
      if (w !== undefined && h !== undefined) size = union(size, w + 1, h + 1);
    } else if (fourcc === 'VP8 ' || fourcc === 'VP8L') {
      const s = bitstreamSize(b, fourcc, data);
      if (s) size = union(size, s.width, s.height);
      firstImageComplete ??= end <= b.length;
    } else if (fourcc === 'ANMF') {
      const x = le24(b, data);
      const y = le24(b, data + 3);
      const w = le24(b, data + 6);
      const h = le24(b, data + 9);
      if (x !== undefined && y !== undefined && w !== undefined && h !== undefined)
        size = union(size, 2 * x + w + 1, 2 * y + h + 1);
      firstImageComplete ??= end <= b.length;
    }
    i = end + (len & 1);
  }
  return { size, truncated: firstImageComplete !== true };
}
