// onnxruntime's own errors for models it refuses, turned into words. The
// messages come from the real runtime (onnxruntime-node shares its core with
// onnxruntime-web), on models built here that pass our own header check.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { tinyModel } from '../test-support/protobuf-writer.ts';
import { cleanRuntimeMessage, explainRuntimeError } from './runtime-errors.ts';

async function runtimeMessage(bytes: Uint8Array, input?: [number, number]): Promise<string> {
  try {
    const session = await ort.InferenceSession.create(bytes);
    try {
      const [h, w] = input ?? [32, 32];
      await session.run({ images: new ort.Tensor('float32', new Float32Array(3 * h * w), [1, 3, h, w]) });
    } finally {
      await session.release();
    }
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected onnxruntime to refuse the model');
}

describe('explainRuntimeError on real onnxruntime refusals', () => {
  it('an IR version newer than the runtime', async () => {
    const raw = await runtimeMessage(tinyModel({ irVersion: 99 }));
    const text = explainRuntimeError(raw);
    expect(text).toMatch(/^the model's ONNX IR version 99 is newer than this app's onnxruntime reads \(up to \d+\)/);
    expect(text).toContain('(onnxruntime: ');
    expect(text).not.toMatch(/onnxruntime_src|\.cc:\d+|onnxruntime::/);
  });

  it('an operator the runtime does not have', async () => {
    const text = explainRuntimeError(await runtimeMessage(tinyModel({ op: 'NoSuchOp' })));
    expect(text).toMatch(/^the model uses the operator NoSuchOp \(opset 12\), which onnxruntime does not have/);
  });

  it('weights in external data', async () => {
    const text = explainRuntimeError(await runtimeMessage(tinyModel({ external: true })));
    expect(text).toMatch(/^the model keeps its weights in a separate file \(ONNX external data\)/);
  });

  it('a graph that is created but fails its first run', async () => {
    const raw = await runtimeMessage(tinyModel());
    const text = explainRuntimeError(raw);
    expect(text).toMatch(/^onnxruntime created the model but it failed its test run on a blank image/);
    expect(text).toContain('cannot be reshaped');
    expect(text.length).toBeLessThan(700);
  });
});

describe('cleanRuntimeMessage', () => {
  it("drops onnxruntime-web's prefixes, source paths and signatures, and cuts long text", () => {
    const raw =
      "Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: /onnxruntime/onnxruntime/core/graph/model.cc:181 onnxruntime::Model::Model(onnx::ModelProto &&, const PathString &) Unsupported model IR version: 11";
    expect(cleanRuntimeMessage(raw)).toBe('Unsupported model IR version: 11');
    expect(cleanRuntimeMessage('x'.repeat(10_000))).toHaveLength(300);
    expect(cleanRuntimeMessage('')).toBe('no message');
  });

  it('an unknown message keeps its text under a generic explanation', () => {
    expect(explainRuntimeError('something odd')).toBe('onnxruntime could not start it (onnxruntime: something odd)');
  });
});
