import { describe, expect, it } from 'vitest';
import { fixed, round } from './numbers.ts';
import { motCsv } from './tracks-csv.ts';

describe('number format', () => {
  it('rounds half up to the given decimals and never writes -0', () => {
    expect(round(40.126, 2)).toBe(40.13);
    expect(round(0.81234, 4)).toBe(0.8123);
    expect(Object.is(round(-0.001, 2), 0)).toBe(true);
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(7, 2)).toBe('7.00');
  });
});

describe('tracks.csv (MOTChallenge)', () => {
  it('writes frame,id,left,top,width,height,conf,-1,-1,-1 sorted by frame then id', () => {
    const csv = motCsv([
      { frame: 2, id: 1, x1: 10, y1: 20, x2: 50.126, y2: 120, score: 0.81234 },
      { frame: 1, id: 3, x1: 0.004, y1: -0.001, x2: 100, y2: 200.5, score: 0.5 },
      { frame: 1, id: 1, x1: 5.556, y1: 6, x2: 15.556, y2: 26, score: 0.99999 },
    ]);
    expect(csv).toBe(
      '1,1,5.56,6.00,10.00,20.00,1.0000,-1,-1,-1\n' +
        '1,3,0.00,0.00,100.00,200.50,0.5000,-1,-1,-1\n' +
        '2,1,10.00,20.00,40.13,100.00,0.8123,-1,-1,-1\n',
    );
  });
  it('is empty for no rows', () => {
    expect(motCsv([])).toBe('');
  });
});
