import { describe, expect, it } from 'vitest';
import { bmp, bytes, dibHeader, os2v1Header, os2v2Header } from '../test-support/image-writer.ts';
import { readBmpSize } from './bmp.ts';

describe('readBmpSize', () => {
  it('Windows v3, v4 and v5 headers; a negative height is a top-down bitmap', () => {
    expect(readBmpSize(bmp(dibHeader(100, 200)))).toEqual({ width: 100, height: 200 });
    expect(readBmpSize(bmp(dibHeader(100, -200, 108)))).toEqual({ width: 100, height: 200 });
    expect(readBmpSize(bmp(dibHeader(20000, 20000, 124, 32)))).toEqual({ width: 20000, height: 20000 });
  });

  it('OS/2 1.x (12-byte header, 16-bit sizes at other offsets) and OS/2 2.x (16 and 64 bytes)', () => {
    expect(readBmpSize(bmp(os2v1Header(640, 480)))).toEqual({ width: 640, height: 480 });
    // Read as a Windows header these bytes would give 480 << 16 | 640 wide.
    expect(readBmpSize(bmp(os2v1Header(65535, 65535)))).toEqual({ width: 65535, height: 65535 });
    expect(readBmpSize(bmp(os2v2Header(300, 100, 64)))).toEqual({ width: 300, height: 100 });
    expect(readBmpSize(bmp(os2v2Header(300, 100, 16)))).toEqual({ width: 300, height: 100 });
  });

  it('text that starts with "BM" is not a bitmap', () => {
    expect(readBmpSize(bytes('BMW is a car maker. This is a plain text file, not a bitmap.\n'))).toBeNull();
  });

  it('invalid headers are refused: unknown header size, planes other than 1, odd bit depth, zero sizes', () => {
    expect(readBmpSize(bmp(bytes([41, 0, 0, 0], dibHeader(1, 1).subarray(4), [0])))).toBeNull();
    const planes2 = dibHeader(10, 10);
    planes2[12] = 2;
    expect(readBmpSize(bmp(planes2))).toBeNull();
    expect(readBmpSize(bmp(dibHeader(10, 10, 40, 7)))).toBeNull();
    expect(readBmpSize(bmp(dibHeader(0, 10)))).toBeNull();
    expect(readBmpSize(bmp(dibHeader(10, 10)).subarray(0, 30))).toBeNull();
  });
});
