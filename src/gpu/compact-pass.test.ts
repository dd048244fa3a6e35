import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-node';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CANDIDATE_STRIDE, type Candidates, extractCandidates, extractCandidatesV8T } from '../detect/candidates.ts';
import { planLetterbox } from '../detect/letterbox.ts';
import { type TestGpu, testGpu } from '../test-support/dawn.ts';
import { transposeOutput } from '../test-support/onnx-edit.ts';
import { HAVE_SHARED, sharedFile } from '../test-support/shared.ts';
import { bilinearLetterbox } from './bilinear-letterbox.ts';
import { CompactPass } from './compact-pass.ts';
import { type OutputLayout, outputShape } from './output-layout.ts';

/**
 * GPU compaction against the CPU decoder (detect/candidates.ts), compared as
 * sets (atomic slots make the GPU's order vary). Recorded outputs come from
 * onnxruntime-node running the shared models on bus.jpg (decoded with
 * jpeg-js, letterboxed by the TypeScript bilinear letterbox); a generated
 * output covers machines without ../shared.
 */
let gpu: TestGpu = { reason: 'not opened yet' };
const FLOOR = 0.01;

interface Output {
  data: Float32Array;
  dims: number[];
}

async function runModel(file: string | Uint8Array): Promise<Output> {
  const img = jpeg.decode(readFileSync(sharedFile('images/bus.jpg')), { useTArray: true, formatAsRGBA: true });
  const plan = planLetterbox(img.width, img.height, { kind: 'static', width: 320, height: 320 }, 32);
  const input = bilinearLetterbox(img.data, img.width, img.height, plan, 114);
  // One overload takes a path, another bytes; a union matches neither.
  const session =
    typeof file === 'string' ? await ort.InferenceSession.create(file) : await ort.InferenceSession.create(file);
  try {
    const out = (await session.run({ images: new ort.Tensor('float32', input, [1, 3, 320, 320]) })).output0!;
    return { data: out.data as Float32Array, dims: out.dims.map(Number) };
  } finally {
    await session.release();
  }
}

/** Rows with random boxes and scores, some objectness high, most low: a YOLOv5 output with a known answer. */
function generatedV5(rows: number, classes: number): Output {
  const cols = 5 + classes;
  const data = new Float32Array(rows * cols);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    data[o] = rand() * 320;
    data[o + 1] = rand() * 320;
    data[o + 2] = rand() * 100;
    data[o + 3] = rand() * 100;
    data[o + 4] = rand() < 0.1 ? rand() : rand() * 0.01;
    for (let c = 0; c < classes; c++) data[o + 5 + c] = rand();
  }
  return { data, dims: [1, rows, cols] };
}

function cpuDecode(out: Output): Candidates {
  return extractCandidates(out.data, out.dims[1]!, out.dims[2]!, FLOOR);
}

/**
 * Same candidates as sets: each CPU row matched once by a GPU row with the same
 * class and the same box and score (float32 vs float64 products: 1e-5). A row
 * within 1e-6 of the floor may fall either side of it on the two, so it may be missing.
 */
function expectSameSet(gpuC: Candidates, cpuC: Candidates): void {
  const rows = (c: Candidates) =>
    Array.from({ length: c.count }, (_, i) =>
      Array.from(c.data.subarray(i * CANDIDATE_STRIDE, (i + 1) * CANDIDATE_STRIDE)),
    );
  const g = rows(gpuC);
  const used = new Set<number>();
  for (const want of rows(cpuC)) {
    const k = g.findIndex(
      (got, j) =>
        !used.has(j) &&
        got[5] === want[5] &&
        got.every(
          (v, i) =>
            Math.abs(v - want[i]!) <= 1e-3 * Math.max(1, Math.abs(want[i]!)) &&
            (i !== 4 || Math.abs(v - want[4]!) <= 1e-5),
        ),
    );
    if (k < 0 && Math.abs(want[4]! - FLOOR) < 1e-6) continue;
    expect(k, `CPU candidate ${want.map((v) => v.toFixed(3)).join(', ')} not found on the GPU`).toBeGreaterThanOrEqual(
      0,
    );
    used.add(k);
  }
  const extra = g.filter((_, j) => !used.has(j)).filter((r) => Math.abs(r[4]! - FLOOR) >= 1e-6);
  expect(extra, 'GPU candidates the CPU does not have').toEqual([]);
}

