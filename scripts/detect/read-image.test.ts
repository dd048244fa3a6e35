import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { png as pngFile } from '../../src/test-support/image-writer.ts';
import { sharedFile } from '../../src/test-support/shared.ts';
import { decodeImageFile, ImageReadError, notAnImageReason } from './read-image.ts';

const png = (width: number, height: number, channels: 1 | 2 | 3 | 4, pixel: number[], opts = {}) =>
  sharp(Buffer.from(Array.from({ length: width * height }, () => pixel).flat()), {
    raw: { width, height, channels },
  })
    .png(opts)
    .toBuffer()
    .then((b) => new Uint8Array(b));

describe('notAnImageReason', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('takes JPEG, PNG, GIF, WebP and AVIF by content and says why anything else is not taken', async () => {
    expect(notAnImageReason(await png(2, 2, 3, [1, 2, 3]), 100)).toBeNull();
    expect(notAnImageReason(bytes('hello'), 5)).toBe('not an image (its bytes match no image format)');
    expect(notAnImageReason(new Uint8Array(0), 0)).toBe('empty (0 bytes)');
    expect(notAnImageReason(bytes('<svg width="4" height="4"/>'), 27)).toMatch(/^an SVG; this tool does not draw SVGs/);
    expect(notAnImageReason(bytes('II*\0xxxx'), 8)).toMatch(
      /^a TIFF image, which browsers cannot decode.*JPEG or PNG$/,
    );
  });
});

describe('decodeImageFile', () => {
  it('composites transparency on white, as the app does', async () => {
    const { rgba, width, height } = await decodeImageFile(await png(2, 1, 4, [255, 0, 0, 0]));
    expect([width, height]).toEqual([2, 1]);
    expect([...rgba]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    // Black at half opacity over white: mid grey, opaque.
    const half = await decodeImageFile(await png(1, 1, 4, [0, 0, 0, 128]));
    for (const v of half.rgba.subarray(0, 3)) expect(Math.abs(v - 127.5)).toBeLessThanOrEqual(1);
    expect(half.rgba[3]).toBe(255);
  });

  it('turns grey and 16-bit images into 8-bit RGBA', async () => {
    const grey = await decodeImageFile(await png(1, 1, 1, [77]));
    expect([...grey.rgba]).toEqual([77, 77, 77, 255]);
    const deep = await sharp(Buffer.from([0, 0, 0, 0, 0, 0]), { raw: { width: 1, height: 1, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    expect((await decodeImageFile(new Uint8Array(deep))).rgba).toHaveLength(4);
  });

  it('applies the EXIF orientation, as a browser shows the image', async () => {
    const bus = readFileSync(sharedFile('images/bus.jpg'));
    const turned = await sharp(bus).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(turned).metadata()).width).toBe(1080); // stored on its side
    const { width, height } = await decodeImageFile(new Uint8Array(turned));
    expect([width, height]).toEqual([810, 1080]);
  });

  it('refuses a truncated file and a decompression bomb before decoding, with the reason', async () => {
    const bus = new Uint8Array(readFileSync(sharedFile('images/bus.jpg')));
    await expect(decodeImageFile(bus.subarray(0, 20_000))).rejects.toThrow(
      /^truncated \(the JPEG data stops before its end\); download or export it again$/,
    );
    // Only the header: the size is refused from it, before any pixel is decoded.
    const err = await decodeImageFile(pngFile(9000, 9000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageReadError);
    expect((err as Error).message).toMatch(/^is 9000x9000 \(81 MP\), over this app's limit.*scale it down first$/);
  });
});
