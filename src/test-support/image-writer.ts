/**
 * Byte builders for image files in tests: each writes just the structure a
 * parser walks (headers, segments, chunks, boxes), so edge cases (a frame
 * header after 300 KB, an IEND inside compressed data) are built on purpose.
 */
export type Part = Uint8Array | readonly number[] | string;

/** Concatenates parts; strings are Latin-1 (one byte per character). */
export function bytes(...parts: Part[]): Uint8Array {
  const arrays = parts.map((p) =>
    typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0) & 0xff) : Uint8Array.from(p),
  );
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

export const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
export const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
export const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
export const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
export const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];

// JPEG ---------------------------------------------------------------------

/** A marker segment: FF, marker, 16-bit length (counting itself), payload. */
export const segment = (marker: number, payload: Part = []) => {
  const p = bytes(payload);
  return bytes([0xff, marker], be16(p.length + 2), p);
};
/** A frame header (SOF0 unless another SOF marker is given) for 3 components. */
export const sof = (width: number, height: number, marker = 0xc0) =>
  segment(marker, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
/** A scan: SOS header, then entropy-coded bytes as given (stuffed 0xFF00 and restart markers are the caller's). */
export const scan = (data: Part) => bytes(segment(0xda, [1, 1, 0, 0, 63, 0]), data);
/** An APP1 EXIF segment whose payload carries the given bytes (e.g. a thumbnail with its own FFD9). */
export const exif = (inner: Part) => segment(0xe1, bytes('Exif\0\0', inner));
export const SOI = [0xff, 0xd8];
export const EOI = [0xff, 0xd9];
/** Entropy-coded filler with stuffed 0xFF00 bytes and a restart marker, as real scans have. */
export const entropy = (n: number) =>
  bytes(
    Array.from({ length: n }, (_, i) => (i % 97 === 5 ? 0xff : (i * 31) & 0x7f)).flatMap((v) =>
      v === 0xff ? [0xff, 0] : [v],
    ),
    [0xff, 0xd3],
    [1, 2, 3],
  );
/** A minimal baseline JPEG structure (not decodable pixels: the parsers only walk structure). */
export const jpeg = (width: number, height: number, ...before: Part[]) =>
  bytes(
    SOI,
    segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    ...before,
    segment(0xdb, new Array(65).fill(1)),
    sof(width, height),
    segment(0xc4, new Array(20).fill(0)),
    scan(entropy(500)),
    EOI,
  );

// PNG ----------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
export const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const pngChunk = (type: string, data: Part = []) => {
  const td = bytes(type, data);
  return bytes(be32(td.length - 4), td, be32(crc32(td)));
};
export const ihdr = (width: number, height: number) =>
  pngChunk('IHDR', bytes(be32(width), be32(height), [8, 2, 0, 0, 0]));
export const png = (width: number, height: number, ...middle: Part[]) =>
  bytes(PNG_SIG, ihdr(width, height), ...middle, pngChunk('IDAT', [0x78, 0x9c, 3, 0, 0, 0, 0, 1]), pngChunk('IEND'));

// GIF ----------------------------------------------------------------------

/** An image descriptor with no colour table and one tiny data sub-block. */
export const gifFrame = (left: number, top: number, width: number, height: number) =>
  bytes([0x2c], le16(left), le16(top), le16(width), le16(height), [0], [2, 2, 0x4c, 0x01, 0]);
export const gif = (width: number, height: number, ...frames: Part[]) =>
  bytes('GIF89a', le16(width), le16(height), [0x80, 0, 0], [0, 0, 0, 255, 255, 255], ...frames, [0x3b]);

// BMP / ICO ----------------------------------------------------------------

/** A Windows BITMAPINFOHEADER-family DIB header of `size` bytes (40, 108, 124). */
export const dibHeader = (width: number, height: number, size = 40, bits = 24) =>
  bytes(le32(size), le32(width), le32(height >>> 0), le16(1), le16(bits), new Array(size - 16).fill(0));
/** OS/2 1.x BITMAPCOREHEADER: 16-bit sizes. */
export const os2v1Header = (width: number, height: number, bits = 24) =>
  bytes(le32(12), le16(width), le16(height), le16(1), le16(bits));
/** OS/2 2.x header: 16 or 64 bytes, 32-bit sizes like Windows. */
export const os2v2Header = (width: number, height: number, size: 16 | 64 = 64, bits = 24) =>
  bytes(le32(size), le32(width), le32(height), le16(1), le16(bits), new Array(size - 16).fill(0));
export const bmp = (dib: Uint8Array, pixels: Part = new Array(16).fill(0x80)) => {
  const p = bytes(pixels);
  return bytes('BM', le32(14 + dib.length + p.length), [0, 0, 0, 0], le32(14 + dib.length), dib, p);
};
/** An ICO whose entries list the given sizes and hold the given images. */
export const ico = (entries: { listed: [number, number]; data: Uint8Array }[]) => {
  let offset = 6 + 16 * entries.length;
  const dir = entries.map(({ listed, data }) => {
    const e = bytes([listed[0] & 255, listed[1] & 255, 0, 0], le16(1), le16(32), le32(data.length), le32(offset));
    offset += data.length;
    return e;
  });
  return bytes([0, 0], le16(1), le16(entries.length), ...dir, ...entries.map((e) => e.data));
};

// ISO BMFF (AVIF / HEIF) ---------------------------------------------------

export const box = (type: string, ...payload: Part[]) => {
  const p = bytes(...payload);
  return bytes(be32(p.length + 8), type, p);
};
export const fullBox = (type: string, version: number, flags: number, ...payload: Part[]) =>
  box(type, [version, (flags >>> 16) & 255, (flags >>> 8) & 255, flags & 255], ...payload);
export const ftyp = (major: string, ...compatible: string[]) => box('ftyp', major, be32(0), ...compatible);
export const ispe = (width: number, height: number) => fullBox('ispe', 0, 0, be32(width), be32(height));
/**
 * A HEIF meta box: `primary` is the pitm item, `properties` go into ipco in
 * order, `associations` map item ids to 1-based property indexes.
 */
export const heifMeta = (primary: number, properties: Uint8Array[], associations: [number, number[]][]) =>
  fullBox(
    'meta',
    0,
    0,
    fullBox('hdlr', 0, 0, be32(0), 'pict', new Array(12).fill(0), [0]),
    fullBox('pitm', 0, 0, be16(primary)),
    box(
      'iprp',
      box('ipco', ...properties),
      fullBox(
        'ipma',
        0,
        0,
        be32(associations.length),
        ...associations.map(([item, idx]) =>
          bytes(
            be16(item),
            [idx.length],
            idx.map((i) => 0x80 | i),
          ),
        ),
      ),
    ),
  );

// WebP ---------------------------------------------------------------------

export const riffChunk = (fourcc: string, data: Part) => {
  const d = bytes(data);
  return bytes(fourcc, le32(d.length), d, d.length & 1 ? [0] : []);
};
export const webp = (...chunks: Uint8Array[]) => {
  const body = bytes('WEBP', ...chunks);
  return bytes('RIFF', le32(body.length), body);
};
export const vp8x = (width: number, height: number) =>
  riffChunk('VP8X', bytes([0x02, 0, 0, 0], le24(width - 1), le24(height - 1)));
export const anmf = (x: number, y: number, width: number, height: number) =>
  riffChunk(
    'ANMF',
    bytes(le24(x / 2), le24(y / 2), le24(width - 1), le24(height - 1), [0, 0, 0, 0], new Array(8).fill(0)),
  );
export const vp8l = (width: number, height: number) => {
  const bits = (width - 1) | ((height - 1) << 14);
  return riffChunk('VP8L', bytes([0x2f], le32(bits >>> 0), new Array(10).fill(0)));
};
