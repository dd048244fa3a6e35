import { describe, expect, it } from 'vitest';
import { anmf, riffChunk, vp8l, vp8x, webp } from '../test-support/image-writer.ts';
import { readWebp } from './webp.ts';

describe('readWebp', () => {
  it('VP8L and VP8X canvas sizes', () => {
    expect(readWebp(webp(vp8l(300, 200)))).toEqual({ size: { width: 300, height: 200 }, truncated: false });
    expect(readWebp(webp(vp8x(20000, 20000), vp8l(16, 16))).size).toEqual({ width: 20000, height: 20000 });
  });
  it('VP8 (lossy) frame header', () => {
    const data = [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00, 0, 0];
    expect(readWebp(webp(riffChunk('VP8 ', data))).size).toEqual({ width: 320, height: 240 });
  });
  it('an animation frame reaching past the canvas grows the size', () => {
    expect(
      readWebp(webp(vp8x(100, 100), riffChunk('ANIM', new Array(6).fill(0)), anmf(50, 0, 16000, 10))).size,
    ).toEqual({
      width: 16050,
      height: 100,
    });
  });
  it('truncated when the first image chunk is cut off', () => {
    const file = webp(vp8l(300, 200));
    expect(readWebp(file.subarray(0, file.length - 4)).truncated).toBe(true);
    expect(readWebp(webp(vp8x(10, 10))).truncated).toBe(true);
  });
});
