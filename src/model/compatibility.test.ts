import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { runtimeConfig } from '../test-support/runtime-config.ts';
import { checkModelAgainstConfig } from './compatibility.ts';
import { readOnnxInfo, type OnnxInfo } from './onnx-info.ts';
import { describeShared, HAVE_SHARED, SHARED_MODELS, sharedFile } from '../test-support/shared.ts';
import { onnxHeader } from '../test-support/protobuf-writer.ts';

// Read at collection time; without ../shared the suite below is skipped and these stay unused.
const info = (file: string): OnnxInfo =>
  HAVE_SHARED ? readOnnxInfo(new Uint8Array(readFileSync(`${SHARED_MODELS}/${file}`))) : (null as unknown as OnnxInfo);
const m640 = info('yolov5n-640.onnx');
const m320 = info('yolov5n-320.onnx');
const mDyn = info('yolov5n-dynamic.onnx');
const COCO = HAVE_SHARED ? m640.names! : [];

function config(over: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return runtimeConfig({ id: 'yolov5n', name: 'YOLOv5n', modelFile: 'yolov5n-640.onnx', labels: [...COCO], ...over });
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
    const bare: OnnxInfo = { ...mDyn, metadata: {}, names: null, namesByClass: null, stride: null };
    const r = checkModelAgainstConfig(bare, config({ input: { kind: 'dynamic', maxSide: 640 } }), 'd.onnx');
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]).toContain('symbolic last dimension');
  });
});

// Small header-only models (no weights) built with the project's protobuf writer: the check needs no session.
const header = (outputShape: (number | string)[], size: number | (number | string)[] = 640) =>
  readOnnxInfo(onnxHeader(outputShape, size));
const labels = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

describe('output layout against model.output.format', () => {
  it('a yolov5 config on a yolov8-layout model names both and the fix', () => {
    const r = checkModelAgainstConfig(
      header([1, 84, 8400]),
      config({ schemaVersion: 3, labels: labels(80) }),
      'm.onnx',
    );
    expect(r.errors).toEqual([
      {
        path: 'model.output.format',
        message:
          'config says yolov5, but output0 is [1, 84, 8400] (yolov8 layout: 4 + 80 classes, 8400 anchors); set model.output.format: yolov8',
      },
    ]);
  });

  it('a v2 config is told to move to schema v3 as well', () => {
    const r = checkModelAgainstConfig(header([1, 84, 8400]), config({ labels: labels(80) }), 'm.onnx');
    expect(r.errors[0]!.message).toMatch(/; set model\.output\.format: yolov8 and schema_version: 3$/);
  });

  it('a yolov8 config on a yolov5 model, the other direction', () => {
    const r = checkModelAgainstConfig(
      header([1, 25200, 85]),
      config({ schemaVersion: 3, outputFormat: 'yolov8', labels: labels(80) }),
      'm.onnx',
    );
    expect(r.errors).toEqual([
      {
        path: 'model.output.format',
        message:
          'config says yolov8, but output0 is [1, 25200, 85] (yolov5 layout: 25200 anchors, 5 + 80 classes); set model.output.format: yolov5',
      },
    ]);
  });

  it('a v1 config with a yolov8-layout model is told to write a v3 config', () => {
    const r = checkModelAgainstConfig(
      header([1, 84, 8400]),
      config({ schemaVersion: 1, labels: labels(80) }),
      'm.onnx',
    );
    expect(r.errors).toEqual([
      {
        path: 'model.output.format',
        message:
          'a v1 config describes YOLOv5 output only, but output0 is [1, 84, 8400] (yolov8 layout: 4 + 80 classes, 8400 anchors) in m.onnx; write a schema v3 config with model.output.format: yolov8 (`npm run validate -- --init m.onnx` writes one)',
      },
    ]);
  });

  it('an NMS-free export is refused naming that layout, whatever the config says', () => {
    for (const outputFormat of ['yolov5', 'yolov8'] as const) {
      const r = checkModelAgainstConfig(
        header([1, 300, 6]),
        config({ schemaVersion: 3, outputFormat, labels: labels(80) }),
        'e2e.onnx',
      );
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ path: 'model.output.format' });
      expect(r.errors[0]!.message).toMatch(
        /^output0 of e2e\.onnx is \[1, 300, 6\], final boxes of an NMS-free \(end-to-end\) export .*; export without built-in NMS/,
      );
    }
  });
});

