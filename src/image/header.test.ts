import { describe, expect, it } from 'vitest';
import { sniffImageFormat } from './format.ts';
import { looksTruncated, readImageSize } from './header.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];

describe('sniffImageFormat + readImageSize', () => {
  it('PNG: IHDR size, even for a 20000x20000 bomb', () => {
    const png = bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(20000), be32(20000), [8, 2, 0, 0, 0]);
    expect(sniffImageFormat(png)).toBe('png');
    expect(readImageSize(png, 'png')).toEqual({ width: 20000, height: 20000 });
  });
  it('JPEG: skips APP segments to the SOF', () => {
    const jpg = bytes(
      [0xff, 0xd8, 0xff, 0xe0],
      [0, 16],
      'JFIF\0',
      new Array(9).fill(0),
      [0xff, 0xc0, 0, 17, 8],
      [0x04, 0x38],
      [0x03, 0x2a],
      [3],
    );
    expect(sniffImageFormat(jpg)).toBe('jpeg');
    expect(readImageSize(jpg, 'jpeg')).toEqual({ width: 810, height: 1080 });
  });
  it('GIF, BMP, WebP (VP8X), SVG', () => {
    expect(readImageSize(bytes('GIF89a', le16(300), le16(200)), 'gif')).toEqual({ width: 300, height: 200 });
    const bmp = bytes('BM', new Array(16).fill(0), [100, 0, 0, 0], [0x38, 0xff, 0xff, 0xff]);
    expect(readImageSize(bmp, 'bmp')).toEqual({ width: 100, height: 200 });
    const webp = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8X',
      [10, 0, 0, 0],
      [0, 0, 0, 0],
      [0x1f, 0x4e, 0x00],
      [0x1f, 0x4e, 0x00],
    );
    expect(sniffImageFormat(webp)).toBe('webp');
    expect(readImageSize(webp, 'webp')).toEqual({ width: 20000, height: 20000 });
    const svg = bytes('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"></svg>');
    expect(sniffImageFormat(svg)).toBe('svg');
    expect(readImageSize(svg, 'svg')).toEqual({ width: 640, height: 480 });
    expect(readImageSize(bytes('<svg viewBox="0 0 20 10"/>'), 'svg')).toEqual({ width: 20, height: 10 });
  });
  it('recognises formats the browser cannot decode', () => {
    expect(sniffImageFormat(bytes('II*\0', [8, 0, 0, 0]))).toBe('tiff');
    expect(sniffImageFormat(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBe('heic');
    expect(sniffImageFormat(bytes('hello world'))).toBe('unknown');
  });
});

describe('looksTruncated', () => {
  it('needs a JPEG end marker and a PNG IEND chunk near the end', () => {
    expect(looksTruncated(bytes([1, 2, 0xff, 0xd9]), 'jpeg')).toBe(false);
    expect(looksTruncated(bytes([1, 2, 0xff, 0xd9, 0, 0]), 'jpeg')).toBe(false);
    expect(looksTruncated(bytes([1, 2, 3, 4]), 'jpeg')).toBe(true);
    expect(looksTruncated(bytes([0, 0, 0, 0], 'IEND', [0xae, 0x42, 0x60, 0x82]), 'png')).toBe(false);
    expect(looksTruncated(bytes('IDAT', [1, 2, 3]), 'png')).toBe(true);
    expect(looksTruncated(bytes([1]), 'gif')).toBe(false);
  });
});
