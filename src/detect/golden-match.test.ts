import { describe, expect, it } from 'vitest';
import { compareWithGolden } from './golden-match.ts';

const g = [
  { x1: 0, y1: 0, x2: 100, y2: 100, score: 0.8, classId: 0 },
  { x1: 200, y1: 0, x2: 300, y2: 100, score: 0.3, classId: 5 },
];

describe('compareWithGolden', () => {
  it('passes a faithful result and tolerates missing low-score boxes', () => {
    expect(compareWithGolden([{ x1: 1, y1: 1, x2: 100, y2: 101, score: 0.78, classId: 0 }], g)).toEqual([]);
  });
  it('fails on a shifted box, a score off by more than 0.05, a wrong class, or an extra confident box', () => {
    expect(compareWithGolden([{ x1: 20, y1: 0, x2: 120, y2: 100, score: 0.8, classId: 0 }], g)).toHaveLength(2);
    expect(compareWithGolden([{ x1: 0, y1: 0, x2: 100, y2: 100, score: 0.7, classId: 0 }], g)).toHaveLength(2);
    expect(compareWithGolden([{ x1: 0, y1: 0, x2: 100, y2: 100, score: 0.8, classId: 1 }], g)).toHaveLength(2);
    expect(
      compareWithGolden(
        [
          { x1: 0, y1: 0, x2: 100, y2: 100, score: 0.8, classId: 0 },
          { x1: 500, y1: 500, x2: 600, y2: 600, score: 0.5, classId: 2 },
        ],
        g,
      ),
    ).toEqual([expect.stringMatching(/^extra class 2/)]);
  });
});
