import { describe, expect, it } from 'vitest';
import { formatLineParam, lineInPixels, lineUsable, parseLineParam } from './line-param.ts';

describe('?line=', () => {
  it('reads four fractions as A = (x1, y1), B = (x2, y2)', () => {
    expect(parseLineParam('0,0.5,1,0.5')).toEqual({ line: { x1: 0, y1: 0.5, x2: 1, y2: 0.5 }, problem: null });
    expect(parseLineParam(' 0.2 , 0.1,0.3,0.9')).toEqual({
      line: { x1: 0.2, y1: 0.1, x2: 0.3, y2: 0.9 },
      problem: null,
    });
    expect(parseLineParam(null)).toEqual({ line: null, problem: null });
  });

  it.each([
    ['0.1,0.2,0.3', 'it has 3 numbers, not 4'],
    ['0.1,0.2,0.3,0.4,0.5', 'it has 5 numbers, not 4'],
    ['a,0.2,0.3,0.4', 'x1 (a) is not a number'],
    ['0.1,,0.3,0.4', 'y1 () is not a number'],
    ['0.1,0.2,1.5,0.4', 'x2 = 1.5 is outside 0–1'],
    ['0.1,-0.2,0.3,0.4', 'y1 = -0.2 is outside 0–1'],
    ['0.5,0.5,0.5,0.5', 'both ends are the same point'],
  ])('refuses %s: %s, and says how to write one', (raw, why) => {
    const r = parseLineParam(raw);
    expect(r.line).toBeNull();
    expect(r.problem).toContain(`?line=${raw} is not a counting line: ${why}`);
    expect(r.problem).toContain('?line=x1,y1,x2,y2');
  });

  it('round-trips through the text the panel shows', () => {
    const line = { x1: 0.12345, y1: 0.5, x2: 0.9, y2: 1 / 3 };
    const again = parseLineParam(formatLineParam(line)).line!;
    for (const k of ['x1', 'y1', 'x2', 'y2'] as const) expect(again[k]).toBeCloseTo(line[k], 4);
  });

  it('maps to pixels of the frame and knows a line too short to count with', () => {
    expect(lineInPixels({ x1: 0, y1: 0.5, x2: 1, y2: 0.5 }, 768, 576)).toEqual({ x1: 0, y1: 288, x2: 768, y2: 288 });
    expect(lineUsable({ x1: 0.5, y1: 0.5, x2: 0.5001, y2: 0.5 }, 768, 576)).toBe(false);
    expect(lineUsable({ x1: 0.5, y1: 0.5, x2: 0.51, y2: 0.5 }, 768, 576)).toBe(true);
  });
});
