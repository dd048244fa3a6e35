import { describe, expect, it } from 'vitest';
import { readUrlParams, readVideoParams } from './url-params.ts';

describe('?line= and ?every=', () => {
  it('set the counting line and the frame step', () => {
    expect(readVideoParams('?line=0,0.5,1,0.5&every=3')).toEqual({
      line: { x1: 0, y1: 0.5, x2: 1, y2: 0.5 },
      every: 3,
      problems: [],
    });
    expect(readVideoParams('')).toEqual({ line: null, every: null, problems: [] });
  });

  it('report their problems with the others in the status line, and are ignored', () => {
    const p = readUrlParams('?line=0,0.5,2,0.5&every=0&threads=0');
    expect(p.problems).toHaveLength(3);
    expect(p.problems.join(' ')).toContain('?line=0,0.5,2,0.5 is not a counting line: x2 = 2 is outside 0–1');
    expect(p.problems.join(' ')).toContain('?every=0 is not a frame step');
    expect(readVideoParams('?line=0,0.5,2,0.5&every=0')).toMatchObject({ line: null, every: null });
  });
});
