import { describe, expect, it } from 'vitest';
import { evaluateMot, type MotObject } from './mot-metrics.ts';

const box = (id: number, x1: number, y1 = 0, w = 10, h = 10): MotObject => ({ id, x1, y1, x2: x1 + w, y2: y1 + h });

describe('evaluateMot on hand-computed cases', () => {
  it('a perfect tracker scores 1 whatever its ID numbers', () => {
    const gt = [
      [box(1, 0), box(2, 50)],
      [box(1, 2), box(2, 52)],
      [box(1, 4), box(2, 54)],
    ];
    const hyp = gt.map((fr) => fr.map((o) => ({ ...o, id: o.id * 10 })));
    const m = evaluateMot(gt, hyp);
    expect(m).toMatchObject({ gt: 6, hyp: 6, matches: 6, fp: 0, fn: 0, idsw: 0, mota: 1, idtp: 6, idf1: 1 });
    expect(m.meanIou).toBe(1);
  });

  it('one object whose ID changes halfway: 1 switch, MOTA 3/4, IDF1 1/2', () => {
    const gt = [[box(1, 0)], [box(1, 0)], [box(1, 0)], [box(1, 0)]];
    const hyp = [[box(7, 0)], [box(7, 0)], [box(8, 0)], [box(8, 0)]];
    const m = evaluateMot(gt, hyp);
    expect(m).toMatchObject({ matches: 4, idsw: 1, fp: 0, fn: 0, mota: 0.75 });
    // The object is given to one of the two IDs for 2 of its 4 frames: IDTP 2, IDF1 = 4 / (4 + 4).
    expect(m).toMatchObject({ idtp: 2, idfp: 2, idfn: 2, idf1: 0.5 });
  });

  it('IoU below the threshold is a miss and a false positive; exactly at it is a match', () => {
    // Frame 1: [0,10] vs [4,14]: 60 / 140 = 0.43 < 0.5. Frame 2: [0,10]x[0,10] vs [0,10]x[0,5]: 50/100 = 0.5.
    const gt = [[box(1, 0)], [box(1, 0)]];
    const hyp = [[box(5, 4)], [box(5, 0, 0, 10, 5)]];
    const m = evaluateMot(gt, hyp);
    expect(m).toMatchObject({ matches: 1, fp: 1, fn: 1, idsw: 0, mota: 0 });
    expect(m).toMatchObject({ idtp: 1, idf1: 0.5 });
    expect(m.meanIou).toBe(0.5);
  });

  it('keeps last frame’s pair while it is valid, even when another hypothesis fits better', () => {
    // Frame 2: h1 still has IoU 80/120 = 0.67, h2 fits perfectly. py-motmetrics keeps h1: no switch, h2 is a FP.
    const gt = [[box(1, 0)], [box(1, 0)]];
    const hyp = [[box(1, 0)], [box(1, 2), box(2, 0)]];
    const m = evaluateMot(gt, hyp);
    expect(m).toMatchObject({ matches: 2, fp: 1, fn: 0, idsw: 0, mota: 0.5 });
  });

  it('counts a switch across frames where the object was not matched', () => {
    const gt = [[box(1, 0)], [], [box(1, 0)]];
    const hyp = [[box(1, 0)], [], [box(2, 0)]];
    expect(evaluateMot(gt, hyp)).toMatchObject({ matches: 2, idsw: 1, mota: 0.5 });
  });

  it('matches as many pairs as it can before minimising distance', () => {
    // A=[0,10] B=[4,14], x=[1,11] (IoU 0.82 with A, 0.54 with B), y=[-3,7] (0.54 with A, 0.18 with B).
    // Cheapest single pair is A-x, but A-y + B-x matches both objects.
    const gt = [[box(1, 0), box(2, 4)]];
    const hyp = [[box(10, 1), box(20, -3)]];
    const m = evaluateMot(gt, hyp);
    expect(m).toMatchObject({ matches: 2, fp: 0, fn: 0, mota: 1 });
  });

  it('IDF1 picks the one-to-one ID matching that shares the most frames', () => {
    // Object 1 is hypothesis 7 for 3 frames then 8 for 1; object 2 is 8 for 2 frames.
    // Best: 1-7 (3) + 2-8 (2) = 5 of 6 object-frames and 6 hypothesis-frames: IDF1 = 10 / 12.
    const gt = [[box(1, 0), box(2, 50)], [box(1, 0), box(2, 50)], [box(1, 0)], [box(1, 0)]];
    const hyp = [[box(7, 0), box(8, 50)], [box(7, 0), box(8, 50)], [box(7, 0)], [box(8, 0)]];
    const m = evaluateMot(gt, hyp);
    expect(m.idtp).toBe(5);
    expect(m.idf1).toBeCloseTo(10 / 12, 12);
    // Object 1 goes from 7 to 8 in frame 4: one switch, 6 matches, MOTA 1 - 1/6.
    expect(m).toMatchObject({ matches: 6, idsw: 1 });
    expect(m.mota).toBeCloseTo(5 / 6, 12);
  });

  it('reports undefined ratios as NaN and refuses mismatched input in words', () => {
    const m = evaluateMot([[], []], [[], []]);
    expect(m.mota).toBeNaN();
    expect(m.idf1).toBeNaN();
    expect(evaluateMot([[]], [[box(1, 0)]])).toMatchObject({ fp: 1, idf1: 0 });
    expect(() => evaluateMot([[]], [])).toThrow(/ground truth has 1 frames and the hypotheses 0/);
    expect(() => evaluateMot([[box(1, 0), box(1, 20)]], [[]])).toThrow(/ground truth frame 1 has ID 1 twice/);
    expect(() => evaluateMot([[]], [[]], 0)).toThrow(/IoU threshold is 0/);
  });
});
