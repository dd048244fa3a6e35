import { readBmpSize } from './bmp.ts';
import type { ImageFormat } from './format.ts';
import { readGif } from './gif.ts';
import type { HeaderInfo } from './header-info.ts';
import { readIco } from './ico.ts';
import { primaryItemSize } from './isobmff.ts';
import { readJpeg } from './jpeg.ts';
import { readPng } from './png.ts';
import { svgDeclaredSize } from './svg-size.ts';
import { decodeMarkup, svgRoot } from './svg-text.ts';
import { readWebp } from './webp.ts';

export type { HeaderInfo, ImageSize } from './header-info.ts';

/**
 * Size and completeness of a whole file, read by walking its format's
 * structure before anything decodes it, so a decompression bomb (a small
 * file that decodes to gigabytes) is refused cheaply and a truncated file
 * is caught (browsers paint a truncated image's missing part grey, which
 * would give wrong boxes). A null size means the structure does not say.
 */
export function readHeader(b: Uint8Array, format: ImageFormat): HeaderInfo {
  switch (format) {
    case 'jpeg':
      return readJpeg(b);
    case 'png':
      return readPng(b);
    case 'gif':
      return readGif(b);
    case 'webp':
      return readWebp(b);
    case 'bmp':
      return { size: readBmpSize(b), truncated: false };
    case 'ico':
      return readIco(b);
    case 'avif':
    case 'heic':
      return { size: primaryItemSize(b), truncated: false };
    case 'svg': {
      const text = decodeMarkup(b);
      const root = text === null ? null : svgRoot(text);
      return { size: root && svgDeclaredSize(root.attrs), truncated: false };
    }
    default:
      return { size: null, truncated: false };
  }
}
