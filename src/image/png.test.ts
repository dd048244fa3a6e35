import { describe, expect, it } from 'vitest';
import { bytes, ihdr, PNG_SIG, png, pngChunk } from '../test-support/image-writer.ts';
import { pngHeaderSize, readPng } from './png.ts';

describe('readPng', () => {
  it('size from IHDR; complete at IEND; a trailer after IEND is ignored', () => {
    expect(readPng(png(20000, 20000))).toEqual({ size: { width: 20000, height: 20000 }, truncated: false });
    expect(readPng(bytes(png(3, 2), 'trailing junk'))).toEqual({ size: { width: 3, height: 2 }, truncated: false });
  });

  it('truncated mid-IDAT even when the compressed data and a text chunk hold "IEND" bytes near the end', () => {
    const text = pngChunk('tEXt', bytes('Comment\0', 'IEND', [0xae, 0x42, 0x60, 0x82]));
    const idat = pngChunk(
      'IDAT',
      bytes(new Array(5000).fill(9), 'IEND', [0xae, 0x42, 0x60, 0x82], new Array(100).fill(1)),
    );
    const whole = bytes(PNG_SIG, ihdr(64, 64), text, idat, pngChunk('IEND'));
    expect(readPng(whole).truncated).toBe(false);
    const cut = whole.subarray(0, whole.length - 12 - 50); // IEND chunk and 50 bytes of IDAT gone
    expect(readPng(cut)).toEqual({ size: { width: 64, height: 64 }, truncated: true });
  });

  it('a chunk length past the file or over 2^31 - 1 is truncated, not read', () => {
    const huge = bytes(PNG_SIG, ihdr(1, 1), [0xff, 0xff, 0xff, 0xf0], 'IDAT', [1, 2, 3]);
    expect(readPng(huge).truncated).toBe(true);
    expect(readPng(bytes(PNG_SIG)).truncated).toBe(true);
  });

  it('an embedded PNG (ICO entry) is sized from its IHDR alone', () => {
    const file = bytes([1, 2, 3], png(300, 200));
    expect(pngHeaderSize(file, 3)).toEqual({ width: 300, height: 200 });
    expect(pngHeaderSize(file, 0)).toBeNull();
  });
});
