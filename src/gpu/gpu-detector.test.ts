import { Tensor } from 'onnxruntime-common';
import type * as Ort from 'onnxruntime-web';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractCandidates } from '../detect/candidates.ts';
import { planLetterbox } from '../detect/letterbox.ts';
import { type TestGpu, testGpu } from '../test-support/dawn.ts';
import { bilinearLetterbox } from './bilinear-letterbox.ts';
import { readWholeBuffer } from './compact-pass.ts';
import { GpuDetector, type GpuFrameRequest } from './gpu-detector.ts';
import { ALL_LEVERS, type GpuLevers, NO_LEVERS } from './levers.ts';

/**
 * The detector's orchestration on a real Dawn device, with ORT's session
 * replaced by one that records its input (read back from the GPU when it is
 * a GPU buffer) and answers a prepared YOLOv5 output, on the GPU or the CPU as
 * the session options would. Whole sessions run in the e2e suite.
 */
let gpu: TestGpu = { reason: 'not opened yet' };
const W = 64;
const H = 48;
const plan = planLetterbox(W, H, { kind: 'static', width: 64, height: 64 }, 32);
const rgba = Uint8Array.from({ length: W * H * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
const ROWS = 3000;
const COLS = 6;

/** `hits` rows clear the floor (score 0.5 × 0.9), the rest do not. */
function output(hits: number): Float32Array {
  const o = new Float32Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) o.set([r % 64, r % 48, 10, 12, r < hits ? 0.5 : 0.001, 0.9], r * COLS);
  return o;
}

function fakeSession(device: GPUDevice, out: Float32Array, onGpu: boolean) {
  const seen: { input: Float32Array | null } = { input: null };
  const session = {
    outputMetadata: [{ name: 'output0', isTensor: true, type: 'float32', shape: [1, ROWS, COLS] }],
    async run(feeds: Record<string, Ort.Tensor>, fetches?: Record<string, Ort.Tensor>) {
      const x = feeds.images!;
      seen.input =
        x.location === 'gpu-buffer'
          ? await readWholeBuffer(device, x.gpuBuffer as GPUBuffer, x.size * 4)
          : (x.data as Float32Array).slice();
      const target = fetches?.output0;
      if (target) {
        device.queue.writeBuffer(target.gpuBuffer as GPUBuffer, 0, out);
        return { output0: target };
      }
      if (!onGpu) return { output0: new Tensor('float32', out, [1, ROWS, COLS]) };
      const buffer = device.createBuffer({
        size: out.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(buffer, 0, out);
      return {
        output0: Tensor.fromGpuBuffer(buffer, {
          dataType: 'float32',
          dims: [1, ROWS, COLS],
          dispose: () => buffer.destroy(),
        }),
      };
    },
  };
  return { session: session as unknown as Ort.InferenceSession, seen };
}

describe('GpuDetector (Dawn in Node; SwiftShader where there is no GPU)', () => {
  beforeAll(async () => {
    gpu = await testGpu();
  });
  beforeEach((ctx) => {
    if (!gpu.device) ctx.skip(gpu.reason);
  });

  async function detect(
    levers: GpuLevers,
    hits: number,
    frame: GpuFrameRequest['frame'] = { width: W, height: H, rgba },
  ) {
    const device = gpu.device!;
    const out = output(hits);
    const { session, seen } = fakeSession(device, out, levers.output || levers.graphCapture);
    const d = await GpuDetector.create(
      { Tensor } as never,
      session,
      device,
      {
        inputName: 'images',
        outputName: 'output0',
        layout: 'yolov5',
        padValue: 114,
      },
      levers,
    );
    let cpuLetterboxes = 0;
    try {
      const r = await d.detect({
        frame,
        plan,
        minScore: 0.01,
        cpuLetterbox: () => {
          cpuLetterboxes++;
          return bilinearLetterbox(rgba, W, H, plan, 114);
        },
        cpuDecode: (data, dims) => extractCandidates(data, dims[1]!, dims[2]!, 0.01),
      });
      return { r, seen, cpuLetterboxes, want: extractCandidates(out, ROWS, COLS, 0.01), live: d.liveResources, d };
    } finally {
      d.destroy();
    }
  }

  const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
  const sortRows = (c: { data: Float32Array; count: number }) =>
    Array.from({ length: c.count }, (_, i) => Array.from(c.data.subarray(i * 6, i * 6 + 6)).join()).sort();

  it('all levers: the input is the letterbox (GPU), only the compacted buffer comes back, candidates as the CPU decode', async () => {
    const { r, seen, cpuLetterboxes, want } = await detect(ALL_LEVERS, 300);
    expect(cpuLetterboxes).toBe(0);
    expect(maxDiff(seen.input!, bilinearLetterbox(rgba, W, H, plan, 114))).toBeLessThanOrEqual(1 / 255);
    expect(r).toMatchObject({ levers: ALL_LEVERS, overflow: false, readbackBytes: 16 + 2048 * 24, note: '' });
    expect(sortRows(r)).toEqual(sortRows(want));
  });

  it('no levers: a CPU tensor in, the whole output back, decoded on the CPU', async () => {
    const { r, seen, cpuLetterboxes, want } = await detect(NO_LEVERS, 300);
    expect(cpuLetterboxes).toBe(1);
    expect(seen.input!.length).toBe(3 * 64 * 64);
    expect(r).toMatchObject({ levers: NO_LEVERS, overflow: false, readbackBytes: ROWS * COLS * 4 });
    expect(sortRows(r)).toEqual(sortRows(want));
  });

  it('overflow: more candidates than slots, so the frame is read back whole and decoded on the CPU, and says so', async () => {
    const { r, want } = await detect(ALL_LEVERS, 2500);
    expect(r.overflow).toBe(true);
    expect(r.readbackBytes).toBe(16 + 2048 * 24 + ROWS * COLS * 4);
    expect(r.note).toMatch(/2500 candidates cleared the floor, more than the 2048 the GPU buffer holds/);
    expect(r.count).toBe(2500);
    expect(sortRows(r)).toEqual(sortRows(want));
  });

  it('a frame the GPU pass cannot take is letterboxed on the CPU into the same input buffer, with a note', async () => {
    const max = gpu.device!.limits.maxTextureDimension2D;
    const { r, seen, cpuLetterboxes } = await detect(ALL_LEVERS, 10, { width: max + 1, height: H, rgba });
    expect(cpuLetterboxes).toBe(1);
    expect(r.levers.preprocess).toBe(false);
    expect(r.note).toMatch(/exceeds the GPU's texture limit; it was letterboxed on the CPU/);
    expect(maxDiff(seen.input!, bilinearLetterbox(rgba, W, H, plan, 114))).toBe(0);
  });

  it('releases its buffers and textures', async () => {
    // The input buffer, the letterbox pass and the compaction pass; ORT owns the output.
    const { live, d } = await detect(ALL_LEVERS, 10);
    expect(live).toBe(3);
    expect(d.liveResources).toBe(0);
  });
});
