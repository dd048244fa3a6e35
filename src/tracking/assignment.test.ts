import { describe, expect, it } from 'vitest';
import { gatedAssignment, minCostAssignment } from './assignment.ts';
import { seededRandom } from './random.ts';

/** Every injective map of the shorter side into the longer: the reference the solver must equal. */
function bruteForceMin(cost: number[], rows: number, cols: number): number {
  let best = Number.POSITIVE_INFINITY;
  const usedCols = new Array<boolean>(cols).fill(false);
  const usedRows = new Array<boolean>(rows).fill(false);
  const byRow = rows <= cols;
  const walk = (k: number, sum: number) => {
    if (k === (byRow ? rows : cols)) {
      best = Math.min(best, sum);
      return;
    }
    const other = byRow ? cols : rows;
    for (let j = 0; j < other; j++) {
      const used = byRow ? usedCols : usedRows;
      if (used[j]) continue;
      used[j] = true;
      walk(k + 1, sum + (byRow ? cost[k * cols + j]! : cost[j * cols + k]!));
      used[j] = false;
    }
  };
  walk(0, 0);
  return best;
}

/** Best gated total: Σ (cost - gate) over chosen pairs below the gate, any subset allowed. */
function bruteForceGated(cost: number[], rows: number, cols: number, gate: number): number {
  let best = 0;
  const used = new Array<boolean>(cols).fill(false);
  const walk = (r: number, sum: number) => {
    if (r === rows) {
      best = Math.min(best, sum);
      return;
    }
    walk(r + 1, sum);
    for (let c = 0; c < cols; c++) {
      const x = cost[r * cols + c]!;
      if (used[c] || !(x < gate)) continue;
      used[c] = true;
      walk(r + 1, sum + x - gate);
      used[c] = false;
    }
  };
  walk(0, 0);
  return best;
}

function total(cost: number[], cols: number, rowToCol: Int32Array): number {
  let s = 0;
  rowToCol.forEach((c, r) => {
    if (c >= 0) s += cost[r * cols + c]!;
  });
  return s;
}

describe('minCostAssignment', () => {
  it('solves a hand-checked 3x3 (the greedy choice is wrong here)', () => {
    // Greedy takes row 0 -> col 0 (1), leaving 9 + 2 = 12 in all; the optimum is 2 + 2 + 2.
    const cost = [1, 2, 9, 2, 9, 9, 9, 9, 2];
    const a = minCostAssignment({ rows: 3, cols: 3, cost });
    // Row 1 can only be cheap in col 0, so row 0 takes col 1.
    expect(Array.from(a)).toEqual([1, 0, 2]);
  });

  it('assigns every row of a wide matrix and every column of a tall one', () => {
    const wide = minCostAssignment({ rows: 2, cols: 3, cost: [5, 1, 5, 1, 5, 5] });
    expect(Array.from(wide)).toEqual([1, 0]);
    const tall = minCostAssignment({ rows: 3, cols: 2, cost: [5, 1, 1, 5, 0, 0] });
    // The zero row takes one column and one of the cheap 1s the other.
    expect(total([5, 1, 1, 5, 0, 0], 2, tall)).toBe(1);
    expect(Array.from(tall).filter((c) => c >= 0)).toHaveLength(2);
  });

  it('equals brute force on 300 random rectangular matrices up to 6 x 6', () => {
    const rng = seededRandom(7);
    for (let t = 0; t < 300; t++) {
      const rows = 1 + Math.floor(rng.next() * 6);
      const cols = 1 + Math.floor(rng.next() * 6);
      // Integer costs make ties common, which is where a wrong solver slips.
      const cost = Array.from({ length: rows * cols }, () => Math.floor(rng.next() * 10) - 3);
      const a = minCostAssignment({ rows, cols, cost });
      expect(total(cost, cols, a)).toBe(bruteForceMin(cost, rows, cols));
      const assigned = Array.from(a).filter((c) => c >= 0);
      expect(assigned).toHaveLength(Math.min(rows, cols));
      expect(new Set(assigned).size).toBe(assigned.length);
    }
  });

  it('handles empty matrices and refuses bad ones in words', () => {
    expect(Array.from(minCostAssignment({ rows: 0, cols: 4, cost: [] }))).toEqual([]);
    expect(Array.from(minCostAssignment({ rows: 2, cols: 0, cost: [] }))).toEqual([-1, -1]);
    expect(() => minCostAssignment({ rows: 2, cols: 2, cost: [1, 2, 3] })).toThrow(/needs 4 costs, got 3/);
    expect(() => minCostAssignment({ rows: 1, cols: 2, cost: [1, Number.NaN] })).toThrow(
      /cost \[0, 1\] is NaN: costs must be finite/,
    );
  });
});

describe('gatedAssignment', () => {
  it('never pairs at or above the gate and leaves those rows and columns free', () => {
    const a = gatedAssignment({ rows: 2, cols: 2, cost: [0.2, 0.9, 0.9, 0.8] }, 0.8);
    expect(a).toEqual({ matches: [[0, 0]], unmatchedRows: [1], unmatchedCols: [1] });
  });

  it('treats NaN and infinities as "never"', () => {
    const a = gatedAssignment(
      { rows: 2, cols: 2, cost: [Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0.1] },
      0.8,
    );
    expect(a.matches).toEqual([[1, 1]]);
  });

  it('prefers two good pairs over one excellent pair that blocks both', () => {
    // Row 0 - col 0 is best alone (0.05) but then row 1 has nothing; 0.3 + 0.3 leaves more gate unused.
    const a = gatedAssignment({ rows: 2, cols: 2, cost: [0.05, 0.3, 0.3, 0.9] }, 0.8);
    expect(a.matches).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('equals brute force on 300 random sparse matrices', () => {
    const rng = seededRandom(11);
    for (let t = 0; t < 300; t++) {
      const rows = Math.floor(rng.next() * 7);
      const cols = Math.floor(rng.next() * 7);
      // About half the pairs are gated out, as in a video frame where most boxes do not overlap.
      const cost = Array.from({ length: rows * cols }, () => (rng.next() < 0.5 ? 1 : Math.round(rng.next() * 8) / 10));
      const gate = 0.8;
      const a = gatedAssignment({ rows, cols, cost }, gate);
      const got = a.matches.reduce((s, [r, c]) => s + cost[r * cols + c]! - gate, 0);
      expect(got).toBeCloseTo(bruteForceGated(cost, rows, cols, gate), 9);
      for (const [r, c] of a.matches) expect(cost[r * cols + c]).toBeLessThan(gate);
      expect(a.matches.length + a.unmatchedRows.length).toBe(rows);
      expect(a.matches.length + a.unmatchedCols.length).toBe(cols);
      expect(new Set(a.matches.map(([, c]) => c)).size).toBe(a.matches.length);
    }
  });
});