describe('class counts in both layouts', () => {
  const v8 = (n: number) => config({ schemaVersion: 3, outputFormat: 'yolov8', labels: labels(n) });

  it.each([
    [1, [1, 5, 8400]],
    [3, [1, 7, 8400]],
    [1000, [1, 1004, 8400]],
  ])('%i classes in the yolov8 layout pass', (n, shape) => {
    expect(checkModelAgainstConfig(header(shape), v8(n), 'm.onnx')).toEqual({ errors: [], warnings: [] });
  });

  it('1 and 3 classes in the yolov5 layout pass', () => {
    const v5 = (n: number) => config({ schemaVersion: 3, labels: labels(n) });
    expect(checkModelAgainstConfig(header([1, 25200, 6]), v5(1), 'm.onnx').errors).toEqual([]);
    expect(checkModelAgainstConfig(header([1, 25200, 8]), v5(3), 'm.onnx').errors).toEqual([]);
  });

  it('a label count other than the yolov8 class dimension is refused with the dimension', () => {
    const r = checkModelAgainstConfig(header([1, 7, 8400]), v8(1), 'three.onnx');
    expect(r.errors).toEqual([
      {
        path: 'labels',
        message:
          'config lists 1 labels, model outputs 3 classes (output0 dimension 1 is 7 = 4 + 3) in three.onnx; make labels list exactly 3 names in class order',
      },
    ]);
  });

  it('a model with 1001 classes is refused naming the limit', () => {
    const r = checkModelAgainstConfig(header([1, 1005, 8400]), v8(1000), 'big.onnx');
    expect(r.errors).toEqual([
      {
        path: 'labels',
        message:
          'big.onnx outputs 1001 classes (yolov8 layout: 4 + 1001 classes, 8400 anchors); this app supports 1 to 1000 classes',
      },
    ]);
  });

  it('a dynamic yolov8 export reads its classes from the fixed dimension', () => {
    const info = header(['batch', 84, 'anchors'], ['batch', 3, 'height', 'width']);
    const dyn = { input: { kind: 'dynamic', maxSide: 640 } } as const;
    expect(checkModelAgainstConfig(info, v8(80), 'd.onnx').errors).toEqual([]);
    expect(checkModelAgainstConfig(info, { ...v8(79), ...dyn }, 'd.onnx').errors[0]!.path).toBe('labels');
    expect(checkModelAgainstConfig(info, config({ ...dyn, labels: labels(80) }), 'd.onnx').errors[0]!.path).toBe(
      'model.output.format',
    );
  });
});

const V8_DIR = sharedFile('models/yolov8-layout');
describe.skipIf(!existsSync(V8_DIR))('the shared yolov8-layout models', () => {
  const v8info = (f: string) => readOnnxInfo(new Uint8Array(readFileSync(`${V8_DIR}/${f}`)));

  it('640 and dynamic pass with a v3 yolov8 config, and are refused with a yolov5 one', () => {
    const coco = v8info('yolov8-layout-640.onnx').names!;
    expect(coco).toHaveLength(80);
    const eight = config({ schemaVersion: 3, outputFormat: 'yolov8', labels: coco });
    expect(checkModelAgainstConfig(v8info('yolov8-layout-640.onnx'), eight, 'm.onnx')).toEqual({
      errors: [],
      warnings: [],
    });
    const dyn = v8info('yolov8-layout-dynamic.onnx');
    expect(checkModelAgainstConfig(dyn, { ...eight, input: { kind: 'dynamic', maxSide: 640 } }, 'd.onnx')).toEqual({
      errors: [],
      warnings: [],
    });
    const r = checkModelAgainstConfig(v8info('yolov8-layout-640.onnx'), { ...eight, outputFormat: 'yolov5' }, 'm.onnx');
    expect(r.errors.map((e) => e.message)).toEqual([
      'config says yolov5, but output0 is [1, 84, 25200] (yolov8 layout: 4 + 80 classes, 25200 anchors); set model.output.format: yolov8',
    ]);
  });
});

