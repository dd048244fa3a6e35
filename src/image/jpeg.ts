import { be16 } from './bytes.ts';
import { type HeaderInfo, type ImageSize, union } from './header-info.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

/** Markers that carry no length: SOI, EOI, RST0–7, TEM. */
function isStandalone(m: number): boolean {
  return m === SOI || m === EOI || (m >= 0xd0 && m <= 0xd7) || m === 0x01;
}

/**
 * Walks a JPEG as libjpeg reads it: segment by segment (by length, so bytes
 * inside EXIF or ICC data are never taken for markers), through each scan's
 * entropy-coded data, to the EOI that ends the primary image. Whatever
 * follows that EOI (a motion photo's video, MPF images) is not read. Like
 * libjpeg, stray bytes between segments and 0xFF fill bytes are skipped, so
 * a frame header the browser would find is found here too, wherever it is.
 */
export function readJpeg(b: Uint8Array): HeaderInfo {
  let size: ImageSize | null = null;
  const cut = (): HeaderInfo => ({ size, truncated: true });
  if (b[0] !== 0xff || b[1] !== SOI) return cut();
  let i = 2;
  for (;;) {
    // next_marker(): skip anything up to an 0xFF, then any fill 0xFFs.
    i = b.indexOf(0xff, i);
    if (i < 0) return cut();
    while (b[i] === 0xff) i++;
    if (i >= b.length) return cut();
    const m = b[i++]!;
    if (m === 0x00) continue; // a stuffed FF00 outside a scan: junk libjpeg skips
    if (m === EOI) return { size, truncated: false };
    if (isStandalone(m)) continue;
    const len = be16(b, i);
    if (len === undefined || len < 2 || i + len > b.length) return cut();
    if (isStartOfFrame(m)) {
      const height = be16(b, i + 3);
      const width = be16(b, i + 5);
      // Only one frame header is legal; a later one cannot shrink what the first said.
      if (height !== undefined && width !== undefined) size = union(size, width, height);
    }
    i += len;
    if (m === SOS) {
      i = endOfScan(b, i);
      if (i >= b.length) return cut();
    }
  }
}

/**
 * Entropy-coded data ends at the first 0xFF followed by a marker other than
 * a stuffed zero or a restart marker (fill 0xFFs may come before it).
 * Returns the index of that 0xFF, or the length when the data runs out.
 */
function endOfScan(b: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = b.indexOf(0xff, i);
    if (i < 0 || i + 1 >= b.length) return b.length;
    const next = b[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i++;
    else return i;
  }
}
