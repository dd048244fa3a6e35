// Each builder on its own: fixed facts, defaults recorded by path, values carried over.
import { describe, expect, it } from 'vitest';
import type { BuildContext } from './index.ts';
import { v1, v2, v3 } from './index.ts';

function context(id = 'b') {
  const defaults: string[] = [];
  const ctx: BuildContext = {
    id,
    withDefault(path, value, fallback) {
      if (value !== undefined) return value;
      defaults.push(`${path} = ${JSON.stringify(fallback)}`);
      return fallback;
    },
    warn: () => {},
  };
  return { ctx, defaults };
}

describe('v1 builder', () => {
  it('fills the fixed v1 facts without reporting them as defaults', () => {
    const { ctx, defaults } = context('legacy');
    const config = v1.build({ model_path: 'm.onnx', input_size: 320, classes: ['a', 'b'] }, ctx);
    expect(config).toEqual({
      id: 'legacy',
      name: 'legacy',
      schemaVersion: 1,
      modelFile: 'm.onnx',
      inputName: 'images',
      outputName: 'output0',
      outputFormat: 'yolov5',
      input: { kind: 'static', width: 320, height: 320 },
      stride: 32,
      padValue: 114,
      confidence: 0.25,
      iou: 0.45,
      maxDetections: 300,
      classAgnostic: false,
      labels: ['a', 'b'],
    });
    expect(defaults).toEqual(['conf_threshold = 0.25', 'iou_threshold = 0.45']);
  });

  it('keeps given thresholds', () => {
    const { ctx, defaults } = context();
    const config = v1.build(
      { model_path: 'm.onnx', input_size: 640, conf_threshold: 0.5, iou_threshold: 1, classes: ['a'] },
      ctx,
    );
    expect([config.confidence, config.iou]).toEqual([0.5, 1]);
    expect(defaults).toEqual([]);
  });
});

describe('v2 builder', () => {
  const minimal = {
    schema_version: 2 as const,
    name: 'N',
    model: {
      file: 'f.onnx',
      input: { name: 'in', dynamic: { max_side: 512 } },
      output: { name: 'out', format: 'yolov5' as const },
    },
    labels: ['a'],
  };

  it('reports every optional key it filled, by its v2 path', () => {
    const { ctx, defaults } = context();
    const config = v2.build(minimal, ctx);
    expect(config).toMatchObject({
      name: 'N',
      inputName: 'in',
      outputName: 'out',
      input: { kind: 'dynamic', maxSide: 512 },
    });
    expect(defaults).toEqual([
      'model.stride = 32',
      'preprocess.pad_value = 114',
      'postprocess.confidence = 0.25',
      'postprocess.iou = 0.45',
      'postprocess.max_detections = 300',
      'postprocess.class_agnostic = false',
    ]);
  });

  it('maps a static size as [width, height]', () => {
    const { ctx } = context();
    const config = v2.build({ ...minimal, model: { ...minimal.model, input: { name: 'in', size: [640, 384] } } }, ctx);
    expect(config.input).toEqual({ kind: 'static', width: 640, height: 384 });
  });
});

describe('v3 builder', () => {
  const doc = (format: 'yolov5' | 'yolov8') => ({
    schema_version: 3 as const,
    name: 'N',
    model: {
      file: 'f.onnx',
      input: { name: 'in', size: [640, 640] as [number, number] },
      output: { name: 'out', format },
    },
    labels: ['a', 'b', 'c'],
  });

  it('carries the output layout and its own version; the rest as v2', () => {
    const { ctx, defaults } = context();
    const eight = v3.build(doc('yolov8'), ctx);
    expect(eight).toMatchObject({ schemaVersion: 3, outputFormat: 'yolov8', input: { kind: 'static', width: 640 } });
    expect(defaults).toContain('model.stride = 32');
    expect(v3.build(doc('yolov5'), context().ctx).outputFormat).toBe('yolov5');
    const { schemaVersion: _a, outputFormat: _b, ...rest3 } = eight;
    const {
      schemaVersion: _c,
      outputFormat: _d,
      ...rest2
    } = v2.build(
      {
        ...doc('yolov5'),
        schema_version: 2,
        model: { ...doc('yolov5').model, output: { name: 'out', format: 'yolov5' } },
      },
      context().ctx,
    );
    expect(rest3).toEqual(rest2);
  });
});