describe('GPU candidate compaction (Dawn in Node; SwiftShader where there is no GPU)', () => {
  beforeAll(async () => {
    gpu = await testGpu();
  });
  beforeEach((ctx) => {
    if (!gpu.device) ctx.skip(gpu.reason);
  });

  async function compact(out: Output, layout: OutputLayout, capacity?: number) {
    const device = gpu.device!;
    const pass = await CompactPass.create(device, capacity);
    const buffer = device.createBuffer({
      size: out.data.byteLength,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    try {
      device.queue.writeBuffer(buffer, 0, out.data);
      const encoder = device.createCommandEncoder();
      pass.encode(encoder, buffer, outputShape(layout, out.dims), FLOOR);
      device.queue.submit([encoder.finish()]);
      return { result: await pass.read(), readbackBytes: pass.readbackBytes };
    } finally {
      buffer.destroy();
      pass.destroy();
    }
  }

  it('a generated YOLOv5 output: the same candidates as the CPU decode, and a readback under 64 KB', async () => {
    const out = generatedV5(6300, 80);
    const want = cpuDecode(out);
    expect(want.count).toBeGreaterThan(50);
    const { result, readbackBytes } = await compact(out, 'yolov5');
    expect(result.overflow).toBe(false);
    expectSameSet(result, want);
    expect(readbackBytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('rows holding NaN or Infinity are dropped and counted as the CPU decode does', async () => {
    const out = generatedV5(6300, 80);
    const poison = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    // Objectness, a box value and a class score, in rows that pass the floor and in rows that do not.
    for (let r = 0; r < 300; r++) out.data[r * 85 + [4, 2, 5 + (r % 80)][r % 3]!] = poison[r % 3]!;
    const want = extractCandidates(out.data, 6300, 85, FLOOR);
    expect(want.nonFinite).toBeGreaterThan(50);
    const { result } = await compact(out, 'yolov5');
    expect(result.nonFinite).toBe(want.nonFinite);
    expectSameSet(result, want);
  });

  it('an empty output (nothing clears the floor): no candidates, no overflow', async () => {
    const out = generatedV5(6300, 80);
    for (let r = 0; r < 6300; r++) out.data[r * 85 + 4] = 0.005;
    expect(cpuDecode(out).count).toBe(0);
    const { result } = await compact(out, 'yolov5');
    expect(result).toMatchObject({ count: 0, found: 0, overflow: false });
  });

  it('an overflow: more candidates than slots is flagged, with the true count', async () => {
    const out = generatedV5(6300, 80);
    const want = cpuDecode(out);
    const { result } = await compact(out, 'yolov5', 16);
    expect(result.overflow).toBe(true);
    expect(result.count).toBe(0);
    expect(Math.abs(result.found - want.count)).toBeLessThanOrEqual(1);
  });

  it.skipIf(!HAVE_SHARED)('recorded yolov5n-320 output on bus.jpg: the same candidates as the CPU decode', async () => {
    const out = await runModel(sharedFile('models/yolov5n/yolov5n-320.onnx'));
    const want = cpuDecode(out);
    expect(want.count).toBeGreaterThan(100);
    const { result } = await compact(out, 'yolov5');
    expect(result.overflow).toBe(false);
    expectSameSet(result, want);
  });

  it.skipIf(!HAVE_SHARED)(
    'recorded YOLOv8-layout output [1, 84, 6300]: the same candidates as the YOLOv5 decode of the same weights',
    async () => {
      // shared/models/yolov8-layout: the same weights with class score = objectness × class, transposed.
      const v8 = await runModel(sharedFile('models/yolov8-layout/yolov8-layout-320.onnx'));
      expect(v8.dims).toEqual([1, 84, 6300]);
      const want = cpuDecode(await runModel(sharedFile('models/yolov5n/yolov5n-320.onnx')));
      const { result } = await compact(v8, 'yolov8');
      expect(result.overflow).toBe(false);
      expectSameSet(result, want);
    },
  );

  it('a generated transposed YOLOv8 output [1, rows, 4 + C]: the same candidates and NaN count as the CPU decode', async () => {
    // YOLOv5 rows without objectness are rows of the transposed layout; poison a few values.
    const v5 = generatedV5(6300, 80);
    const data = new Float32Array(6300 * 84);
    for (let r = 0; r < 6300; r++) {
      data.set(v5.data.subarray(r * 85, r * 85 + 4), r * 84);
      data.set(v5.data.subarray(r * 85 + 5, r * 85 + 85), r * 84 + 4);
    }
    for (let r = 0; r < 6300; r += 97) data[r * 84 + (r % 84)] = Number.NaN;
    const out = { data, dims: [1, 6300, 84] };
    const want = extractCandidatesV8T(data, 6300, 84, FLOOR);
    expect(want.count).toBeGreaterThan(500);
    expect(want.nonFinite).toBe(65);
    const { result } = await compact(out, 'yolov8-transposed', 8192);
    expect(result.overflow).toBe(false);
    expect(result.nonFinite).toBe(want.nonFinite);
    expectSameSet(result, want);
  });

  it.skipIf(!HAVE_SHARED)(
    'recorded transposed YOLOv8-layout output [1, 6300, 84] (a Transpose appended): the same candidates as the YOLOv5 decode of the same weights',
    async () => {
      const model = new Uint8Array(readFileSync(sharedFile('models/yolov8-layout/yolov8-layout-320.onnx')));
      const t = await runModel(transposeOutput(model));
      expect(t.dims).toEqual([1, 6300, 84]);
      const want = cpuDecode(await runModel(sharedFile('models/yolov5n/yolov5n-320.onnx')));
      const { result } = await compact(t, 'yolov8-transposed');
      expect(result.overflow).toBe(false);
      expectSameSet(result, want);
    },
  );

  it.skipIf(!HAVE_SHARED)(
    'recorded output, overflow: flagged when the buffer is smaller than the candidates',
    async () => {
      const out = await runModel(sharedFile('models/yolov5n/yolov5n-320.onnx'));
      const want = cpuDecode(out);
      const { result } = await compact(out, 'yolov5', Math.floor(want.count / 2));
      expect(result).toMatchObject({ overflow: true, count: 0 });
      expect(Math.abs(result.found - want.count)).toBeLessThanOrEqual(1);
    },
  );
});
