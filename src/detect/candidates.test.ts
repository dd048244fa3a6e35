// The YOLOv8-layout decoder, against hand-computed rows, against the YOLOv5 decoder on the same
// values, and on the real models' outputs (onnxruntime-node).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_MODELS, sharedFile } from '../test-support/shared.ts';
import {
  CANDIDATE_STRIDE,
  type Candidates,
  decodeOutput,
  extractCandidates,
  extractCandidatesV8,
  extractCandidatesV8T,
} from './candidates.ts';

/** A [1, 4 + classes, anchors] tensor from per-anchor rows [cx, cy, w, h, ...scores]. */
function v8Tensor(rows: number[][]): { data: Float32Array; channels: number; anchors: number } {
  const channels = rows[0]!.length;
  const anchors = rows.length;
  const data = new Float32Array(channels * anchors);
  for (const [a, r] of rows.entries()) for (const [c, v] of r.entries()) data[c * anchors + a] = v;
  return { data, channels, anchors };
}

const rowsOf = (c: Candidates) =>
  Array.from({ length: c.count }, (_, i) =>
    Array.from(c.data.subarray(i * CANDIDATE_STRIDE, (i + 1) * CANDIDATE_STRIDE)),
  );

/** Deterministic values in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe('extractCandidatesV8', () => {
  it('one class: score is the class score, boxes become corners, the floor is strict', () => {
    const t = v8Tensor([
      [100, 50, 20, 10, 0.9],
      [10, 10, 4, 4, 0.25], // at the floor: dropped (score must be > floor)
      [5, 5, 2, 2, 0.3],
    ]);
    const c = extractCandidatesV8(t.data, t.channels, t.anchors, 0.25);
    expect(rowsOf(c)).toEqual([
      [90, 45, 110, 55, expect.closeTo(0.9, 6), 0],
      [4, 4, 6, 6, expect.closeTo(0.3, 6), 0],
    ]);
  });

  it('three classes: the best class wins, ties keep the lower id, no objectness is applied', () => {
    const t = v8Tensor([
      [100, 100, 10, 10, 0.1, 0.7, 0.2],
      [50, 50, 10, 10, 0.6, 0.6, 0.1],
      [20, 20, 10, 10, 0.05, 0.02, 0.09], // best 0.09 < floor
      [0, 0, 2, 2, 0.1, 0.2, 0.95],
    ]);
    const c = extractCandidatesV8(t.data, t.channels, t.anchors, 0.25);
    expect(rowsOf(c).map((r) => [r[4], r[5]])).toEqual([
      [expect.closeTo(0.7, 6), 1],
      [expect.closeTo(0.6, 6), 0],
      [expect.closeTo(0.95, 6), 2],
    ]);
  });

  it('8400 anchors, 3 classes: equals the YOLOv5 decoder on the same rows with objectness 1', () => {
    const anchors = 8400;
    const classes = 3;
    const next = random(7);
    const rows = Array.from({ length: anchors }, () => [
      next() * 640,
      next() * 640,
      next() * 100,
      next() * 100,
      ...Array.from({ length: classes }, () => next() ** 4),
    ]);
    const v8 = v8Tensor(rows);
    const v5 = new Float32Array(rows.flatMap((r) => [...r.slice(0, 4), 1, ...r.slice(4)]));
    const a = extractCandidatesV8(v8.data, v8.channels, anchors, 0.01);
    const b = extractCandidates(v5, anchors, 5 + classes, 0.01);
    expect(a.count).toBeGreaterThan(1000);
    expect(a.count).toBeLessThan(anchors);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('refuses a tensor without any class, or shorter than its dims', () => {
    expect(() => extractCandidatesV8(new Float32Array(40), 4, 10, 0.1)).toThrow(/4 \+ at least one class/);
    expect(() => extractCandidatesV8(new Float32Array(10), 84, 8400, 0.1)).toThrow(/expected 84 x 8400/);
    expect(extractCandidatesV8(new Float32Array(0), 84, 0, 0.1).count).toBe(0);
  });
});

/** The [1, anchors, 4 + classes] tensor of the same rows: one row per anchor. */
const v8tTensor = (rows: number[][]) => Float32Array.from(rows.flat());