describe('shapes a config may or may not name', () => {
  const cfg = (outputFormat: RuntimeConfig['outputFormat'], n: number, schemaVersion = 4) =>
    config({ schemaVersion, outputFormat, labels: labels(n) });

  it('RT-DETR query boxes are refused whatever the config says', () => {
    for (const format of ['yolov5', 'yolov8', 'yolov8-transposed'] as const) {
      const r = checkModelAgainstConfig(header([1, 300, 84]), cfg(format, 80), 'rtdetr.onnx');
      expect(r.errors).toEqual([
        {
          path: 'model.output.format',
          message:
            'output0 of rtdetr.onnx is [1, 300, 84], 300 query boxes × (4 + 80 classes): an RT-DETR/DETR-style export, not decoded by this app; use a YOLO detection export, whose output is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)',
        },
      ]);
    }
  });

  it('a yolov8-transposed (v4) config on [1, 8400, 84] passes', () => {
    expect(checkModelAgainstConfig(header([1, 8400, 84]), cfg('yolov8-transposed', 80), 'm.onnx')).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('a yolov5 config with 80 labels on [1, 8400, 84] is told the format, not 79 labels', () => {
    const r = checkModelAgainstConfig(header([1, 8400, 84]), cfg('yolov5', 80, 3), 'm.onnx');
    expect(r.errors).toEqual([
      {
        path: 'model.output.format',
        message:
          'config says yolov5 with 80 labels, but output0 is [1, 8400, 84] (yolov8-transposed layout: 8400 anchors, 4 + 80 classes); set model.output.format: yolov8-transposed and schema_version: 4',
      },
    ]);
  });

  it('a v1 config on a transposed output is told to write a v4 config', () => {
    const r = checkModelAgainstConfig(header([1, 8400, 84]), cfg('yolov5', 80, 1), 'm.onnx');
    expect(r.errors[0]!.message).toBe(
      'a v1 config describes YOLOv5 output only, but output0 is [1, 8400, 84] (yolov8-transposed layout: 8400 anchors, 4 + 80 classes) in m.onnx; write a schema v4 config with model.output.format: yolov8-transposed (`npm run validate -- --init m.onnx` writes one)',
    );
  });

  it('yolov5 rows at one per grid cell (YOLOv6, YOLOX) load when the config says so, with a warning', () => {
    const r = checkModelAgainstConfig(header([1, 8400, 85]), cfg('yolov5', 80, 2), 'v6.onnx');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'v6.onnx: output "output0" [1, 8400, 85] is decoded in the yolov5 layout because the config says so, though 8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32; YOLOv5 writes three per cell (25200); the shape reads as yolov8-transposed layout: 8400 anchors, 4 + 81 classes; if the boxes look wrong, check model.output.format',
    ]);
  });

  it('a prediction count the input does not have loads only by a config, with a warning', () => {
    const r = checkModelAgainstConfig(header([1, 7000, 85]), cfg('yolov5', 80, 2), 'm.onnx');
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]).toMatch(
      /^m\.onnx: output "output0" \[1, 7000, 85\] is decoded in the yolov5 layout because the config says so, though neither 7000 nor 85 is a prediction count/,
    );
  });

  it('the transposed layout at three per cell (the shared test models transposed) passes when the config says so', () => {
    expect(checkModelAgainstConfig(header([1, 25200, 84]), cfg('yolov8-transposed', 80), 'm.onnx')).toEqual({
      errors: [],
      warnings: [],
    });
    // …and the same shape with 79 labels is YOLOv5's.
    expect(checkModelAgainstConfig(header([1, 25200, 84]), cfg('yolov5', 79, 2), 'm.onnx').errors).toEqual([]);
  });

  it('an output that is no layout at all is refused', () => {
    const r = checkModelAgainstConfig(header([1, 84, 300]), cfg('yolov8', 80, 3), 'm.onnx');
    expect(r.errors).toEqual([
      {
        path: 'model.output.format',
        message:
          'cannot read output "output0" of m.onnx, [1, 84, 300], in any layout: neither 84 nor 300 is a prediction count of the 640x640 input, which has 8400 grid cells at strides 8, 16, 32 (8400 predictions at one per cell, 25200 at three); a YOLO detection output is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)',
      },
    ]);
  });
});

