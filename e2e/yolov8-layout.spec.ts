// YOLOv8-family output layout: custom bundles (schema v3), a model dropped alone (config from its
// metadata), and the refusals, through the real app. The yolov8-layout models are test data read
// from ../shared (YOLOv5n's weights in the YOLOv8 layout), so a faithful decoder finds golden/yolov5n-*.
import { expect, type Page, test } from './test.ts';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfigFile } from '../scripts/validate.ts';
import {
  detectFile,
  downloadJson,
  dropFiles,
  filePayload,
  openApp,
  waitReady,
  watchErrors,
  type FilePayload,
} from './app.ts';
import { onnxHeader } from './onnx-fixtures.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const V8 = (f: string) => sharedPath('models/yolov8-layout', f);
const V5 = (f: string) => sharedPath('models/yolov5n', f);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const model = (file: string, name = file.split('/').pop()!): FilePayload => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(file),
});
const yaml = (text: string, name = 'config.yaml'): FilePayload => ({
  name,
  mimeType: 'application/yaml',
  buffer: Buffer.from(text),
});

/** The shipped yolov5n config, rewritten for the yolov8-layout model as a v3 config. */
function v3Config(over: { file?: string; input?: string } = {}): string {
  const text = readFileSync('public/models/yolov5n/config.yaml', 'utf8')
    .replace('schema_version: 2', 'schema_version: 3')
    .replace('config.v2.json', 'config.v3.json')
    .replace('name: YOLOv5n COCO 640', 'name: YOLOv8-layout COCO 640')
    .replace('format: yolov5', 'format: yolov8')
    .replace('file: yolov5n-640.onnx', `file: ${over.file ?? 'yolov8-layout-640.onnx'}`)
    .replace('size: [640, 640]', over.input ?? 'size: [640, 640]');
  expect(text).toContain('format: yolov8');
  return text;
}

/** `line:col` of `value` on the first line containing `key + value`, as the app reports it. */
function at(text: string, key: string, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(key + value));
  expect(i, `${key}${value} in the config`).toBeGreaterThanOrEqual(0);
  return `${i + 1}:${lines[i]!.indexOf(key + value) + key.length + 1}`;
}

async function pickBundle(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByTestId('bundle-input').setInputFiles(files);
}

async function expectCustomReady(page: Page): Promise<void> {
  await expect(page.getByTestId('model-select')).toHaveValue('custom', { timeout: 120_000 });
  await waitReady(page);
  await expect(page.getByTestId('config-error')).toHaveCount(0);
}

test('a v3 custom bundle with the yolov8-layout 640 model detects bus.jpg and zidane.jpg at golden parity', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  await pickBundle(page, [yaml(v3Config()), model(V8('yolov8-layout-640.onnx'))]);
  await expectCustomReady(page);
  await expect(page.getByTestId('model-report')).toContainText('output output0 (yolov8)');
  for (const image of ['bus', 'zidane']) {
    await detectFile(page, sharedPath('images', `${image}.jpg`));
    const { json } = await downloadJson(page);
    expect(json).toMatchObject({
      model: 'custom',
      config: { name: 'YOLOv8-layout COCO 640', schemaVersion: 3 },
      modelSha256: sha(V8('yolov8-layout-640.onnx')),
      inputWidth: 640,
      inputHeight: 640,
    });
    expectGolden(json, 'yolov5n-640', image);
  }
  expect(errors).toEqual([]);
});

test('the dynamic yolov8-layout model with dynamic: { max_side: 640 } matches golden/yolov5n-rect', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  const config = v3Config({ file: 'yolov8-layout-dynamic.onnx', input: 'dynamic: { max_side: 640 }' });
  await pickBundle(page, [yaml(config), model(V8('yolov8-layout-dynamic.onnx'))]);
  await expectCustomReady(page);
  for (const [image, input] of [
    ['bus', [480, 640]],
    ['zidane', [640, 384]],
  ] as const) {
    await detectFile(page, sharedPath('images', `${image}.jpg`));
    const { json } = await downloadJson(page);
    expect([json.inputWidth, json.inputHeight]).toEqual(input);
    expectGolden(json, 'yolov5n-rect', image);
  }
});

