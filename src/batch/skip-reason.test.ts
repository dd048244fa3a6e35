import { describe, expect, it } from 'vitest';
import { gif, jpeg, png, webp, vp8x, bytes } from '../test-support/image-writer.ts';
import { sortOutImages } from './scan.ts';
import { skipReason } from './skip-reason.ts';

describe('skipReason', () => {
  it('takes the formats the app decodes, by content whatever the name', () => {
    for (const b of [jpeg(4, 4), png(4, 4), gif(4, 4), webp(vp8x(4, 4))]) expect(skipReason(b, b.length)).toBeNull();
    const svg = new TextEncoder().encode(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
    );
    expect(skipReason(svg, svg.length)).toBeNull();
  });

  it('says why anything else is skipped', () => {
    const text = new TextEncoder().encode('hello, not an image');
    expect(skipReason(text, text.length)).toBe('not an image (its bytes match no image format)');
    expect(skipReason(new Uint8Array(0), 0)).toBe('empty (0 bytes)');
    const tiff = bytes('II*\0', [8, 0, 0, 0]);
    expect(skipReason(tiff, tiff.length)).toBe('a TIFF image, which browsers cannot decode: convert it to JPEG or PNG');
  });
});

describe('sortOutImages', () => {
  it('splits by content, reading only the start of each file', async () => {
    const big = new Blob([jpeg(4, 4) as Uint8Array<ArrayBuffer>, new Uint8Array(1 << 20)]);
    let read = 0;
    const spy = new File([big], 'photo.txt');
    const origSlice = spy.slice.bind(spy);
    spy.slice = (start?: number, end?: number) => {
      read += (end ?? spy.size) - (start ?? 0);
      return origSlice(start, end);
    };
    const { images, skipped } = await sortOutImages([
      { name: 'photo.txt', file: spy },
      { name: 'notes.jpg', file: new File(['just text'], 'notes.jpg') },
    ]);
    expect(images.map((f) => f.name)).toEqual(['photo.txt']);
    expect(skipped).toEqual([{ name: 'notes.jpg', reason: 'not an image (its bytes match no image format)' }]);
    expect(read).toBe(4096);
  });
});
