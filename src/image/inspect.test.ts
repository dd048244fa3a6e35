import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeShared, sharedFile } from '../test-support/shared.ts';
import { bytes } from '../test-support/image-writer.ts';
import { inspectImageBytes, inspectImageFile } from './inspect.ts';

describe('inspectImageBytes', () => {
  it('SVG: size from the root, markup with handlers already cut', () => {
    const svg = new TextEncoder().encode(
      '<!-- <svg width="1" height="1"> --><svg width="3in" height="1in" onload="x()"/>',
    );
    expect(inspectImageBytes(svg)).toEqual({
      format: 'svg',
      size: { width: 288, height: 96 },
      truncated: false,
      svgMarkup: '<!-- <svg width="1" height="1"> --><svg width="3in" height="1in" />',
    });
  });
  it('the whole file is read from a Blob (an end marker 1 MB in is found)', async () => {
    const file = new Blob([
      new Uint8Array(readFileSync(new URL('./fixtures/progressive-96x64.jpg', import.meta.url))),
      new Uint8Array(1 << 20),
    ]);
    expect(await inspectImageFile(file)).toEqual({ format: 'jpeg', size: { width: 96, height: 64 }, truncated: false });
  });
});

describeShared('inspectImageBytes on bus.jpg', () => {
  it('bus.jpg with 1 MB appended is a complete 810x1080 JPEG; cut in half it is truncated', () => {
    const bus = new Uint8Array(readFileSync(sharedFile('images/bus.jpg')));
    const trailer = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 0xff);
    expect(inspectImageBytes(bytes(bus, trailer))).toEqual({
      format: 'jpeg',
      size: { width: 810, height: 1080 },
      truncated: false,
    });
    expect(inspectImageBytes(bus.subarray(0, bus.length / 2)).truncated).toBe(true);
  });
});