test('yolov8-layout-640.onnx dropped alone: config from its metadata, golden bus.jpg, and its config.yaml validates and reloads', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [await filePayload(V8('yolov8-layout-640.onnx'), 'application/octet-stream')]);
  await expectCustomReady(page);
  const report = page.getByTestId('model-report');
  await expect(report.locator('li').first()).toHaveText("config generated from the model's metadata");
  for (const line of [
    'task: detect, from the shape of output0 [1, 84, 25200]: inferred, as there is no task metadata',
    'model.input.size: [640, 640], from the input shape [1, 3, 640, 640]',
    'model.output.format: yolov8, from the shape of output0 [1, 84, 25200] (yolov8 layout: 4 + 80 classes, 25200 anchors)',
    'model.stride: 32, from the stride metadata',
    'labels: 80 names (person, bicycle, car, …, toothbrush), from the names metadata',
    'schema v3, defaults applied: preprocess.pad_value = 114, postprocess.confidence = 0.25, postprocess.iou = 0.45, postprocess.max_detections = 300, postprocess.class_agnostic = false',
  ])
    await expect(report).toContainText(line);
  await expect(page.getByTestId('model-select')).toContainText('custom: yolov8-layout-640');

  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const first = await downloadJson(page);
  expect(first.json).toMatchObject({
    model: 'custom',
    config: { name: 'yolov8-layout-640', schemaVersion: 3 },
    modelSha256: sha(V8('yolov8-layout-640.onnx')),
  });
  expect(new Set(first.json.detections.map((d) => d.label))).toEqual(new Set(['person', 'bus']));
  expectGolden(first.json, 'yolov5n-640', 'bus');

  // The offered config.yaml is a valid bundle config for `npm run validate` …
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-config').click()]);
  expect(download.suggestedFilename()).toBe('config.yaml');
  const text = readFileSync((await download.path())!, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'generated-'));
  writeFileSync(join(dir, 'config.yaml'), text);
  symlinkSync(V8('yolov8-layout-640.onnx'), join(dir, 'yolov8-layout-640.onnx'));
  const validated = validateConfigFile(join(dir, 'config.yaml'));
  expect(validated.err).toEqual([]);
  expect(validated.ok).toBe(true);

  // … and dropped with the model it loads the same bundle, now from the file.
  await dropFiles(page, [yaml(text), await filePayload(V8('yolov8-layout-640.onnx'), 'application/octet-stream')]);
  await expectCustomReady(page);
  await expect(report.locator('li').first()).toHaveText(/^schema v3, defaults applied: /);
  await expect(page.getByTestId('download-config')).toHaveCount(0);
  await expect(page.getByTestId('status')).toContainText('in bus.jpg', { timeout: 120_000 });
  await waitReady(page);
  const again = await downloadJson(page);
  expect(again.json).toMatchObject({ config: first.json.config, modelSha256: first.json.modelSha256 });
  expectGolden(again.json, 'yolov5n-640', 'bus');
  expect(errors).toEqual([]);
});

const memory = (page: Page) => page.evaluate(() => window.__yolo!.memory());

interface Refusal {
  name: string;
  files: () => FilePayload[];
  /** The whole line the app shows under "Bundle refused:". */
  line: () => string;
}

