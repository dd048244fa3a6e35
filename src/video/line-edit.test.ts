import { describe, expect, it } from 'vitest';
import { inNormal } from '../tracking/line-geometry.ts';
import { DEFAULT_LINE, keyMove, nudgeEnd, placeEnd, pointerFraction, reverseLine } from './line-edit.ts';

describe('editing the counting line', () => {
  it('moves an end with the arrow keys, 1% or 10% with Shift, clamped to the frame', () => {
    expect(keyMove('ArrowRight', false)).toEqual({ dx: 0.01, dy: 0 });
    expect(keyMove('ArrowUp', true)).toEqual({ dx: 0, dy: -0.1 });
    expect(keyMove('Enter', false)).toBeNull();
    const moved = nudgeEnd(DEFAULT_LINE, 'a', 0.01, 0);
    expect(moved).toEqual({ ...DEFAULT_LINE, x1: 0.11 });
    expect(nudgeEnd({ x1: 0.95, y1: 0, x2: 0.5, y2: 0.5 }, 'a', 0.1, -0.1)).toEqual({ x1: 1, y1: 0, x2: 0.5, y2: 0.5 });
  });

  it('refuses a nudge that would put both ends on one point', () => {
    const line = { x1: 0.5, y1: 0.5, x2: 0.51, y2: 0.5 };
    expect(nudgeEnd(line, 'b', -0.01, 0)).toBe(line);
  });

  it('places an end where the pointer is, as a fraction of the picture on screen', () => {
    const rect = { left: 100, top: 50, width: 400, height: 300 };
    expect(pointerFraction(300, 200, rect)).toEqual({ x: 0.5, y: 0.5 });
    expect(pointerFraction(0, 1000, rect)).toEqual({ x: 0, y: 1 });
    expect(placeEnd(DEFAULT_LINE, 'b', 1.2, 0.3)).toEqual({ ...DEFAULT_LINE, x2: 1, y2: 0.3 });
  });

  it('the default line counts moving down as "in"; swapping it counts moving up', () => {
    expect(inNormal(DEFAULT_LINE).y).toBeCloseTo(1);
    expect(inNormal(reverseLine(DEFAULT_LINE)).y).toBeCloseTo(-1);
  });
});
