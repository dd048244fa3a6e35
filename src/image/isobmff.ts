import { ascii, be16, be32 } from './bytes.ts';
import type { ImageSize } from './header-info.ts';

interface Box {
  type: string;
  /** First byte of the payload (after the header). */
  data: number;
  end: number;
}

/**
 * The boxes in [from, to), in order; stops at the first box whose header or
 * length does not fit (a 64-bit length past 2^53 cannot be in a file anyway).
 */
function boxes(b: Uint8Array, from: number, to: number, max = Number.POSITIVE_INFINITY): Box[] {
  const out: Box[] = [];
  let i = from;
  while (i + 8 <= to && out.length < max) {
    let size = be32(b, i)!;
    const type = ascii(b, i + 4, i + 8);
    let data = i + 8;
    if (size === 1) {
      const hi = be32(b, i + 8);
      const lo = be32(b, i + 12);
      if (hi === undefined || lo === undefined || hi > 0x1fffff) break;
      size = hi * 2 ** 32 + lo;
      data += 8;
    } else if (size === 0) {
      size = to - i;
    }
    if (size < data - i || i + size > to) break;
    out.push({ type, data, end: i + size });
    i += size;
  }
  return out;
}

/** The ftyp box's major and compatible brands, or null when the file does not start with one. */
export function ftypBrands(b: Uint8Array): string[] | null {
  const [first] = boxes(b, 0, b.length, 1);
  if (first?.type !== 'ftyp' || first.end - first.data < 8) return null;
  const brands = [ascii(b, first.data, first.data + 4)];
  for (let i = first.data + 8; i + 4 <= first.end; i += 4) brands.push(ascii(b, i, i + 4));
  return brands;
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

/**
 * AVIF when any brand says AVIF (many AVIF files have major brand `mif1`,
 * the generic HEIF image brand, and `avif` among the compatible ones); HEIF
 * (HEIC) when only HEIF brands are there; null for other ISO-BMFF files (MP4 video).
 */
export function isobmffImageKind(b: Uint8Array): 'avif' | 'heic' | null {
  const brands = ftypBrands(b);
  if (!brands) return null;
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
  if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heic';
  return null;
}

const child = (b: Uint8Array, parent: Box, type: string, skip = 0) =>
  boxes(b, parent.data + skip, parent.end).find((x) => x.type === type);

/**
 * The size of the primary item: `pitm` names it, `ipma` lists its
 * properties (1-based indexes into `ipco`), and the `ispe` among them holds
 * its width and height. Any other `ispe` (thumbnails, grid tiles, alpha)
 * says nothing about the image the browser shows.
 */
export function primaryItemSize(b: Uint8Array): ImageSize | null {
  const meta = boxes(b, 0, b.length).find((x) => x.type === 'meta');
  if (!meta) return null;
  const FULL = 4; // version and flags of a FullBox
  const pitm = child(b, meta, 'pitm', FULL);
  const iprp = child(b, meta, 'iprp', FULL);
  if (!pitm || !iprp) return null;
  const primary = b[pitm.data] === 0 ? be16(b, pitm.data + FULL) : be32(b, pitm.data + FULL);
  const inIprp = boxes(b, iprp.data, iprp.end);
  const ipco = inIprp.find((x) => x.type === 'ipco');
  if (primary === undefined || !ipco) return null;
  const properties = boxes(b, ipco.data, ipco.end);
  for (const ipma of inIprp.filter((x) => x.type === 'ipma')) {
    for (const index of associations(b, ipma, primary)) {
      const p = properties[index - 1];
      if (p?.type !== 'ispe') continue;
      const width = be32(b, p.data + FULL);
      const height = be32(b, p.data + FULL + 4);
      if (width !== undefined && height !== undefined && p.data + FULL + 8 <= p.end) return { width, height };
    }
  }
  return null;
}

/** The property indexes an `ipma` box associates with `item`. */
function associations(b: Uint8Array, ipma: Box, item: number): number[] {
  const version = b[ipma.data]!;
  const wideIndex = (b[ipma.data + 3]! & 1) === 1;
  const count = be32(b, ipma.data + 4) ?? 0;
  let i = ipma.data + 8;
  for (let k = 0; k < count && i < ipma.end; k++) {
    const id = version < 1 ? be16(b, i) : be32(b, i);
    i += version < 1 ? 2 : 4;
    const n = b[i++] ?? 0;
    const indexes: number[] = [];
    for (let a = 0; a < n; a++) {
      const v = wideIndex ? be16(b, i) : b[i];
      if (v === undefined || i >= ipma.end) return [];
      indexes.push(wideIndex ? v & 0x7fff : v & 0x7f);
      i += wideIndex ? 2 : 1;
    }
    if (id === item) return indexes;
  }
  return [];
}
