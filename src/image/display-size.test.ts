import { describe, expect, it } from 'vitest';
import { displaySize, MAX_UPSCALE } from './display-size.ts';

describe('displaySize', () => {
  it('fills the column width when the height allows', () => {
    // zidane.jpg in the wide layout's column
    expect(displaySize({ width: 1280, height: 720 }, { width: 974, height: 868 }, 1)).toEqual({
      cssWidth: 974,
      cssHeight: 548,
      pixelWidth: 974,
      pixelHeight: 548,
      scale: 974 / 1280,
    });
  });

  it('is limited by the viewport height for a tall image', () => {
    const s = displaySize({ width: 810, height: 1080 }, { width: 974, height: 868 }, 1);
    expect(s.cssHeight).toBe(868);
    expect(s.cssWidth).toBe(651);
  });

  it(`enlarges a small image at most ${MAX_UPSCALE}×`, () => {
    const s = displaySize({ width: 200, height: 120 }, { width: 974, height: 868 }, 1);
    expect([s.cssWidth, s.cssHeight]).toEqual([400, 240]);
    // A column narrower than 2× still wins.
    const phone = displaySize({ width: 200, height: 120 }, { width: 366, height: 800 }, 1);
    expect([phone.cssWidth, phone.cssHeight]).toEqual([366, 220]);
  });

  it('gives the backing store devicePixelRatio times the CSS size, whole pixels', () => {
    const s = displaySize({ width: 1280, height: 720 }, { width: 366, height: 800 }, 2);
    expect(s).toMatchObject({ cssWidth: 366, pixelWidth: 732, pixelHeight: 412, cssHeight: 206 });
    const odd = displaySize({ width: 1280, height: 720 }, { width: 366.4, height: 800 }, 1.5);
    expect(Number.isInteger(odd.pixelWidth) && Number.isInteger(odd.pixelHeight)).toBe(true);
    expect(odd.cssWidth).toBeCloseTo(odd.pixelWidth / 1.5, 9);
    expect(odd.cssWidth).toBeLessThanOrEqual(366.4);
    expect(odd.cssWidth).toBeGreaterThan(366.4 - 1);
  });

  it('never gives an empty canvas, even with no space yet (a hidden column)', () => {
    const s = displaySize({ width: 640, height: 480 }, { width: 0, height: 0 }, 1);
    expect([s.pixelWidth, s.pixelHeight]).toEqual([1, 1]);
  });

  it('falls back to 1 for a nonsense devicePixelRatio', () => {
    expect(displaySize({ width: 100, height: 50 }, { width: 100, height: 100 }, 0).pixelWidth).toBe(100);
  });
});
