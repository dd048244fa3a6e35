import { describe, expect, it } from 'vitest';
import { decodeOutput, extractCandidates, extractCandidatesV8 } from './candidates.ts';

/** Rows of [cx, cy, w, h, obj, c0, c1]. */
const output = (rows: number[][]) => Float32Array.from(rows.flat());
const good = [100, 100, 20, 40, 0.9, 0.8, 0.1];

describe('extractCandidates drops and counts rows with NaN or Infinity', () => {
  it.each([
    ['NaN objectness', [100, 100, 20, 40, Number.NaN, 0.8, 0.1]],
    ['+Infinity objectness', [100, 100, 20, 40, Number.POSITIVE_INFINITY, 0.8, 0.1]],
    ['-Infinity objectness', [100, 100, 20, 40, Number.NEGATIVE_INFINITY, 0.8, 0.1]],
    ['NaN box centre', [Number.NaN, 100, 20, 40, 0.9, 0.8, 0.1]],
    ['Infinity box width', [100, 100, Number.POSITIVE_INFINITY, 40, 0.9, 0.8, 0.1]],
    ['NaN best class score', [100, 100, 20, 40, 0.9, Number.NaN, 0.1]],
    ['Infinity in another class score', [100, 100, 20, 40, 0.9, 0.8, Number.POSITIVE_INFINITY]],
    [
      '+Infinity and -Infinity that would cancel',
      [100, 100, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.9, 0.8, 0.1],
    ],
  ])('%s', (_name, bad) => {
    const c = extractCandidates(output([good, bad, good]), 3, 7, 0.01);
    expect(c.count).toBe(2);
    expect(c.nonFinite).toBe(1);
    expect(Array.from(c.data).every(Number.isFinite)).toBe(true);
  });

  it('a clean output counts none, and a low-objectness row with a NaN class score is no candidate either way', () => {
    expect(extractCandidates(output([good, good]), 2, 7, 0.01).nonFinite).toBe(0);
    const c = extractCandidates(output([good, [1, 1, 1, 1, 0.001, Number.NaN, 0]]), 2, 7, 0.01);
    expect(c.count).toBe(1);
  });

  it('an all-NaN output (a broken float16 export) gives no boxes and counts every row', () => {
    const c = extractCandidates(new Float32Array(7 * 1000).fill(Number.NaN), 1000, 7, 0.01);
    expect(c).toMatchObject({ count: 0, nonFinite: 1000 });
  });
});

/** A YOLOv8-layout output [4 + classes, anchors] from per-anchor columns [cx, cy, w, h, c0, c1]. */
const v8 = (anchors: number[][]) => {
  const channels = anchors[0]!.length;
  const out = new Float32Array(channels * anchors.length);
  anchors.forEach((col, a) => {
    for (let c = 0; c < channels; c++) out[c * anchors.length + a] = col[c]!;
  });
  return out;
};
const goodV8 = [100, 100, 20, 40, 0.8, 0.1];

describe('extractCandidatesV8 drops and counts anchors with NaN or Infinity', () => {
  it.each([
    ['NaN best class score', [100, 100, 20, 40, Number.NaN, 0.1]],
    ['NaN in another class score', [100, 100, 20, 40, 0.8, Number.NaN]],
    ['Infinity class score', [100, 100, 20, 40, Number.POSITIVE_INFINITY, 0.1]],
    ['NaN box centre', [Number.NaN, 100, 20, 40, 0.8, 0.1]],
    ['-Infinity box height', [100, 100, 20, Number.NEGATIVE_INFINITY, 0.8, 0.1]],
  ])('%s', (_name, bad) => {
    const c = extractCandidatesV8(v8([goodV8, bad, goodV8]), 6, 3, 0.01);
    expect(c.count).toBe(2);
    expect(c.nonFinite).toBe(1);
    expect(Array.from(c.data).every(Number.isFinite)).toBe(true);
  });

  it('decodeOutput passes the count on for either layout', () => {
    expect(decodeOutput('yolov8', v8([goodV8, [Number.NaN, 0, 0, 0, 0.9, 0]]), [1, 6, 2], 0.01, 2).nonFinite).toBe(1);
    const v5 = Float32Array.from([...good, 100, 100, 20, 40, Number.NaN, 0.8, 0.1]);
    expect(decodeOutput('yolov5', v5, [1, 2, 7], 0.01, 2).nonFinite).toBe(1);
  });
});
