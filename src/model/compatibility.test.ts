import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { checkModelAgainstConfig } from './compatibility.ts';
import { readOnnxInfo, type OnnxInfo } from './onnx-info.ts';
import { describeShared, HAVE_SHARED, SHARED_MODELS } from '../test-support/shared.ts';

// Read at collection time; without ../shared the suite below is skipped and these stay unused.
const info = (file: string): OnnxInfo =>
  HAVE_SHARED ? readOnnxInfo(new Uint8Array(readFileSync(`${SHARED_MODELS}/${file}`))) : (null as unknown as OnnxInfo);
const m640 = info('yolov5n-640.onnx');
const m320 = info('yolov5n-320.onnx');
const mDyn = info('yolov5n-dynamic.onnx');
const COCO = HAVE_SHARED ? m640.names! : [];

function config(over: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return {
    id: 'yolov5n',
    name: 'YOLOv5n',
    schemaVersion: 2,
    modelFile: 'yolov5n-640.onnx',
    inputName: 'images',
    outputName: 'output0',
    outputFormat: 'yolov5',
    input: { kind: 'static', width: 640, height: 640 },
    stride: 32,
    padValue: 114,
    confidence: 0.25,
    iou: 0.45,
    maxDetections: 300,
    classAgnostic: false,
    labels: [...COCO],
    ...over,
  };
}

describeShared('checkModelAgainstConfig', () => {
  it('640 model vs 640 config: no errors, no warnings', () => {
    expect(checkModelAgainstConfig(m640, config(), 'yolov5n-640.onnx')).toEqual({ errors: [], warnings: [] });
  });

  it('320 model vs 640 config names both sizes and the fix', () => {
    const r = checkModelAgainstConfig(m320, config(), 'yolov5n-320.onnx');
    expect(r.errors).toEqual([
      {
        path: 'model.input.size',
        message:
          'config says 640x640, model takes 320x320 (yolov5n-320.onnx); update the config or use the matching model',
      },
    ]);
  });

  it('79 labels: error names both counts and the output dim', () => {
    const r = checkModelAgainstConfig(m640, config({ labels: COCO.slice(0, 79) }), 'yolov5n-640.onnx');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('labels');
    expect(r.errors[0]!.message).toContain(
      'config lists 79 labels, model outputs 80 classes (output0 last dimension 85 = 5 + 80)',
    );
  });

  it('label count mismatch on the dynamic model comes from names metadata', () => {
    const r = checkModelAgainstConfig(
      mDyn,
      config({ input: { kind: 'dynamic', maxSide: 640 }, labels: COCO.slice(0, 79) }),
      'd.onnx',
    );
    expect(r.errors.map((e) => e.path)).toEqual(['labels']);
    expect(r.errors[0]!.message).toContain('config lists 79 labels, d.onnx names metadata lists 80 classes');
  });

  it('wrong input name lists the model inputs', () => {
    const r = checkModelAgainstConfig(m640, config({ inputName: 'input' }), 'm.onnx');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('model.input.name');
    expect(r.errors[0]!.message).toContain('config says input "input", m.onnx has "images"');
  });

  it('wrong output name lists the model outputs', () => {
    const r = checkModelAgainstConfig(m640, config({ outputName: 'output' }), 'm.onnx');
    expect(r.errors.map((e) => e.path)).toEqual(['model.output.name']);
    expect(r.errors[0]!.message).toContain('config says output "output", m.onnx has "output0"');
  });

  it('dynamic config vs static model', () => {
    const r = checkModelAgainstConfig(m640, config({ input: { kind: 'dynamic', maxSide: 640 } }), 'yolov5n-640.onnx');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('model.input.dynamic');
    expect(r.errors[0]!.message).toContain('fixed 640x640 input (yolov5n-640.onnx); use model.input.size: [640, 640]');
  });

  it('static config vs dynamic model is fine', () => {
    expect(
      checkModelAgainstConfig(mDyn, config({ input: { kind: 'static', width: 320, height: 320 } }), 'd.onnx'),
    ).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('dynamic config vs dynamic model is fine', () => {
    expect(checkModelAgainstConfig(mDyn, config({ input: { kind: 'dynamic', maxSide: 640 } }), 'd.onnx')).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('metadata stride mismatch', () => {
    const r = checkModelAgainstConfig(m640, config({ stride: 64 }), 'm.onnx');
    expect(r.errors).toEqual([
      { path: 'model.stride', message: 'config says stride 64, m.onnx metadata says stride 32; set model.stride: 32' },
    ]);
  });

  it('same count, different names: warning listing up to 3 differences', () => {
    const labels = [...COCO];
    labels[3] = 'motorbike';
    labels[4] = 'aeroplane';
    labels[5] = 'omnibus';
    labels[6] = 'railway';
    const r = checkModelAgainstConfig(m640, config({ labels }), 'm.onnx');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('4 labels differ');
    expect(r.warnings[0]).toContain('labels[3]: config "motorbike", model "motorcycle"');
    expect(r.warnings[0]).toContain('labels[5]: config "omnibus", model "bus"');
    expect(r.warnings[0]).not.toContain('railway');
  });

  it('non-float input and wrong rank output are reported', () => {
    const odd: OnnxInfo = {
      ...m640,
      inputs: [{ name: 'images', elemType: 'float16', shape: [1, 3, 640, 640] }],
      outputs: [{ name: 'output0', elemType: 'float32', shape: [1, 85, 8400, 1] }],
    };
    const r = checkModelAgainstConfig(odd, config(), 'odd.onnx');
    expect(r.errors.map((e) => e.path)).toEqual(['model.input.name', 'model.output.name']);
    expect(r.errors[0]!.message).toContain('float16');
    expect(r.errors[1]!.message).toContain('rank 4');
  });

  it('symbolic class dim without names metadata gives a warning', () => {
    const bare: OnnxInfo = { ...mDyn, metadata: {}, names: null, stride: null };
    const r = checkModelAgainstConfig(bare, config({ input: { kind: 'dynamic', maxSide: 640 } }), 'd.onnx');
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]).toContain('symbolic last dimension');
  });
});