const shipped = () => readFileSync('public/models/yolov5n/config.yaml', 'utf8');
const legacy = () => readFileSync('public/models/yolov5n-legacy/config.yaml', 'utf8');
const v3With79 = () => v3Config().replace(/labels: \[\s*person, /, 'labels: [');
const v3Unknown = () => v3Config().replace('format: yolov8', 'format: yolov7');
const v2Naming8 = () => shipped().replace('format: yolov5', 'format: yolov8');

const REFUSALS: Refusal[] = [
  {
    name: 'a yolov5 (v2) config with a yolov8-layout model',
    files: () => [yaml(shipped()), model(V8('yolov8-layout-640.onnx'), 'yolov5n-640.onnx')],
    line: () =>
      `config.yaml:${at(shipped(), 'format: ', 'yolov5')} model.output.format: config says yolov5, but output0 is [1, 84, 25200] (yolov8 layout: 4 + 80 classes, 25200 anchors); set model.output.format: yolov8 and schema_version: 3`,
  },
  {
    name: 'a yolov8 (v3) config with a yolov5 model',
    files: () => [yaml(v3Config()), model(V5('yolov5n-640.onnx'), 'yolov8-layout-640.onnx')],
    line: () =>
      `config.yaml:${at(v3Config(), 'format: ', 'yolov8')} model.output.format: config says yolov8, but output0 is [1, 25200, 85] (yolov5 layout: 25200 anchors, 5 + 80 classes); set model.output.format: yolov5`,
  },
  {
    name: 'a v1 config with a yolov8-layout model',
    files: () => [yaml(legacy()), model(V8('yolov8-layout-640.onnx'), 'yolov5n-640.onnx')],
    line: () =>
      `config.yaml:${at(legacy(), 'model_path: ', 'yolov5n-640.onnx')} model_path: a v1 config describes YOLOv5 output only, but output0 is [1, 84, 25200] (yolov8 layout: 4 + 80 classes, 25200 anchors) in yolov5n-640.onnx; write a schema v3 config with model.output.format: yolov8 (\`npm run validate -- --init yolov5n-640.onnx\` writes one)`,
  },
  {
    name: '79 labels for the 80 classes of a yolov8-layout model',
    files: () => [yaml(v3With79()), model(V8('yolov8-layout-640.onnx'))],
    line: () =>
      `config.yaml:${at(v3With79(), 'labels: ', '[')} labels: config lists 79 labels, model outputs 80 classes (output0 dimension 1 is 84 = 4 + 80) in yolov8-layout-640.onnx; make labels list exactly 80 names in class order`,
  },
  {
    name: 'an unknown format value',
    files: () => [yaml(v3Unknown()), model(V8('yolov8-layout-640.onnx'))],
    line: () =>
      `config.yaml:${at(v3Unknown(), 'format: ', 'yolov7')} model.output.format: expected one of: yolov5, yolov8, got the string "yolov7"`,
  },
  {
    name: 'a v2 config naming yolov8',
    files: () => [yaml(v2Naming8()), model(V8('yolov8-layout-640.onnx'))],
    line: () =>
      `config.yaml:${at(v2Naming8(), 'format: ', 'yolov8')} model.output.format: yolov8 needs \`schema_version: 3\` (this version knows only yolov5); set schema_version: 3`,
  },
  {
    name: 'an .onnx alone whose task is not detect',
    files: () => [
      {
        name: 'seg.onnx',
        mimeType: 'application/octet-stream',
        buffer: onnxHeader([1, 116, 8400], 640, { metadata: { task: 'segment', stride: '32' } }),
      },
    ],
    line: () =>
      'seg.onnx is a segment model (task metadata); this app runs detect models only: export a detection model (task=detect)',
  },
  {
    name: 'an .onnx alone with no usable metadata and an unreadable output shape',
    files: () => [
      {
        name: 'bare.onnx',
        mimeType: 'application/octet-stream',
        buffer: onnxHeader(['batch', 'anchors', 'outputs'], ['batch', 3, 'height', 'width']),
      },
    ],
    line: () =>
      'cannot tell the layout of output "output0" of bare.onnx, [batch, anchors, outputs]: its class dimension is not fixed; write a config.yaml for it (README, "Add your own model") and drop it together with bare.onnx, naming its layout (model.output.format: yolov5, yolov8 or yolov8-transposed) and its labels',
  },
  {
    name: 'an NMS-free export dropped alone',
    files: () => [{ name: 'e2e.onnx', mimeType: 'application/octet-stream', buffer: onnxHeader([1, 300, 6]) }],
    line: () =>
      'output0 of e2e.onnx is [1, 300, 6], final boxes of an NMS-free (end-to-end) export (x1, y1, x2, y2, score, class), which this app does not decode; export without built-in NMS so output0 is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)',
  },
];

for (const r of REFUSALS) {
  test(`refused with its place and the fix, no session created: ${r.name}`, async ({ page }) => {
    const errors = watchErrors(page);
    await openApp(page, '?backend=wasm&model=yolov5n-320');
    const before = await memory(page);
    await pickBundle(page, r.files());
    await expect(page.getByTestId('config-error').locator('li')).toHaveText([r.line()]);
    console.log(`refusal (${r.name}): ${r.line()}`);
    await waitReady(page);
    expect(await memory(page)).toEqual(before);
    await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
    await expect(page.getByTestId('status')).toContainText('Still using yolov5n-320');
    expect(errors).toEqual([]);
  });
}
