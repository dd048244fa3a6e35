import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeShared, sharedFile } from '../test-support/shared.ts';
import { bytes, EOI, entropy, exif, jpeg, scan, segment, SOI, sof } from '../test-support/image-writer.ts';
import { readJpeg } from './jpeg.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
/** Video-like bytes full of marker look-alikes: FFD8, FFD9, FFC0 with a huge size. */
const videoLike = (n: number) =>
  bytes(
    [0, 0, 0, 0x18],
    'ftypmp42',
    Array.from({ length: n }, (_, i) => [0xff, 0xd9, 0xff, 0xd8, 0xff, 0xc0][i % 6]!),
  );

describe('readJpeg', () => {
  it('reads the frame header and ends at EOI', () => {
    expect(readJpeg(jpeg(810, 1080))).toEqual({ size: { width: 810, height: 1080 }, truncated: false });
  });

  it('a 1 MB trailer after EOI (motion-photo video) is ignored, even full of marker bytes', () => {
    const file = bytes(jpeg(810, 1080), videoLike(1 << 20));
    expect(readJpeg(file)).toEqual({ size: { width: 810, height: 1080 }, truncated: false });
  });

  it('MPF: the second image after the first EOI (larger, with its own SOF) says nothing about the primary', () => {
    const mpf = segment(0xe2, bytes('MPF\0', 'MM\0*', [0, 0, 0, 8]));
    const file = bytes(jpeg(640, 480, mpf), jpeg(20000, 20000));
    expect(readJpeg(file)).toEqual({ size: { width: 640, height: 480 }, truncated: false });
  });

  it('truncated mid-scan with FFD9 inside its EXIF thumbnail: truncated', () => {
    const thumbnail = bytes(SOI, sof(160, 120), scan(entropy(100)), EOI);
    const whole = jpeg(810, 1080, exif(thumbnail));
    const cut = whole.subarray(0, whole.length - 200);
    expect(readJpeg(cut)).toEqual({ size: { width: 810, height: 1080 }, truncated: true });
    expect(readJpeg(whole).truncated).toBe(false);
  });

  it('truncated inside a segment or before any frame header', () => {
    const whole = jpeg(100, 100, exif(new Array(1000).fill(7)));
    expect(readJpeg(whole.subarray(0, 600))).toEqual({ size: null, truncated: true });
    expect(readJpeg(bytes(SOI))).toEqual({ size: null, truncated: true });
  });

  it('finds a frame header after 300 KB of APP segments', () => {
    const apps = Array.from({ length: 5 }, (_, k) => segment(0xe3 + k, new Array(65_000).fill(0xd9)));
    const file = jpeg(20000, 20000, ...apps);
    expect(file.indexOf(0xc0, 300_000)).toBeGreaterThan(300_000);
    expect(readJpeg(file)).toEqual({ size: { width: 20000, height: 20000 }, truncated: false });
  });

  it('skips a stray byte between segments and fill 0xFF bytes, as libjpeg does', () => {
    const file = bytes(
      SOI,
      segment(0xe0, 'JFIF\0'),
      [0x00], // stray byte
      [0xff, 0xff, 0xff], // fill before the marker
      sof(20000, 20000),
      [0x42, 0x13],
      scan(entropy(50)),
      EOI,
    );
    expect(readJpeg(file)).toEqual({ size: { width: 20000, height: 20000 }, truncated: false });
  });

  it('takes every SOF before EOI (SOF2 progressive, a second frame header cannot shrink the size)', () => {
    const file = bytes(SOI, sof(100, 100, 0xc2), scan(entropy(20)), sof(30000, 10, 0xc1), scan(entropy(20)), EOI);
    expect(readJpeg(file).size).toEqual({ width: 30000, height: 100 });
  });

  it('does not take DHT (C4), JPG (C8) or DAC (CC) for frame headers', () => {
    const file = bytes(
      SOI,
      segment(0xc4, new Array(20).fill(0xff)),
      segment(0xcc, [1, 2]),
      sof(64, 48),
      scan([1]),
      EOI,
    );
    expect(readJpeg(file).size).toEqual({ width: 64, height: 48 });
  });

  it('a progressive JPEG (many scans, DHT between them) is complete', () => {
    const file = fixture('progressive-96x64.jpg');
    expect(readJpeg(file)).toEqual({ size: { width: 96, height: 64 }, truncated: false });
    // Cut after its third scan header: still inside the image.
    expect(readJpeg(file.subarray(0, 600)).truncated).toBe(true);
  });

  it('a segment length shorter than its own header is a broken file, not an endless loop', () => {
    expect(readJpeg(bytes(SOI, [0xff, 0xe0, 0, 0], EOI)).truncated).toBe(true);
  });
});

describeShared('readJpeg on bus.jpg', () => {
  const bus = () => new Uint8Array(readFileSync(sharedFile('images/bus.jpg')));
  it('complete, with 1 MB of video-like bytes appended, and cut at every tenth', () => {
    expect(readJpeg(bus())).toEqual({ size: { width: 810, height: 1080 }, truncated: false });
    expect(readJpeg(bytes(bus(), videoLike(1 << 20)))).toEqual({
      size: { width: 810, height: 1080 },
      truncated: false,
    });
    for (let k = 1; k < 10; k++) {
      const cut = bus().subarray(0, Math.floor((bus().length * k) / 10));
      expect(readJpeg(cut).truncated, `cut at ${k}/10`).toBe(true);
    }
  });
  it('cut mid-scan after an EXIF segment holding FFD9: truncated', () => {
    const b = bus();
    const withMarker = bytes(b.subarray(0, 2), exif(bytes(new Array(100).fill(0), EOI, [0xff, 0xd9])), b.subarray(2));
    expect(readJpeg(withMarker).truncated).toBe(false);
    expect(readJpeg(withMarker.subarray(0, withMarker.length / 2)).truncated).toBe(true);
  });
});
