// A config written from a model's own metadata and shapes, then loaded through the real schema,
// builder and model check: the shared models, and small header-only models built with the protobuf writer.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../config/index.ts';
import { onnxHeader, type HeaderOptions } from '../test-support/protobuf-writer.ts';
import { SHARED_MODELS, sharedFile } from '../test-support/shared.ts';
import { checkModelBytes } from './check-model-bytes.ts';
import { configFromModelBytes, type GeneratedConfig, scalar, sourceLines } from './config-from-model.ts';

const COCO_NAMES = `{${['person', 'bicycle', 'car']
  .concat(Array.from({ length: 77 }, (_, i) => `thing${i}`))
  .map((n, i) => `${i}: '${n}'`)
  .join(', ')}}`;
const ULTRALYTICS = { names: COCO_NAMES, stride: '32', imgsz: '[640, 640]', task: 'detect', batch: '1' };

function generate(outputShape: (number | string)[], size: number | (number | string)[], opts: HeaderOptions = {}) {
  return configFromModelBytes(onnxHeader(outputShape, size, opts), 'best.onnx');
}

function ok(g: GeneratedConfig): Extract<GeneratedConfig, { ok: true }> {
  if (!g.ok) throw new Error(`expected a config, got: ${g.problems.join('; ')}`);
  return g;
}

function refused(g: GeneratedConfig): string {
  if (g.ok) throw new Error(`expected a refusal, got:\n${g.yaml}`);
  expect(g.problems).toHaveLength(1);
  return g.problems[0]!;
}

/** The generated text through the same loader as a hand-written config. */
function load(g: GeneratedConfig, id = 'custom') {
  const r = loadConfigText(ok(g).yaml, { id });
  if (!r.ok) throw new Error(`generated config refused: ${JSON.stringify(r.issues)}`);
  return r;
}

describe('Ultralytics-style metadata (header-only models)', () => {
  it('a YOLOv8/YOLO11 detect export: every value from the metadata and shapes, no warnings', () => {
    const g = ok(generate([1, 84, 8400], 640, { metadata: ULTRALYTICS }));
    expect(g.warnings).toEqual([]);
    const { config, report } = load(g);
    expect(config).toMatchObject({
      name: 'best',
      schemaVersion: 3,
      modelFile: 'best.onnx',
      inputName: 'images',
      outputName: 'output0',
      outputFormat: 'yolov8',
      input: { kind: 'static', width: 640, height: 640 },
      stride: 32,
    });
    expect(config.labels.slice(0, 3)).toEqual(['person', 'bicycle', 'car']);
    expect(config.labels).toHaveLength(80);
    expect(report.defaultsApplied).not.toContain('model.stride = 32');
    expect(sourceLines(g.sources)).toEqual([
      "config generated from the model's metadata",
      'task: detect, from the task metadata',
      'name: best, from the file name',
      "model.input.name: images, from the model's input",
      'model.input.size: [640, 640], from the input shape [1, 3, 640, 640]',
      'model.output.format: yolov8, from the shape of output0 [1, 84, 8400] (yolov8 layout: 4 + 80 classes, 8400 anchors)',
      'model.stride: 32, from the stride metadata',
      'labels: 80 names (person, bicycle, car, …, thing76), from the names metadata',
    ]);
  });

  it('a dynamic input takes max_side from imgsz ([height, width]) when there is one', () => {
    const g = ok(
      generate(['batch', 84, 'anchors'], ['batch', 3, 'height', 'width'], {
        metadata: { ...ULTRALYTICS, imgsz: '[480, 320]' },
      }),
    );
    expect(g.warnings).toEqual([]);
    expect(load(g).config.input).toEqual({ kind: 'dynamic', maxSide: 480 });
  });

  it('a dynamic input without imgsz: max_side 640, and a warning that says how to change it', () => {
    const { imgsz: _, ...noImgsz } = ULTRALYTICS;
    const g = ok(generate(['batch', 84, 'anchors'], ['batch', 3, 'height', 'width'], { metadata: noImgsz }));
    expect(load(g).config.input).toEqual({ kind: 'dynamic', maxSide: 640 });
    expect(g.warnings).toEqual([
      'best.onnx has a dynamic input and no imgsz metadata, so images are letterboxed to at most 640 pixels (dynamic: { max_side: 640 }); if it was trained at another size, download config.yaml, set model.input.dynamic.max_side and drop it together with the model',
    ]);
  });

  it('no task metadata: detect, inferred from the output shape, and said so', () => {
    const { task: _, ...noTask } = ULTRALYTICS;
    const g = ok(generate([1, 84, 8400], 640, { metadata: noTask }));
    expect(g.sources[0]).toEqual({
      key: 'task',
      value: 'detect',
      from: 'the shape of output0 [1, 84, 8400]: inferred, as there is no task metadata',
    });
  });

  it.each(['segment', 'pose', 'classify', 'obb'])('task %s is refused, naming the task', (task) => {
    expect(refused(generate([1, 84, 8400], 640, { metadata: { ...ULTRALYTICS, task } }))).toBe(
      `best.onnx is a "${task}" model (task metadata); this app runs detection models only (task: detect): export a detection model`,
    );
  });
});

