import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bmp,
  bytes,
  dibHeader,
  ftyp,
  gif,
  gifFrame,
  ico,
  jpeg,
  os2v1Header,
  png,
  vp8l,
  webp,
} from '../test-support/image-writer.ts';
import { sniffImageFormat } from './format.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffImageFormat', () => {
  it('formats with magic bytes', () => {
    expect(sniffImageFormat(jpeg(1, 1))).toBe('jpeg');
    expect(sniffImageFormat(png(1, 1))).toBe('png');
    expect(sniffImageFormat(gif(1, 1, gifFrame(0, 0, 1, 1)))).toBe('gif');
    expect(sniffImageFormat(webp(vp8l(1, 1)))).toBe('webp');
    expect(sniffImageFormat(bytes('II*\0', [8, 0, 0, 0]))).toBe('tiff');
    expect(sniffImageFormat(bytes('MM\0*', [0, 0, 0, 8]))).toBe('tiff');
    expect(sniffImageFormat(bytes([0xff, 0x0a, 0xfa]))).toBe('jxl');
  });

  it('BMP only with a valid header, OS/2 too; text starting with BM is not an image', () => {
    expect(sniffImageFormat(bmp(dibHeader(4, 4)))).toBe('bmp');
    expect(sniffImageFormat(bmp(os2v1Header(4, 4)))).toBe('bmp');
    expect(sniffImageFormat(text('BM is the first line of this text file.\nThe rest is words.'))).toBe('unknown');
  });

  it('ICO only with a directory that fits the file', () => {
    expect(sniffImageFormat(ico([{ listed: [16, 16], data: png(16, 16) }]))).toBe('ico');
    expect(sniffImageFormat(bytes([0, 0, 1, 0, 5, 0], new Array(10).fill(0)))).toBe('unknown');
  });

  it('AVIF by any brand (mif1 major included); HEIC otherwise; MP4 is not an image', () => {
    const avif = new Uint8Array(readFileSync(new URL('./fixtures/tiny-96x64.avif', import.meta.url)));
    expect(sniffImageFormat(avif)).toBe('avif');
    avif.set(text('mif1'), 8);
    expect(sniffImageFormat(avif)).toBe('avif');
    expect(sniffImageFormat(ftyp('mif1', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImageFormat(ftyp('heic'))).toBe('heic');
    expect(sniffImageFormat(ftyp('isom', 'mp41'))).toBe('unknown');
  });

  it('SVG after a BOM, an XML prolog longer than any fixed window, comments or a DOCTYPE', () => {
    const body = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';
    expect(sniffImageFormat(bytes([0xef, 0xbb, 0xbf], body))).toBe('svg');
    expect(sniffImageFormat(text(`<?xml version="1.0" encoding="utf-8"?>\n${body}`))).toBe('svg');
    expect(sniffImageFormat(text(`<!--${' generated '.repeat(5000)}-->\n${body}`))).toBe('svg');
    expect(
      sniffImageFormat(
        text(
          `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${body}`,
        ),
      ),
    ).toBe('svg');
    expect(sniffImageFormat(text(`  \n\t${body}`))).toBe('svg');
  });

  it('HTML or XML with an <svg> only in a comment or deeper in the tree is not an SVG', () => {
    expect(sniffImageFormat(text('<!-- <svg width="1"> --><html><body><svg/></body></html>'))).toBe('unknown');
    expect(sniffImageFormat(text('<?xml version="1.0"?><feed><title>svg</title></feed>'))).toBe('unknown');
  });

  it('random bytes and empty input', () => {
    expect(sniffImageFormat(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))).toBe('unknown');
    expect(sniffImageFormat(new Uint8Array(0))).toBe('unknown');
  });
});
