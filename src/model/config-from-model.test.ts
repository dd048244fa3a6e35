// A config written from a model's own metadata and shapes, then loaded through the real schema,
// builder and model check: the shared models, and small header-only models built with the protobuf writer.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../config/index.ts';
import { ELEM, onnxHeader, type HeaderOptions } from '../test-support/protobuf-writer.ts';
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

  it.each([
    ['segment', 'a segment'],
    ['pose', 'a pose'],
    ['classify', 'a classify'],
    ['obb', 'an obb'],
    ['x y', 'a "x y"'],
  ])('task %s is refused, naming the task: %s model', (task, named) => {
    expect(refused(generate([1, 84, 8400], 640, { metadata: { ...ULTRALYTICS, task } }))).toBe(
      `best.onnx is ${named} model (task metadata); this app runs detect models only: export a detection model (task=detect)`,
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
      'cannot tell the layout of output "output0" of best.onnx, [batch, anchors, n]: its class dimension is not fixed; write a config.yaml for it (README, "Add your own model") and drop it together with best.onnx, naming its layout (model.output.format: yolov5, yolov8 or yolov8-transposed) and its labels',
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

  it('names metadata that disagrees with the class dimension is refused, not guessed, with the count the shape has', () => {
    expect(refused(generate([1, 7, 8400], 640, { metadata: ULTRALYTICS }))).toBe(
      'names metadata of best.onnx lists 80 classes, but its output "output0" [1, 7, 8400] is the yolov8 layout with 3 classes (8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32, each 4 + 3 values): the model disagrees with its own metadata; write a config.yaml for it (README, "Add your own model") and drop it together with best.onnx, with model.output.format: yolov8 (schema_version: 3) and 3 labels in class order',
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

const names = (n: number, edit: (list: (string | undefined)[]) => void = () => {}) => {
  const list: (string | undefined)[] = Array.from({ length: n }, (_, i) => `c${i}`);
  edit(list);
  return `{${list.flatMap((v, i) => (v === undefined ? [] : [`${i}: ${JSON.stringify(v)}`])).join(', ')}}`;
};

describe('shapes: decoded when one layout explains them, refused otherwise', () => {
  it.each([[null], [names(80)]])('[1, 300, 84] (RT-DETR), names %s: refused as query boxes', (n) => {
    const metadata: Record<string, string> = n === null ? {} : { names: n };
    expect(refused(generate([1, 300, 84], 640, { metadata }))).toBe(
      'output0 of best.onnx is [1, 300, 84], 300 query boxes × (4 + 80 classes): an RT-DETR/DETR-style export, not decoded by this app; use a YOLO detection export, whose output is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)',
    );
  });

  it('[1, 8400, 84] with 80 names: the YOLOv8 layout transposed, as a schema v4 config that loads and checks clean', () => {
    const bytes = onnxHeader([1, 8400, 84], 640, { metadata: { ...ULTRALYTICS, names: names(80) } });
    const g = ok(configFromModelBytes(bytes, 'best.onnx'));
    expect(g.warnings).toEqual([]);
    expect(g.yaml).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/config\.v4\.json\n/);
    const { config } = load(g);
    expect(config).toMatchObject({ schemaVersion: 4, outputFormat: 'yolov8-transposed' });
    expect(config.labels).toHaveLength(80);
    expect(sourceLines(g.sources)).toContain(
      'model.output.format: yolov8-transposed, from the shape of output0 [1, 8400, 84] (yolov8-transposed layout: 8400 anchors, 4 + 80 classes)',
    );
    expect(checkModelBytes(bytes, config, 'best.onnx')).toEqual({ ok: true, warnings: [] });
  });

  it('[1, 8400, 84] with 79 names: refused, advising the 80 labels the shape has, never a 79-class yolov5', () => {
    const message = refused(generate([1, 8400, 84], 640, { metadata: { names: names(79) } }));
    expect(message).toBe(
      'names metadata of best.onnx lists 79 classes, but its output "output0" [1, 8400, 84] is the yolov8-transposed layout with 80 classes (8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32, each 4 + 80 values): the model disagrees with its own metadata; write a config.yaml for it (README, "Add your own model") and drop it together with best.onnx, with model.output.format: yolov8-transposed (schema_version: 4) and 80 labels in class order; if best.onnx is an anchor-free export with YOLOv5-style rows (objectness; YOLOv6, YOLOX), its 79 names fit model.output.format: yolov5 instead',
    );
    expect(message).not.toContain('79-class');
  });

  it('[1, 8400, 85] without names: transposed (one per grid cell), and a warning naming the anchor-free reading', () => {
    const g = ok(generate([1, 8400, 85], 640));
    expect(load(g).config).toMatchObject({ outputFormat: 'yolov8-transposed', labels: expect.any(Array) });
    expect(load(g).config.labels).toHaveLength(81);
    expect(g.warnings[1]).toBe(
      'best.onnx: output0 [1, 8400, 85] is read as the yolov8-transposed layout (8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32); if it is an anchor-free export with YOLOv5-style rows (objectness; YOLOv6, YOLOX), download config.yaml, set model.output.format: yolov5 with 80 labels and drop it together with the model',
    );
  });

  it('[1, 25200, 84]: YOLOv5 with 79 classes by its 3 per cell, unless 80 names say transposed', () => {
    expect(load(ok(generate([1, 25200, 84], 640))).config).toMatchObject({ outputFormat: 'yolov5', schemaVersion: 3 });
    const t = load(ok(generate([1, 25200, 84], 640, { metadata: { names: names(80) } }))).config;
    expect(t).toMatchObject({ outputFormat: 'yolov8-transposed', schemaVersion: 4 });
  });

  it('dynamic rows without names: refused naming both readings and both fixes', () => {
    expect(refused(generate(['batch', 'anchors', 85], ['batch', 3, 'height', 'width']))).toBe(
      'output "output0" of best.onnx is [batch, anchors, 85]: the prediction count "anchors" is dynamic, and 85 values per prediction are 5 + 80 classes (yolov5) or 4 + 81 (yolov8-transposed); best.onnx has no names metadata to tell which; write a config.yaml for it (README, "Add your own model") and drop it together with best.onnx, with model.output.format: yolov5 and 80 labels, or model.output.format: yolov8-transposed (schema_version: 4) and 81 labels, whichever the model is',
    );
    const five = load(
      ok(generate(['batch', 'anchors', 85], ['batch', 3, 'height', 'width'], { metadata: ULTRALYTICS })),
    );
    expect(five.config).toMatchObject({ outputFormat: 'yolov5', input: { kind: 'dynamic', maxSide: 640 } });
  });

  it('a prediction count the input does not have is refused, not read as anchors', () => {
    expect(refused(generate([1, 7000, 85], 640, { metadata: ULTRALYTICS }))).toBe(
      'cannot tell the layout of output "output0" of best.onnx, [1, 7000, 85]: neither 7000 nor 85 is a prediction count of the 640x640 input, which has 8400 grid cells at strides 8, 16, 32 (8400 predictions at one per cell, 25200 at three); write a config.yaml for it (README, "Add your own model") and drop it together with best.onnx, naming its layout (model.output.format: yolov5, yolov8 or yolov8-transposed) and its labels',
    );
  });
});

describe('names metadata that cannot be labels as it is: placeholders and a warning, never a dead end', () => {
  it('empty, repeated and missing names: each class named in the warning, placeholders in the YAML, a clean check', () => {
    const metadata = {
      names: names(10, (l) => {
        l[3] = '';
        l[5] = 'car';
        l[9] = 'car';
        l[7] = undefined;
      }),
    };
    const bytes = onnxHeader([1, 14, 8400], 640, { metadata });
    const g = ok(configFromModelBytes(bytes, 'm.onnx'));
    expect(g.warnings).toEqual([
      'names metadata of m.onnx: class 3 is empty, class 7 has no name, classes 5 and 9 are both "car"; shown as "class 3", "car (5)", "class 7", "car (9)"; to name them, download config.yaml, fix those labels and drop it together with m.onnx',
    ]);
    const { config } = load(g);
    expect(config.labels).toEqual(['c0', 'c1', 'c2', 'class 3', 'c4', 'car (5)', 'c6', 'class 7', 'c8', 'car (9)']);
    expect(g.yaml).toContain(
      '# 10 labels, in class order, from the names metadata; placeholders for classes 3, 5, 7, 9: rename them',
    );
    expect(sourceLines(g.sources)).toContain(
      'labels: 10 names (c0, c1, c2, …, car (9)), 4 of them placeholders, from the names metadata',
    );
    // The model check does not compare labels with names that could never be labels.
    expect(checkModelBytes(bytes, config, 'm.onnx')).toEqual({ ok: true, warnings: [] });
  });

  it('a placeholder that is already a name is said another way', () => {
    const g = generate([1, 7, 8400], 640, { metadata: { names: "{0: 'class 1', 1: '', 2: 'car (2)'}" } });
    expect(load(g).config.labels).toEqual(['class 1', 'class 1 (2)', 'car (2)']);
    const dup = generate([1, 7, 8400], 640, { metadata: { names: "{0: 'car (1)', 1: 'car', 2: 'car'}" } });
    expect(load(dup).config.labels).toEqual(['car (1)', 'class 1', 'car (2)']);
  });

  it('many bad names: the warning lists a few and counts the rest', () => {
    const g = ok(generate([1, 204, 8400], 640, { metadata: { names: names(200, (l) => l.fill('', 0, 150)) } }));
    expect(g.warnings[0]).toBe(
      'names metadata of best.onnx: classes 0, 1, 2, 3, 4 and 145 more are empty; shown as "class 0", "class 1", "class 2", "class 3", "class 4" and 145 more; to name them, download config.yaml, fix those labels and drop it together with best.onnx',
    );
    expect(load(g).config.labels.slice(148, 151)).toEqual(['class 148', 'class 149', 'c150']);
  });

  it('names that stop short of the class count disagree with the shape: refused with the count to write', () => {
    expect(refused(generate([1, 84, 8400], 640, { metadata: { names: names(79) } }))).toMatch(
      /^names metadata of best\.onnx lists 79 classes, but its output "output0" \[1, 84, 8400\] is the yolov8 layout with 80 classes .* and 80 labels in class order$/,
    );
  });

  it('an empty names dict counts as none', () => {
    const g = ok(generate([1, 7, 8400], 640, { metadata: { names: '{}' } }));
    expect(g.warnings[0]).toMatch(
      /^best\.onnx has empty names metadata, so its 3 classes are labelled class 0 … class 2;/,
    );
  });
});

describe('a model the app cannot run is refused naming the model and the tensor, not a config key', () => {
  it.each([
    [
      'a float16 input',
      { inputType: ELEM.float16 },
      'input "images" of m.onnx is float16, the app needs float32; export without `--half` (float16 models are not supported)',
    ],
    [
      'a batch of 4',
      {},
      'input "images" of m.onnx has batch dimension 4, the app runs one image at a time (batch 1 or symbolic); export with --batch-size 1 or --dynamic',
    ],
  ])('%s', (_name, opts, message) => {
    const batch = _name === 'a batch of 4';
    const bytes = onnxHeader(batch ? [4, 84, 8400] : [1, 84, 8400], batch ? [4, 3, 640, 640] : 640, opts);
    const { config } = load(configFromModelBytes(bytes, 'm.onnx'));
    const check = checkModelBytes(bytes, config, 'm.onnx');
    expect(!check.ok && check.issues[0]!.message).toBe(message);
  });

  it('a stride past what a config may name is not written; stride 32 is used, and said', () => {
    const g = ok(generate([1, 84, 8400], 640, { metadata: { stride: '512' } }));
    expect(g.warnings[0]).toBe(
      'best.onnx: stride metadata 512 is past the 256 a config may name, so stride 32 is used',
    );
    expect(load(g).config.stride).toBe(32);
  });

  it('an input the schema cannot describe is refused about the model', () => {
    // 672 is a multiple of 32 (the grid fits) but not of the stride 64 the metadata says.
    expect(refused(generate([1, 84, 8820], [1, 3, 672, 640], { metadata: { stride: '64' } }))).toBe(
      'best.onnx cannot be described by a config of this app: model.input.size[1]: height must be a multiple of model.stride 64, got 672; nearest: 640 or 704; use a YOLO detection export',
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

  it('names that cannot be labels as they are (empty, repeated) become placeholders the YAML carries', () => {
    const g = generate([1, 7, 8400], 640, { metadata: { names: "{0: 'a', 1: 'a', 2: '  '}" } });
    expect(load(g).config.labels).toEqual(['a (0)', 'a (1)', 'class 2']);
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
      /^cannot tell the layout of output "output0" of yolov5n-dynamic\.onnx, \[batch, anchors, Concatoutput0_dim_2\]: its class dimension is not fixed; write a config\.yaml/,
    );
  });
});