describe('labels against names metadata that has unusable names', () => {
  const named = (names: string) => readOnnxInfo(onnxHeader([1, 7, 8400], 640, { metadata: { names } }));
  const v8 = (l: string[]) => config({ schemaVersion: 3, outputFormat: 'yolov8', labels: l });

  it('empty and repeated names are not compared (a config cannot match them); the others are', () => {
    const info = named("{0: 'car', 1: 'car', 2: ''}");
    expect(checkModelAgainstConfig(info, v8(['car (0)', 'car (1)', 'class 2']), 'm.onnx')).toEqual({
      errors: [],
      warnings: [],
    });
    const other = named("{0: 'a', 1: 'b', 2: ''}");
    expect(checkModelAgainstConfig(other, v8(['a', 'x', 'class 2']), 'm.onnx').warnings).toEqual([
      '1 label differs from m.onnx names metadata (labels[1]: config "x", model "b"); boxes will show the config\'s labels',
    ]);
  });

  it('a gap in the names is compared where there is a name, counted to the largest id', () => {
    const info = named("{0: 'a', 2: 'c'}");
    expect(checkModelAgainstConfig(info, v8(['a', 'class 1', 'c']), 'm.onnx')).toEqual({ errors: [], warnings: [] });
  });

  it('stride metadata past 256 is a warning, not an impossible fix', () => {
    const info = readOnnxInfo(onnxHeader([1, 84, 8400], 640, { metadata: { stride: '512' } }));
    const r = checkModelAgainstConfig(
      info,
      config({ schemaVersion: 3, outputFormat: 'yolov8', labels: labels(80) }),
      'm.onnx',
    );
    expect(r).toEqual({
      errors: [],
      warnings: ['m.onnx: stride metadata 512 is past the 256 a config may name; using config stride 32'],
    });
  });
});

describe('a label count that fits another layout', () => {
  const v = (outputFormat: RuntimeConfig['outputFormat'], n: number) =>
    config({ schemaVersion: 4, outputFormat, labels: labels(n) });

  it('[1, 25200, 84] with a yolov5 config of 80 labels: the label count, unless 80 names say transposed', () => {
    const bare = checkModelAgainstConfig(header([1, 25200, 84]), v('yolov5', 80), 'm.onnx');
    expect(bare.errors.map((e) => e.path)).toEqual(['labels']);
    const named = readOnnxInfo(
      onnxHeader([1, 25200, 84], 640, { metadata: { names: `{${labels(80).map((l, i) => `${i}: '${l}'`)}}` } }),
    );
    const r = checkModelAgainstConfig(named, v('yolov5', 80), 'm.onnx');
    expect(r.errors).toEqual([
      {
        path: 'model.output.format',
        message:
          'config says yolov5 with 80 labels, but output0 is [1, 25200, 84] (yolov8-transposed layout: 25200 anchors, 4 + 80 classes); set model.output.format: yolov8-transposed',
      },
    ]);
  });
});
