import { describe, expect, it } from 'vitest';
import { CANDIDATE_STRIDE, extractCandidates, type Candidates } from './candidates.ts';
import { nonMaxSuppression } from './nms.ts';
import { CANDIDATE_FLOOR, candidateFloor, detectionsAt, selectDetections } from './detections.ts';

function cands(rows: number[][]): Candidates {
  const data = new Float32Array(rows.length * CANDIDATE_STRIDE);
  for (const [i, r] of rows.entries()) data.set(r, i * CANDIDATE_STRIDE);
  return { data, count: rows.length };
}
const opts = { confidence: 0.25, iou: 0.45, maxDetections: 300, classAgnostic: false };

describe('extractCandidates', () => {
  it('scores rows as objectness x best class and converts cx,cy,w,h to corners', () => {
    // 3 classes; row 0: obj 0.9, best class 2 (0.8) -> 0.72; row 1: obj 0.2 -> dropped; row 2: 0.5*0.4=0.2 < 0.25
    const out = new Float32Array([
      100, 50, 20, 10, 0.9, 0.1, 0.3, 0.8, 10, 10, 4, 4, 0.2, 0.9, 0.9, 0.9, 5, 5, 2, 2, 0.5, 0.4, 0.1, 0.1,
    ]);
    const c = extractCandidates(out, 3, 8, 0.25);
    expect(c.count).toBe(1);
    expect(Array.from(c.data)).toEqual([90, 45, 110, 55, expect.closeTo(0.72, 6), 2]);
  });
  it('handles an empty output and refuses a malformed one', () => {
    expect(extractCandidates(new Float32Array(0), 0, 85, 0.1).count).toBe(0);
    expect(() => extractCandidates(new Float32Array(10), 1, 5, 0.1)).toThrow(/5 \+ at least one class/);
    expect(() => extractCandidates(new Float32Array(10), 2, 85, 0.1)).toThrow(/expected 2 x 85/);
  });
  it('grows past its initial buffer', () => {
    const rows = 3000;
    const out = new Float32Array(rows * 6);
    for (let r = 0; r < rows; r++) out.set([r, r, 2, 2, 0.9, 0.9], r * 6);
    expect(extractCandidates(out, rows, 6, 0.5).count).toBe(rows);
  });
});

describe('nonMaxSuppression', () => {
  it('keeps the best of overlapping boxes of one class', () => {
    const c = cands([
      [0, 0, 10, 10, 0.8, 0],
      [1, 1, 11, 11, 0.9, 0], // IoU with first 0.68 > 0.45
      [50, 50, 60, 60, 0.7, 0],
    ]);
    expect(nonMaxSuppression(c, opts)).toEqual([1, 2]);
  });
  it('is class-aware unless told otherwise', () => {
    const c = cands([
      [0, 0, 10, 10, 0.9, 0],
      [0, 0, 10, 10, 0.8, 1],
    ]);
    expect(nonMaxSuppression(c, opts)).toEqual([0, 1]);
    expect(nonMaxSuppression(c, { ...opts, classAgnostic: true })).toEqual([0]);
  });
  it('keeps boxes whose IoU equals the threshold (suppression is strictly greater)', () => {
    // IoU = 50/150 = 1/3
    const c = cands([
      [0, 0, 10, 10, 0.9, 0],
      [5, 0, 15, 10, 0.8, 0],
    ]);
    expect(nonMaxSuppression(c, { ...opts, iou: 1 / 3 + 1e-9 })).toEqual([0, 1]);
    expect(nonMaxSuppression(c, { ...opts, iou: 0.3 })).toEqual([0]);
  });
  it('breaks score ties by output order', () => {
    const c = cands([
      [0, 0, 10, 10, 0.5, 0],
      [0, 0, 10, 10, 0.5, 0],
    ]);
    expect(nonMaxSuppression(c, opts)).toEqual([0]);
  });
  it('drops scores not above the confidence and handles empty input', () => {
    const c = cands([[0, 0, 10, 10, 0.25, 0]]);
    expect(nonMaxSuppression(c, opts)).toEqual([]);
    expect(nonMaxSuppression(cands([]), opts)).toEqual([]);
  });
  it('caps the count at maxDetections, best first', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i * 20, 0, i * 20 + 10, 10, 0.3 + i * 0.01, 0]);
    expect(nonMaxSuppression(cands(rows), { ...opts, maxDetections: 3 })).toEqual([9, 8, 7]);
  });
});

describe('selectDetections', () => {
  it('maps kept boxes to image pixels with labels, clipped, sorted by score', () => {
    const c = cands([
      [80, 0, 560, 700, 0.6, 1],
      [100, 100, 200, 200, 0.9, 0],
    ]);
    const dets = selectDetections(
      c,
      { width: 810, height: 1080, inputWidth: 640, inputHeight: 640 },
      ['person', 'bus'],
      opts,
    );
    expect(dets.map((d) => d.label)).toEqual(['person', 'bus']);
    expect(dets[1]).toMatchObject({ x1: 0, y1: 0, x2: 810, y2: 1080, classId: 1 });
  });
});

describe('detectionsAt and candidateFloor', () => {
  const config = {
    labels: ['person', 'bus'],
    maxDetections: 1,
    classAgnostic: true,
    confidence: 0.25,
  } as unknown as import('../config/runtime-config').RuntimeConfig;
  it('applies the bundle NMS settings (max count, class-agnostic) at the given thresholds', () => {
    const c = cands([
      [0, 0, 10, 10, 0.9, 0],
      [0, 0, 10, 10, 0.8, 1],
      [50, 50, 60, 60, 0.7, 1],
    ]);
    const geo = { width: 640, height: 640, inputWidth: 640, inputHeight: 640 };
    expect(detectionsAt(c, geo, config, 0.25, 0.45).map((d) => d.score)).toEqual([expect.closeTo(0.9, 5)]);
    expect(detectionsAt(c, geo, { ...config, maxDetections: 10 }, 0.75, 0.45).map((d) => d.label)).toEqual(['person']);
    expect(
      detectionsAt(c, geo, { ...config, maxDetections: 10, classAgnostic: false }, 0.75, 0.45).map((d) => d.label),
    ).toEqual(['person', 'bus']);
  });
  it('keeps candidates down to the slider minimum, or lower when the bundle asks for less', () => {
    expect(candidateFloor(config)).toBe(CANDIDATE_FLOOR);
    expect(candidateFloor({ ...config, confidence: 0.005 })).toBe(0.005);
  });
});
