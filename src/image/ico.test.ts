import { describe, expect, it } from 'vitest';
import { bmp, bytes, dibHeader, ico, png } from '../test-support/image-writer.ts';
import { icoEntries, readIco } from './ico.ts';

describe('readIco', () => {
  it('the directory sizes (0 means 256) of every entry', () => {
    const file = ico([
      { listed: [16, 16], data: bytes(dibHeader(16, 32), new Array(64).fill(0)) },
      { listed: [0, 0], data: png(256, 256) },
    ]);
    expect(readIco(file).size).toEqual({ width: 256, height: 256 });
  });

  it('an embedded PNG larger than its directory entry says is sized from its own IHDR', () => {
    const file = ico([{ listed: [32, 32], data: png(20000, 20000) }]);
    expect(readIco(file).size).toEqual({ width: 20000, height: 20000 });
  });

  it('a BMP entry counts its colour and mask rows as one image', () => {
    const file = ico([{ listed: [16, 16], data: bytes(dibHeader(9000, 18000), new Array(8).fill(0)) }]);
    expect(readIco(file).size).toEqual({ width: 9000, height: 9000 });
  });

  it('not an ICO: an entry pointing outside the file, no entries, a wrong type', () => {
    const good = ico([{ listed: [16, 16], data: png(16, 16) }]);
    expect(icoEntries(good)).not.toBeNull();
    expect(icoEntries(good.subarray(0, 22))).toBeNull();
    expect(icoEntries(bytes([0, 0, 1, 0, 0, 0]))).toBeNull();
    expect(icoEntries(bytes([0, 0, 3, 0], good.subarray(4)))).toBeNull();
    expect(icoEntries(bmp(dibHeader(1, 1)))).toBeNull();
  });
});
