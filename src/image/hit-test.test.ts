import { describe, expect, it } from 'vitest';
import { detectionAt } from './hit-test.ts';

const person = { x1: 100, y1: 50, x2: 400, y2: 700 };
const tie = { x1: 230, y1: 200, x2: 260, y2: 330 };
const other = { x1: 300, y1: 60, x2: 600, y2: 700 };

describe('detectionAt', () => {
  it('picks the smallest box under the pointer, so a nested box can be hovered', () => {
    expect(detectionAt([person, tie], [], 240, 250)).toBe(1);
    expect(detectionAt([person, tie], [], 150, 250)).toBe(0);
  });

  it('a label names its own box even where it lies over another box', () => {
    // The person's label was pushed right, over the other (smaller) box.
    const labels = [{ x: 300, y: 60, width: 70, height: 16 }, null, { x: 400, y: 44, width: 70, height: 16 }];
    expect(detectionAt([person, tie, other], [], 310, 65)).toBe(2);
    expect(detectionAt([person, tie, other], labels, 310, 65)).toBe(0);
    expect(detectionAt([person, tie, other], labels, 420, 50)).toBe(2);
  });

  it('is null off every box and label', () => {
    expect(detectionAt([person, tie], [null, null], 10, 10)).toBeNull();
  });
});
