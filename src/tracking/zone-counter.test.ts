import { describe, expect, it } from 'vitest';
import type { TrackedDetection } from './byte-tracker.ts';
import { checkPolygon, pointInPolygon, ZoneCounter } from './zone-counter.ts';

const at = (trackId: number, cx: number, cy: number, classId = 0, label = 'person'): TrackedDetection => ({
  x1: cx - 5,
  y1: cy - 5,
  x2: cx + 5,
  y2: cy + 5,
  score: 0.9,
  classId,
  label,
  trackId,
});
// An L shape, so "inside the bounding box" is not enough.
const L = [
  { x: 0, y: 0 },
  { x: 100, y: 0 },
  { x: 100, y: 40 },
  { x: 40, y: 40 },
  { x: 40, y: 100 },
  { x: 0, y: 100 },
];

describe('pointInPolygon', () => {
  it('tells inside from outside of a concave polygon', () => {
    expect(pointInPolygon({ x: 20, y: 20 }, L)).toBe(true);
    expect(pointInPolygon({ x: 20, y: 90 }, L)).toBe(true);
    expect(pointInPolygon({ x: 90, y: 20 }, L)).toBe(true);
    expect(pointInPolygon({ x: 70, y: 70 }, L)).toBe(false);
    expect(pointInPolygon({ x: 120, y: 20 }, L)).toBe(false);
  });
  it('refuses zones it cannot use, in words', () => {
    expect(() => checkPolygon(L.slice(0, 2))).toThrow(/at least 3 corners, got 2/);
    expect(() =>
      checkPolygon([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
        { x: 2, y: 2 },
      ]),
    ).toThrow(/no area/);
    expect(() => checkPolygon([...L.slice(0, 2), { x: Number.NaN, y: 1 }])).toThrow(/corner 3 is \(NaN, 1\)/);
  });
});

describe('ZoneCounter', () => {
  it('lists who is inside now and counts each track once, per class', () => {
    const z = new ZoneCounter(L);
    expect(z.update([at(1, 20, 20), at(2, 70, 70)])).toEqual([1]);
    expect(z.inside()).toEqual([1]);
    // 1 leaves, 2 comes in (on the other arm), a car enters.
    expect(z.update([at(1, 70, 70), at(2, 90, 20), at(3, 20, 90, 2, 'car')])).toEqual([2, 3]);
    expect(z.inside()).toEqual([2, 3]);
    // 1 comes back: inside, but not counted again.
    expect(z.update([at(1, 20, 20)])).toEqual([]);
    expect(z.inside()).toEqual([1]);
    expect(z.counts()).toEqual([
      { classId: 0, label: 'person', entered: 2 },
      { classId: 2, label: 'car', entered: 1 },
    ]);
    expect(z.totalEntered).toBe(3);
    z.reset();
    expect(z.totalEntered).toBe(0);
  });
});
