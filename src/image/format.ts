import { ascii, startsWith } from './bytes.ts';
import { readBmpSize } from './bmp.ts';
import { icoEntries } from './ico.ts';
import { isobmffImageKind } from './isobmff.ts';
import { PNG_SIGNATURE } from './png.ts';
import { decodeMarkup, svgRoot } from './svg-text.ts';

export type ImageFormat =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'bmp'
  | 'avif'
  | 'ico'
  | 'svg'
  | 'tiff'
  | 'heic'
  | 'jxl'
  | 'unknown';

/** How messages name each format. */
export const FORMAT_NAMES: Record<ImageFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  avif: 'AVIF',
  ico: 'ICO',
  svg: 'SVG',
  tiff: 'TIFF',
  heic: 'HEIC',
  jxl: 'JPEG XL',
  unknown: 'unknown',
};

/** The format's name with its article, as read aloud: "an AVIF", "a PNG". */
export function aFormat(format: ImageFormat): string {
  return `${['avif', 'ico', 'svg'].includes(format) ? 'an' : 'a'} ${FORMAT_NAMES[format]}`;
}

const JXL_CONTAINER = [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

/**
 * Identifies an image by its structure, not its name or MIME type (both can
 * lie): magic bytes where a format has them, and a valid header where a
 * two-letter signature alone would match text ("BM…" is not a bitmap unless
 * a DIB header follows; an ICO needs a directory that fits the file). ISO
 * media files are told apart by every brand in `ftyp`; SVG by its root
 * element, after a BOM, XML declaration, comments or a DOCTYPE.
 * Takes the whole file: an SVG prolog can be arbitrarily long.
 */
export function sniffImageFormat(b: Uint8Array): ImageFormat {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (startsWith(b, 0, PNG_SIGNATURE)) return 'png';
  const head = ascii(b, 0, 12);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'tiff';
  if ((b[0] === 0xff && b[1] === 0x0a) || startsWith(b, 0, JXL_CONTAINER)) return 'jxl';
  if (head.startsWith('BM') && readBmpSize(b)) return 'bmp';
  if (b[0] === 0 && b[1] === 0 && icoEntries(b)) return 'ico';
  if (head.slice(4, 8) === 'ftyp') return isobmffImageKind(b) ?? 'unknown';
  const text = decodeMarkup(b);
  if (text !== null && svgRoot(text)) return 'svg';
  return 'unknown';
}
