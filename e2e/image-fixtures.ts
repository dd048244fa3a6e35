import { deflateSync } from 'node:zlib';

/** Tiny encoders so the hostile-image tests build exactly the files they need. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 8 | 16;
  /** Raw scanlines without filter bytes. */
  rows: (y: number) => Buffer;
  palette?: Buffer;
}

export function encodePng(s: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.width, 0);
  ihdr.writeUInt32BE(s.height, 4);
  ihdr[8] = s.bitDepth;
  ihdr[9] = s.colorType;
  const raw = Buffer.concat(Array.from({ length: s.height }, (_, y) => Buffer.concat([Buffer.from([0]), s.rows(y)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(s.palette ? [chunk('PLTE', s.palette)] : []),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** RGBA pixels (from a browser canvas) re-encoded as grey, palette or 16-bit PNGs. */
export function pngFromRgba(
  rgba: Uint8Array,
  width: number,
  height: number,
  kind: 'grey' | 'palette' | 'rgb16' | 'rgba-half-transparent',
): Buffer {
  const px = (x: number, y: number) => (y * width + x) * 4;
  if (kind === 'grey') {
    return encodePng({
      width,
      height,
      colorType: 0,
      bitDepth: 8,
      rows: (y) =>
        Buffer.from(
          Array.from({ length: width }, (_, x) => {
            const i = px(x, y);
            return Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
          }),
        ),
    });
  }
  if (kind === 'palette') {
    // 6x7x6 colour cube: coarse but keeps the scene recognisable.
    const palette = Buffer.alloc(252 * 3);
    for (let r = 0; r < 6; r++)
      for (let g = 0; g < 7; g++)
        for (let b = 0; b < 6; b++) {
          const k = (r * 42 + g * 6 + b) * 3;
          palette[k] = Math.round((r * 255) / 5);
          palette[k + 1] = Math.round((g * 255) / 6);
          palette[k + 2] = Math.round((b * 255) / 5);
        }
    return encodePng({
      width,
      height,
      colorType: 3,
      bitDepth: 8,
      palette,
      rows: (y) =>
        Buffer.from(
          Array.from({ length: width }, (_, x) => {
            const i = px(x, y);
            return (
              Math.round((rgba[i]! * 5) / 255) * 42 +
              Math.round((rgba[i + 1]! * 6) / 255) * 6 +
              Math.round((rgba[i + 2]! * 5) / 255)
            );
          }),
        ),
    });
  }
  if (kind === 'rgb16') {
    return encodePng({
      width,
      height,
      colorType: 2,
      bitDepth: 16,
      rows: (y) => {
        const row = Buffer.alloc(width * 6);
        for (let x = 0; x < width; x++)
          for (let c = 0; c < 3; c++) row.writeUInt16BE(rgba[px(x, y) + c]! * 257, x * 6 + c * 2);
        return row;
      },
    });
  }
  // Left half fully transparent (its RGB black), right half opaque.
  return encodePng({
    width,
    height,
    colorType: 6,
    bitDepth: 8,
    rows: (y) => {
      const row = Buffer.alloc(width * 4);
      for (let x = 0; x < width; x++) {
        if (x < width / 2) continue;
        for (let c = 0; c < 3; c++) row[x * 4 + c] = rgba[px(x, y) + c]!;
        row[x * 4 + 3] = 255;
      }
      return row;
    },
  });
}

/** A real, decodable 1-bit PNG whose header says 20000x20000 (400 MP): compresses to ~50 KB. */
export function hugePng(): Buffer {
  const w = 20000;
  const rowBytes = Math.ceil(w / 8);
  return encodePng({ width: w, height: w, colorType: 0, bitDepth: 1, rows: () => Buffer.alloc(rowBytes) });
}

/**
 * A two-frame GIF: frame 1 solid red, frame 2 solid blue. LZW written
 * "uncompressed": a clear code before the code table would grow.
 */
export function twoFrameGif(width: number, height: number): Buffer {
  const header = Buffer.from('GIF89a', 'ascii');
  const lsd = Buffer.from([width & 255, width >> 8, height & 255, height >> 8, 0xf0, 0, 0]);
  const palette = Buffer.from([255, 0, 0, 0, 0, 255]); // 2 colours: red, blue
  const loop = Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0]);
  const frame = (colour: number) => {
    const gce = Buffer.from([0x21, 0xf9, 4, 0, 10, 0, 0, 0]);
    const desc = Buffer.from([0x2c, 0, 0, 0, 0, width & 255, width >> 8, height & 255, height >> 8, 0]);
    const minCode = 2;
    const clear = 4;
    const eoi = 5;
    const codes: number[] = [clear];
    for (let i = 0; i < width * height; i++) {
      codes.push(colour);
      if (i % 2 === 1) codes.push(clear);
    }
    codes.push(eoi);
    const bytes: number[] = [];
    let acc = 0;
    let nbits = 0;
    for (const c of codes) {
      acc |= c << nbits;
      nbits += 3;
      while (nbits >= 8) {
        bytes.push(acc & 255);
        acc >>= 8;
        nbits -= 8;
      }
    }
    if (nbits) bytes.push(acc & 255);
    const blocks: number[] = [];
    for (let i = 0; i < bytes.length; i += 255) {
      const part = bytes.slice(i, i + 255);
      blocks.push(part.length, ...part);
    }
    return Buffer.concat([gce, desc, Buffer.from([minCode, ...blocks, 0])]);
  };
  return Buffer.concat([header, lsd, palette, loop, frame(0), frame(1), Buffer.from([0x3b])]);
}
