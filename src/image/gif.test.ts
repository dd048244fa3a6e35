import { describe, expect, it } from 'vitest';
import { bytes, gif, gifFrame } from '../test-support/image-writer.ts';
import { readGif } from './gif.ts';

describe('readGif', () => {
  it('logical screen size for an ordinary file', () => {
    expect(readGif(gif(300, 200, gifFrame(0, 0, 300, 200)))).toEqual({
      size: { width: 300, height: 200 },
      truncated: false,
    });
  });

  it('every frame counts: a later frame past the screen grows the size (offset included)', () => {
    const file = gif(
      10,
      10,
      gifFrame(0, 0, 10, 10),
      bytes([0x21, 0xf9, 4, 0, 10, 0, 0, 0]),
      gifFrame(100, 5, 20000, 9000),
    );
    expect(readGif(file).size).toEqual({ width: 20100, height: 9005 });
  });

  it('truncated when the first frame is cut off; later frames cut off still count what they said', () => {
    const one = gif(10, 10, gifFrame(0, 0, 10, 10));
    expect(readGif(one.subarray(0, one.length - 4)).truncated).toBe(true);
    const two = gif(10, 10, gifFrame(0, 0, 10, 10), gifFrame(0, 0, 5000, 10));
    expect(readGif(two.subarray(0, two.length - 3))).toEqual({ size: { width: 5000, height: 10 }, truncated: false });
  });

  it('a header alone has no frame', () => {
    expect(readGif(bytes('GIF89a', [10, 0, 10, 0, 0, 0, 0], [0x3b]))).toEqual({
      size: { width: 10, height: 10 },
      truncated: true,
    });
  });
});