describe('what cannot be inferred', () => {
  it.each([
    [1, [1, 5, 8400]],
    [3, [1, 7, 8400]],
    [3, [1, 25200, 8]],
  ])('no names metadata, %i classes from %j: placeholder labels and a warning saying how to name them', (n, shape) => {
    const g = ok(generate(shape, 640));
    const { config } = load(g);
    expect(config.labels).toEqual(Array.from({ length: n }, (_, i) => `class ${i}`));
    expect(config.outputFormat).toBe(shape[1] === 25200 ? 'yolov5' : 'yolov8');
    expect(g.warnings).toEqual([
      `best.onnx has no names metadata, so its ${n} classes are labelled class 0 … class ${n - 1}; to name them, download config.yaml, replace labels with your class names in class order, and drop it together with the model`,
    ]);
    // No stride metadata: the default is applied and reported by the builder like any default.
    expect(load(g).report.defaultsApplied).toContain('model.stride = 32');
  });

  it('an .onnx with no usable metadata and an unreadable output shape is refused', () => {
    expect(refused(generate(['batch', 'anchors', 'n'], ['batch', 3, 'h', 'w']))).toBe(
      'cannot tell the layout of output "output0" [batch, anchors, n] (its class dimension is not fixed), and best.onnx has no usable names metadata to count the classes; write a config.yaml for it (README, "Add your own model") and drop it together with best.onnx, with model.output.format yolov5 or yolov8',
    );
  });

  it('an NMS-free export is refused naming that layout', () => {
    expect(refused(generate([1, 300, 6], 640, { metadata: ULTRALYTICS }))).toMatch(
      /^output0 of best\.onnx is \[1, 300, 6\], final boxes of an NMS-free \(end-to-end\) export/,
    );
  });

  it('1001 classes are refused; 1000 load', () => {
    expect(refused(generate([1, 1005, 8400], 640))).toBe(
      'best.onnx outputs 1001 classes (yolov8 layout: 4 + 1001 classes, 8400 anchors); this app supports 1 to 1000 classes',
    );
    expect(load(generate([1, 1004, 8400], 640)).config.labels).toHaveLength(1000);
  });

  it('names metadata that disagrees with the class dimension is refused, not guessed', () => {
    expect(refused(generate([1, 7, 8400], 640, { metadata: ULTRALYTICS }))).toMatch(
      /^the names metadata of best\.onnx lists 80 classes, but output0 \[1, 7, 8400\] has 3 /,
    );
  });

  it('two outputs (a segmentation export without task metadata) are refused', () => {
    const g = generate([1, 116, 8400], 640, { extraOutputs: [{ name: 'output1', shape: [1, 32, 160, 160] }] });
    expect(refused(g)).toMatch(/^best\.onnx has 2 outputs \(output0, output1\); a YOLO detection export has one/);
  });

  it('bytes that are not ONNX are refused as such', () => {
    expect(refused(configFromModelBytes(new TextEncoder().encode('hello'), 'x.onnx'))).toMatch(
      /^x\.onnx is not a valid ONNX model \(/,
    );
  });
});

describe('outside strings in the YAML', () => {
  const hostile = [
    'a: b',
    '#tag',
    '[x]',
    'true',
    'No',
    '1.5',
    'null',
    'car, truck',
    "it's",
    'é ü 日本',
    'x"y',
    'back\\slash',
    ' lead',
    'trail ',
    '-dash',
    'tab\there',
    'new\nline',
    '*alias',
    '&anchor',
    '!tag',
    '%dir',
    '@at',
    '`tick',
    '{brace}',
    '? q',
    '|',
    '>',
    'x # not a comment',
  ];

  it('labels from names metadata come back exactly through the YAML loader', () => {
    const names = `{${hostile.map((n, i) => `${i}: ${JSON.stringify(n)}`).join(', ')}}`;
    const g = generate([1, 4 + hostile.length, 8400], 640, { metadata: { names } });
    expect(load(g).config.labels).toEqual(hostile);
  });

  it('a file name that needs quoting is written quoted and read back', () => {
    // model.file may not hold control characters, "#", ":" and the like (issue 11, paths): those become "_".
    const g = configFromModelBytes(onnxHeader([1, 84, 8400], 640), 'my model: v2 #1.onnx');
    expect(load(g).config).toMatchObject({ name: 'my model: v2 #1', modelFile: 'my model_ v2 _1.onnx' });
    const nl = configFromModelBytes(onnxHeader([1, 84, 8400], 640), 'evil\nschema_version: 9.onnx');
    expect(load(nl).config.modelFile).toBe('evil_schema_version_ 9.onnx');
    const spaced = configFromModelBytes(onnxHeader([1, 84, 8400], 640), 'my model (v2).onnx');
    expect(load(spaced).config.modelFile).toBe('my model (v2).onnx');
  });

  it('duplicate names go through the schema like any config, refused at the duplicate', () => {
    const g = generate([1, 6, 8400], 640, { metadata: { names: "{0: 'a', 1: 'a'}" } });
    const r = loadConfigText(ok(g).yaml, { id: 'custom' });
    expect(!r.ok && r.issues[0]).toMatchObject({
      path: 'labels[1]',
      message: expect.stringContaining('duplicate "a"'),
    });
  });

  it('scalar() leaves word-like strings plain', () => {
    expect(['person', 'traffic light', 'yolov8-layout-640', 'm.onnx'].map(scalar)).toEqual([
      'person',
      'traffic light',
      'yolov8-layout-640',
      'm.onnx',
    ]);
    expect(scalar('yes')).toBe('"yes"');
  });
});

const V8 = sharedFile('models/yolov8-layout');
const haveV8 = existsSync(`${V8}/yolov8-layout-640.onnx`);

describe.skipIf(!haveV8)(`the shared models${haveV8 ? '' : ' (skipped: ../shared not found)'}`, () => {
  const fromFile = (path: string) => {
    const bytes = new Uint8Array(readFileSync(path));
    const name = path.split('/').pop()!;
    return { bytes, name, g: configFromModelBytes(bytes, name) };
  };

  it.each([
    [`${V8}/yolov8-layout-640.onnx`, 'yolov8', { kind: 'static', width: 640, height: 640 }, 0],
    [`${V8}/yolov8-layout-320.onnx`, 'yolov8', { kind: 'static', width: 320, height: 320 }, 0],
    [`${V8}/yolov8-layout-dynamic.onnx`, 'yolov8', { kind: 'dynamic', maxSide: 640 }, 1],
    [`${SHARED_MODELS}/yolov5n-640.onnx`, 'yolov5', { kind: 'static', width: 640, height: 640 }, 0],
  ])('%s: generated, loaded and checked against the model itself', (path, format, input, warnings) => {
    const { bytes, name, g } = fromFile(path);
    const { config } = load(g);
    expect(config).toMatchObject({ outputFormat: format, input, stride: 32 });
    expect(config.labels).toHaveLength(80);
    expect([config.labels[0], config.labels[79]]).toEqual(['person', 'toothbrush']);
    expect(ok(g).warnings).toHaveLength(warnings);
    expect(checkModelBytes(bytes, config, name)).toEqual({ ok: true, warnings: [] });
  });

  it('yolov5n-dynamic: its output shape cannot tell the layout, so it is refused, not guessed', () => {
    expect(refused(fromFile(`${SHARED_MODELS}/yolov5n-dynamic.onnx`).g)).toMatch(
      /^cannot tell the layout of output "output0" \[batch, anchors, Concatoutput0_dim_2\] \(its class dimension is not fixed\); write a config\.yaml/,
    );
  });
});