describe('extractCandidatesV8T (the YOLOv8 layout transposed)', () => {
  it('rows of cx, cy, w, h, class scores: best class, no objectness, ties keep the lower id, strict floor', () => {
    const rows = [
      [100, 100, 10, 10, 0.1, 0.7, 0.2],
      [50, 50, 10, 10, 0.6, 0.6, 0.1],
      [20, 20, 10, 10, 0.05, 0.02, 0.25], // best 0.25 = floor: dropped
      [0, 0, 2, 2, 0.1, 0.2, 0.95],
    ];
    const c = extractCandidatesV8T(v8tTensor(rows), 4, 7, 0.25);
    expect(rowsOf(c)).toEqual([
      [95, 95, 105, 105, expect.closeTo(0.7, 6), 1],
      [45, 45, 55, 55, expect.closeTo(0.6, 6), 0],
      [-1, -1, 1, 1, expect.closeTo(0.95, 6), 2],
    ]);
  });

  it('8400 anchors, 80 classes: exactly the candidates of the untransposed tensor', () => {
    const next = random(3);
    const rows = Array.from({ length: 8400 }, () => [
      next() * 640,
      next() * 640,
      next() * 100,
      next() * 100,
      ...Array.from({ length: 80 }, () => next() ** 6),
    ]);
    const a = extractCandidatesV8T(v8tTensor(rows), 8400, 84, 0.01);
    const v8 = v8Tensor(rows);
    const b = extractCandidatesV8(v8.data, v8.channels, v8.anchors, 0.01);
    expect(a.count).toBeGreaterThan(1000);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('drops and counts a row with NaN or Infinity anywhere, as the untransposed decoder does', () => {
    const good = [100, 100, 20, 40, 0.8, 0.1];
    const bad = [
      [Number.NaN, 100, 20, 40, 0.8, 0.1],
      [100, 100, 20, Number.NEGATIVE_INFINITY, 0.8, 0.1],
      [100, 100, 20, 40, 0.8, Number.NaN],
      [100, 100, 20, 40, 0.001, Number.POSITIVE_INFINITY], // below the floor, still counted
    ];
    const c = extractCandidatesV8T(v8tTensor([good, ...bad, good]), 6, 6, 0.01);
    expect(c).toMatchObject({ count: 2, nonFinite: 4 });
    const v8 = v8Tensor([good, ...bad, good]);
    expect(extractCandidatesV8(v8.data, 6, 6, 0.01).nonFinite).toBe(4);
  });

  it('refuses rows without any class, or a tensor shorter than its dims', () => {
    expect(() => extractCandidatesV8T(new Float32Array(40), 10, 4, 0.1)).toThrow(/4 \+ at least one class/);
    expect(() => extractCandidatesV8T(new Float32Array(10), 8400, 84, 0.1)).toThrow(/expected 8400 x 84/);
  });
});

describe('decodeOutput', () => {
  it('reads the dims the way the config says', () => {
    const t = v8Tensor([
      [10, 10, 4, 4, 0.9],
      [20, 20, 4, 4, 0.1],
    ]);
    expect(decodeOutput('yolov8', t.data, [1, 5, 2], 0.25, 1).count).toBe(1);
    const v5 = new Float32Array([10, 10, 4, 4, 0.9, 0.9, 20, 20, 4, 4, 0.1, 0.1]);
    expect(decodeOutput('yolov5', v5, [1, 2, 6], 0.25, 1).count).toBe(1);
    expect(() => decodeOutput('yolov5', v5, [2, 6], 0.25, 1)).toThrow(/output is \[2, 6\], expected rank 3/);
  });

  it('refuses an output whose class dimension does not fit the labels in the named layout', () => {
    // A YOLOv5 output read as yolov8 (its shape was symbolic in the header): refused, not decoded.
    expect(() => decodeOutput('yolov8', new Float32Array(18900 * 85), [1, 18900, 85], 0.01, 80)).toThrow(
      "the model's output is [1, 18900, 85], not the yolov8 layout for 80 labels ([1, 84, anchors]); check model.output.format and labels in the config",
    );
    expect(() => decodeOutput('yolov5', new Float32Array(84 * 100), [1, 84, 100], 0.01, 80)).toThrow(
      'not the yolov5 layout for 80 labels ([1, anchors, 85])',
    );
    expect(() => decodeOutput('yolov8-transposed', new Float32Array(84 * 100), [1, 84, 100], 0.01, 80)).toThrow(
      "the model's output is [1, 84, 100], not the yolov8-transposed layout for 80 labels ([1, anchors, 84]); check model.output.format and labels in the config",
    );
    const t = v8tTensor([
      [10, 10, 4, 4, 0.9],
      [20, 20, 4, 4, 0.1],
    ]);
    expect(decodeOutput('yolov8-transposed', t, [1, 2, 5], 0.25, 1).count).toBe(1);
  });
});

const V8_640 = sharedFile('models/yolov8-layout/yolov8-layout-640.onnx');
const V5_640 = `${SHARED_MODELS}/yolov5n-640.onnx`;
const haveModels = existsSync(V8_640) && existsSync(V5_640);

describe.skipIf(!haveModels)(`real models${haveModels ? '' : ' (skipped: ../shared not found)'}`, () => {
  it('yolov8-layout-640 decoded as yolov8 gives the candidates yolov5n-640 gives as yolov5', async () => {
    const ort = await import('onnxruntime-node');
    const next = random(11);
    const input = new Float32Array(3 * 640 * 640).map(() => next());
    const run = async (file: string) => {
      const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
      try {
        const out = await session.run({ images: new ort.Tensor('float32', input, [1, 3, 640, 640]) });
        const t = out.output0!;
        return { data: t.data as Float32Array, dims: t.dims.map(Number) };
      } finally {
        await session.release();
      }
    };
    const v5 = await run(V5_640);
    const v8 = await run(V8_640);
    expect(v8.dims).toEqual([1, 84, 25200]);
    const a = decodeOutput('yolov8', v8.data, v8.dims, 1e-4, 80);
    const b = decodeOutput('yolov5', v5.data, v5.dims, 1e-4, 80);
    console.log(`real models: ${a.count} candidates above 1e-4`);
    expect(a.count).toBeGreaterThan(50);
    expect(a.count).toBe(b.count);
    const ra = rowsOf(a);
    const rb = rowsOf(b);
    for (let i = 0; i < ra.length; i++) {
      expect(ra[i]![5], `candidate ${i} class`).toBe(rb[i]![5]);
      for (let k = 0; k < 5; k++) expect(ra[i]![k]).toBeCloseTo(rb[i]![k]!, 4);
    }
  }, 60_000);
});
