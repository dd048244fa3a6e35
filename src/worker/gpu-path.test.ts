import type * as Ort from 'onnxruntime-web';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { runtimeConfig } from '../test-support/runtime-config.ts';
import { ALL_LEVERS } from '../gpu/levers.ts';
import { type TestGpu, testGpu } from '../test-support/dawn.ts';
import { createGpuSession } from './gpu-path.ts';
import type { OrtModule } from './worker-deps.ts';

/**
 * Session creation per lever set, with ORT's session creation replaced by a
 * recorder (a WebGPU session on SwiftShader takes minutes; the e2e suite runs
 * real ones). The detector's passes are built on a real Dawn device.
 */
const config = (input: RuntimeConfig['input']): RuntimeConfig =>
  runtimeConfig({ id: 't', name: 't', input, labels: ['a'] });
const fakeSession = (n: number) =>
  ({
    id: n,
    outputMetadata: [{ name: 'output0', isTensor: true, type: 'float32', shape: [1, 6300, 6] }],
  }) as unknown as Ort.InferenceSession;

const STATIC_320: RuntimeConfig['input'] = { kind: 'static', width: 320, height: 320 };

let gpu: TestGpu = { reason: 'not opened yet' };

describe('createGpuSession', () => {
  beforeAll(async () => {
    gpu = await testGpu();
  });
  beforeEach((ctx) => {
    if (!gpu.device) ctx.skip(gpu.reason);
  });

  function harness(fail: (o: Ort.InferenceSession.SessionOptions) => string | null, device?: Promise<GPUDevice>) {
    const calls: Ort.InferenceSession.SessionOptions[] = [];
    const released: number[] = [];
    const ort = { env: { webgpu: { device: device ?? Promise.resolve(gpu.device!) } } } as unknown as OrtModule;
    const create = async (o: Ort.InferenceSession.SessionOptions) => {
      calls.push(o);
      const why = fail(o);
      if (why) throw new Error(why);
      return fakeSession(calls.length);
    };
    const release = async (s: Ort.InferenceSession) => {
      released.push((s as unknown as { id: number }).id);
    };
    /** Creates a session through the harness with all levers wanted. */
    const run = (base: Ort.InferenceSession.SessionOptions, input: RuntimeConfig['input'] = STATIC_320) =>
      createGpuSession(ort, create, release, base, config(input), ALL_LEVERS);
    return { run, calls, released };
  }

  it('static model, all levers: GPU output and graph capture in the options; all levers run', async () => {
    const h = harness(() => null);
    const r = await h.run({ executionProviders: ['webgpu'] });
    expect(h.calls).toEqual([
      { executionProviders: ['webgpu'], preferredOutputLocation: 'gpu-buffer', enableGraphCapture: true },
    ]);
    expect(r.detector?.levers).toEqual(ALL_LEVERS);
    expect(r.note).toBe('');
    r.detector?.destroy();
  });

  it('graph capture refused at creation: created again without it, and the note says so', async () => {
    const h = harness((o) => (o.enableGraphCapture ? 'graph capture is not supported for this model' : null));
    const r = await h.run({});
    expect(h.calls.map((c) => c.enableGraphCapture ?? false)).toEqual([true, false]);
    expect(h.calls[1]).toEqual({ preferredOutputLocation: 'gpu-buffer' });
    expect(r.detector?.levers).toEqual({ preprocess: true, output: true, graphCapture: false });
    expect(r.note).toBe(
      'Graph capture could not start (graph capture is not supported for this model); running without it.',
    );
    r.detector?.destroy();
  });

  it('dynamic model: no graph capture, said in the note', async () => {
    const h = harness(() => null);
    const r = await h.run({}, { kind: 'dynamic', maxSide: 640 });
    expect(h.calls).toEqual([{ preferredOutputLocation: 'gpu-buffer' }]);
    expect(r.detector?.levers.graphCapture).toBe(false);
    expect(r.note).toMatch(/Graph capture is off for this model: its input size changes per image/);
    r.detector?.destroy();
  });

  it("ORT's device unavailable: the GPU session is released and a plain one made, with a note", async () => {
    const h = harness(() => null, Promise.reject(new Error('device lost')));
    const r = await h.run({ executionProviders: ['webgpu'] });
    expect(h.released).toEqual([1]);
    expect(h.calls[1]).toEqual({ executionProviders: ['webgpu'] });
    expect(r.detector).toBeNull();
    expect(r.note).toBe(
      'GPU preprocessing, GPU-side output and graph capture are off (device lost); WebGPU still runs the model, with its input and output copied through the CPU.',
    );
  });
});
