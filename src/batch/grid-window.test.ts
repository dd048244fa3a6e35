import { describe, expect, it } from 'vitest';
import { gridWindow } from './grid-window.ts';

const base = { cellWidth: 100, rowHeight: 120, width: 450, viewportHeight: 360, overscan: 1 };

describe('gridWindow', () => {
  it('at the top: the rows in view plus one, the rest a bottom spacer', () => {
    const w = gridWindow({ ...base, count: 1000, scrollTop: 0 });
    expect(w.columns).toBe(4);
    expect(w.rows).toBe(250);
    // Rows 0-2 are in view, row 3 is overscan.
    expect([w.start, w.end]).toEqual([0, 16]);
    expect(w.padTop).toBe(0);
    expect(w.padBottom).toBe((250 - 4) * 120);
  });

  it('scrolled to the middle: spacers above and below add up to the whole height', () => {
    const w = gridWindow({ ...base, count: 1000, scrollTop: 120 * 100 + 60 });
    // View covers rows 100 (half) to 103; one row of overscan each side: 99..104.
    expect([w.start, w.end]).toEqual([99 * 4, 105 * 4]);
    expect(w.padTop + ((w.end - w.start) / 4) * 120 + w.padBottom).toBe(250 * 120);
  });

  it('the last row may be partial', () => {
    const w = gridWindow({ ...base, count: 10, scrollTop: 0 });
    expect([w.rows, w.start, w.end, w.padBottom]).toEqual([3, 0, 10, 0]);
  });

  it('is empty with no cells, and one column in a box narrower than a cell', () => {
    expect(gridWindow({ ...base, count: 0, scrollTop: 0 })).toMatchObject({
      start: 0,
      end: 0,
      padTop: 0,
      padBottom: 0,
    });
    expect(gridWindow({ ...base, width: 10, count: 5, scrollTop: 0 }).columns).toBe(1);
  });

  it('scrolled past the end (the list shrank): nothing rendered, no negative spacer', () => {
    const w = gridWindow({ ...base, count: 8, scrollTop: 50_000 });
    expect(w.start).toBe(w.end);
    expect(w.padBottom).toBeGreaterThanOrEqual(0);
  });
});
