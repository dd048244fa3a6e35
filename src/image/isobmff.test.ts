import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { box, bytes, ftyp, fullBox, heifMeta, ispe } from '../test-support/image-writer.ts';
import { ftypBrands, isobmffImageKind, primaryItemSize } from './isobmff.ts';

const avif = () => new Uint8Array(readFileSync(new URL('./fixtures/tiny-96x64.avif', import.meta.url)));
const colr = box('colr', 'nclx', [0, 1, 0, 13, 0, 6, 0x80]);

describe('AVIF / HEIF brands', () => {
  it('AVIF by any brand: major avif, or major mif1 with avif compatible', () => {
    expect(isobmffImageKind(avif())).toBe('avif');
    const mif1 = avif();
    mif1.set([0x6d, 0x69, 0x66, 0x31], 8); // major brand := mif1
    expect(ftypBrands(mif1)?.[0]).toBe('mif1');
    expect(isobmffImageKind(mif1)).toBe('avif');
    expect(isobmffImageKind(ftyp('mif1', 'mif1', 'miaf', 'avif'))).toBe('avif');
  });
  it('HEIC when only HEIF brands are present; MP4 video is neither', () => {
    expect(isobmffImageKind(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(isobmffImageKind(ftyp('mif1', 'mif1', 'heic'))).toBe('heic');
    expect(isobmffImageKind(ftyp('isom', 'isom', 'mp42'))).toBeNull();
    expect(isobmffImageKind(bytes('not a box at all'))).toBeNull();
  });
});

describe('primaryItemSize', () => {
  it('reads the real encoder output', () => {
    expect(primaryItemSize(avif())).toEqual({ width: 96, height: 64 });
  });

  it('the ispe of the primary item, not the first ispe in the file (a thumbnail)', () => {
    // Item 2 (thumbnail) 160x120 at property 1; item 1 (primary) 20000x20000 at property 3.
    const meta = heifMeta(
      1,
      [ispe(160, 120), colr, ispe(20000, 20000)],
      [
        [2, [1, 2]],
        [1, [2, 3]],
      ],
    );
    expect(primaryItemSize(bytes(ftyp('avif', 'avif', 'mif1'), meta))).toEqual({ width: 20000, height: 20000 });
  });

  it('16-bit property indexes (ipma flags & 1) and 32-bit item ids (ipma version 1)', () => {
    const ipma = fullBox('ipma', 1, 1, [0, 0, 0, 1], [0, 0, 0, 7], [1], [0x80, 0x02]);
    const meta = fullBox(
      'meta',
      0,
      0,
      fullBox('pitm', 1, 0, [0, 0, 0, 7]),
      box('iprp', box('ipco', colr, ispe(1234, 567)), ipma),
    );
    expect(primaryItemSize(bytes(ftyp('mif1', 'avif'), meta))).toEqual({ width: 1234, height: 567 });
  });

  it('null when the primary has no ispe, or the boxes do not fit the file', () => {
    const meta = heifMeta(1, [ispe(160, 120)], [[2, [1]]]);
    expect(primaryItemSize(bytes(ftyp('avif'), meta))).toBeNull();
    const whole = bytes(ftyp('avif'), heifMeta(1, [ispe(10, 10)], [[1, [1]]]));
    expect(primaryItemSize(whole.subarray(0, whole.length - 3))).toBeNull();
  });
});
