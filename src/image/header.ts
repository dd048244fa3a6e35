import type { ImageFormat } from './format.ts';

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Reads an image's pixel size from its header, before any decoding, so a
 * decompression bomb (a tiny file claiming 20000x20000) is refused cheaply.
 * Returns null when the header does not say (the decoder then decides).
 */
export function readImageSize(b: Uint8Array, format: ImageFormat): ImageSize | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const has = (n: number) => b.length >= n;
  switch (format) {
    case 'png':
      return has(24) ? { width: dv.getUint32(16), height: dv.getUint32(20) } : null;
    case 'gif':
      return has(10) ? { width: dv.getUint16(6, true), height: dv.getUint16(8, true) } : null;
    case 'bmp':
      return has(26) ? { width: Math.abs(dv.getInt32(18, true)), height: Math.abs(dv.getInt32(22, true)) } : null;
    case 'ico':
      return has(8) ? { width: b[6] || 256, height: b[7] || 256 } : null;
    case 'webp':
      return webpSize(b, dv);
    case 'jpeg':
      return jpegSize(b, dv);
    case 'avif':
    case 'heic':
      return ispeSize(b, dv);
    case 'svg':
      return svgSize(new TextDecoder().decode(b.subarray(0, 4096)));
    default:
      return null;
  }
}

function webpSize(b: Uint8Array, dv: DataView): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (chunk === 'VP8 ') return { width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const b0 = b[21]!,
      b1 = b[22]!,
      b2 = b[23]!,
      b3 = b[24]!;
    return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
  }
  if (chunk === 'VP8X') {
    return {
      width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)),
      height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)),
    };
  }
  return null;
}

/** Walks JPEG markers to the first start-of-frame, which holds the size. */
function jpegSize(b: Uint8Array, dv: DataView): ImageSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { width: dv.getUint16(i + 7), height: dv.getUint16(i + 5) };
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    i += 2 + dv.getUint16(i + 2);
  }
  return null;
}

/** AVIF/HEIF keep the size in an `ispe` box. */
function ispeSize(b: Uint8Array, dv: DataView): ImageSize | null {
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] === 0x69 && b[i + 1] === 0x73 && b[i + 2] === 0x70 && b[i + 3] === 0x65) {
      return { width: dv.getUint32(i + 8), height: dv.getUint32(i + 12) };
    }
  }
  return null;
}

function svgSize(text: string): ImageSize | null {
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!tag) return null;
  const attr = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)\\s*(px)?\\s*["']`, 'i').exec(tag)?.[1];
  const w = attr('width');
  const h = attr('height');
  if (w && h) return { width: Math.round(Number(w)), height: Math.round(Number(h)) };
  const vb = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(tag);
  return vb ? { width: Math.round(Number(vb[1])), height: Math.round(Number(vb[2])) } : null;
}

/**
 * A JPEG ends with FFD9 and a PNG with an IEND chunk; browsers paint a
 * truncated file's missing part grey instead of failing, which would give
 * wrong boxes, so the app checks the tail itself.
 */
export function looksTruncated(tail: Uint8Array, format: ImageFormat): boolean {
  if (format === 'jpeg') {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
    return true;
  }
  if (format === 'png') {
    const iend = [0x49, 0x45, 0x4e, 0x44];
    for (let i = tail.length - 4; i >= 0; i--) if (iend.every((c, k) => tail[i + k] === c)) return false;
    return true;
  }
  return false;
}
