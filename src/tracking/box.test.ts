import { describe, expect, it } from 'vitest';
import { boxCentre, boxToXywh, iou, isUsableBox, xywhToBox } from './box.ts';

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint or touching boxes', () => {
    const a = { x1: 0, y1: 0, x2: 10, y2: 10 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x1: 10, y1: 0, x2: 20, y2: 10 })).toBe(0);
    expect(iou(a, { x1: 50, y1: 50, x2: 60, y2: 60 })).toBe(0);
  });
  it('is 50 / 150 for two 10x10 squares half over each other', () => {
    expect(iou({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 5, y1: 0, x2: 15, y2: 10 })).toBeCloseTo(1 / 3, 12);
  });
  it('is 0, not NaN, for empty boxes', () => {
    const empty = { x1: 5, y1: 5, x2: 5, y2: 5 };
    expect(iou(empty, empty)).toBe(0);
  });
});

describe('box conversions', () => {
  it('goes to centre/size and back', () => {
    const b = { x1: 10, y1: 20, x2: 50, y2: 100 };
    expect(boxToXywh(b)).toEqual([30, 60, 40, 80]);
    expect(xywhToBox(30, 60, 40, 80)).toEqual(b);
    expect(boxCentre(b)).toEqual({ x: 30, y: 60 });
  });
  it('refuses empty, inverted and non-finite boxes', () => {
    expect(isUsableBox({ x1: 0, y1: 0, x2: 1, y2: 1 })).toBe(true);
    expect(isUsableBox({ x1: 0, y1: 0, x2: 0, y2: 1 })).toBe(false);
    expect(isUsableBox({ x1: 2, y1: 0, x2: 1, y2: 1 })).toBe(false);
    expect(isUsableBox({ x1: 0, y1: Number.NaN, x2: 1, y2: 1 })).toBe(false);
    expect(isUsableBox({ x1: 0, y1: 0, x2: Number.POSITIVE_INFINITY, y2: 1 })).toBe(false);
  });
});
