// Output shapes of a model dropped alone, through the real app: shapes it does not decode are refused
// with what they look like (header-only models, no session), the YOLOv8 layout transposed is decoded
// at golden parity (the shared yolov8-layout model with a Transpose appended), and names metadata that
// cannot be labels as it is loads with placeholders the downloadable config.yaml carries.
import { expect, type Page, test } from './test.ts';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfigFile } from '../scripts/validate.ts';
import { readOnnxInfo } from '../src/model/onnx-info.ts';
import { withMetadata } from '../src/test-support/onnx-edit.ts';
import { ELEM, tinyModel } from '../src/test-support/protobuf-writer.ts';
import { detectFile, downloadJson, type FilePayload, openApp, waitReady, watchErrors } from './app.ts';
import { modelWithMetadata, onnxHeader, transposedModel } from './onnx-fixtures.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const onnx = (name: string, buffer: Buffer): FilePayload => ({ name, mimeType: 'application/octet-stream', buffer });
const yaml = (text: string): FilePayload => ({
  name: 'config.yaml',
  mimeType: 'application/yaml',
  buffer: Buffer.from(text),
});
const pick = (page: Page, files: FilePayload[]) => page.getByTestId('bundle-input').setInputFiles(files);
const memory = (page: Page) => page.evaluate(() => window.__yolo!.memory());
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** `{0: 'c0', …}` with the given edits: a string renames a class, undefined leaves its key out. */
function namesDict(n: number, edits: Record<number, string | undefined> = {}): string {
  const entries = Array.from({ length: n }, (_, i) => (i in edits ? edits[i] : `c${i}`)).flatMap((v, i) =>
    v === undefined ? [] : [`${i}: ${JSON.stringify(v)}`],
  );
  return `{${entries.join(', ')}}`;
}

async function downloadConfig(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-config').click()]);
  expect(download.suggestedFilename()).toBe('config.yaml');
  return readFileSync((await download.path())!, 'utf8');
}

const YOLO_OUTPUT =
  'use a YOLO detection export, whose output is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)';

const REFUSED: { name: string; file: () => FilePayload; lines: string[] }[] = [
  {
    name: 'RT-DETR query boxes, no metadata',
    file: () => onnx('rtdetr.onnx', onnxHeader([1, 300, 84])),
    lines: [
      `output0 of rtdetr.onnx is [1, 300, 84], 300 query boxes × (4 + 80 classes): an RT-DETR/DETR-style export, not decoded by this app; ${YOLO_OUTPUT}`,
    ],
  },
  {
    name: 'RT-DETR query boxes, with 80 names (which 4 + 80 fits, and still is no YOLO layout)',
    file: () =>
      onnx('rtdetr-l.onnx', onnxHeader([1, 300, 84], 640, { metadata: { names: namesDict(80), task: 'detect' } })),
    lines: [
      `output0 of rtdetr-l.onnx is [1, 300, 84], 300 query boxes × (4 + 80 classes): an RT-DETR/DETR-style export, not decoded by this app; ${YOLO_OUTPUT}`,
    ],
  },
  {
    name: 'a transposed YOLOv8 output whose names metadata lists one class fewer',
    file: () => onnx('t79.onnx', onnxHeader([1, 8400, 84], 640, { metadata: { names: namesDict(79) } })),
    lines: [
      'names metadata of t79.onnx lists 79 classes, but its output "output0" [1, 8400, 84] is the yolov8-transposed layout with 80 classes (8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32, each 4 + 80 values): the model disagrees with its own metadata; write a config.yaml for it (README, "Add your own model") and drop it together with t79.onnx, with model.output.format: yolov8-transposed (schema_version: 4) and 80 labels in class order; if t79.onnx is an anchor-free export with YOLOv5-style rows (objectness; YOLOv6, YOLOX), its 79 names fit model.output.format: yolov5 instead',
    ],
  },
  {
    name: 'a float16 input',
    file: () => onnx('half.onnx', onnxHeader([1, 84, 8400], 640, { inputType: ELEM.float16 })),
    lines: [
      'input "images" of half.onnx is float16, the app needs float32; export without `--half` (float16 models are not supported)',
    ],
  },
  {
    name: 'a batch of 4',
    file: () => onnx('b4.onnx', onnxHeader([4, 84, 8400], [4, 3, 640, 640])),
    lines: [
      'input "images" of b4.onnx has batch dimension 4, the app runs one image at a time (batch 1 or symbolic); export with --batch-size 1 or --dynamic',
      'output "output0" of b4.onnx has batch dimension 4, the app runs one image at a time (batch 1 or symbolic); export with --batch-size 1 or --dynamic',
    ],
  },
  {
    name: 'an obb model',
    file: () => onnx('obb.onnx', onnxHeader([1, 20, 8400], 640, { metadata: { task: 'obb' } })),
    lines: [
      'obb.onnx is an obb model (task metadata); this app runs detect models only: export a detection model (task=detect)',
    ],
  },
];

test('models dropped alone that cannot be decoded are refused naming the model, the tensor and what it looks like; the model in use stays', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm&model=yolov5n-320');
  const before = await memory(page);
  for (const r of REFUSED) {
    await pick(page, [r.file()]);
    await expect(page.getByTestId('config-error').locator('li'), r.name).toHaveText(r.lines);
    await waitReady(page);
    await expect(page.getByTestId('status')).toContainText('Still using yolov5n-320');
    // No message points at a config the user never saw.
    await expect(page.getByTestId('config-error')).not.toContainText('config generated');
  }
  // Refused before any session: onnxruntime never saw these files.
  expect(await memory(page)).toEqual(before);

  // One that onnxruntime itself refuses (an unknown operator) is said about the model too, not about `model.file`.
  const unknownOp = withMetadata(tinyModel({ op: 'NoSuchOp' }), { names: namesDict(80) });
  await pick(page, [onnx('nosuchop.onnx', Buffer.from(unknownOp))]);
  await expect(page.getByTestId('config-error').locator('li')).toHaveText([
    /^onnxruntime refused nosuchop\.onnx: the model uses the operator NoSuchOp/,
  ]);
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
  expect(errors).toEqual([]);
});

test('the yolov8-layout 640 model with a Transpose appended, dropped alone: decoded as yolov8-transposed at golden parity, and its v4 config.yaml validates and reloads', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const model = transposedModel(sharedPath('models/yolov8-layout', 'yolov8-layout-640.onnx'));
  const file = onnx('yolov8t-640.onnx', model);
  await openApp(page, '?backend=wasm&model=yolov5n-320');
  await pick(page, [file]);
  await expect(page.getByTestId('model-select')).toHaveValue('custom', { timeout: 120_000 });
  await waitReady(page);
  await expect(page.getByTestId('config-error')).toHaveCount(0);
  const report = page.getByTestId('model-report');
  for (const line of [
    'model.output.format: yolov8-transposed, from the shape of output0 [1, 25200, 84] (yolov8-transposed layout: 25200 anchors, 4 + 80 classes)',
    'labels: 80 names (person, bicycle, car, …, toothbrush), from the names metadata',
    'schema v4, defaults applied: ',
  ])
    await expect(report).toContainText(line);
  await expect(report).not.toContainText('warning:');

  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const first = await downloadJson(page);
  expect(first.json).toMatchObject({ model: 'custom', config: { schemaVersion: 4 }, modelSha256: sha(model) });
  expectGolden(first.json, 'yolov5n-640', 'bus');

  const text = await downloadConfig(page);
  expect(text).toContain('schema_version: 4\n');
  expect(text).toContain('format: yolov8-transposed');
  const dir = mkdtempSync(join(tmpdir(), 'transposed-'));
  writeFileSync(join(dir, 'config.yaml'), text);
  writeFileSync(join(dir, 'yolov8t-640.onnx'), model);
  const validated = validateConfigFile(join(dir, 'config.yaml'));
  expect(validated.err).toEqual([]);
  expect(validated.ok).toBe(true);

  // Dropped with the model, the same bundle loads from the file and finds bus.jpg's boxes again.
  await pick(page, [yaml(text), file]);
  await expect(report.locator('li').first()).toHaveText(/^schema v4, defaults applied: /);
  await expect(page.getByTestId('download-config')).toHaveCount(0);
  await expect(page.getByTestId('status')).toContainText('in bus.jpg', { timeout: 120_000 });
  await waitReady(page);
  const again = await downloadJson(page);
  expect(again.json.config).toEqual(first.json.config);
  expectGolden(again.json, 'yolov5n-640', 'bus');
  expect(errors).toEqual([]);
});

test('names metadata with an empty, a missing and a repeated name: loads with placeholders and a warning; the config.yaml carries them, and fixed, reloads', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const v5 = sharedPath('models/yolov5n', 'yolov5n-320.onnx');
  const coco = readOnnxInfo(new Uint8Array(readFileSync(v5))).names!;
  // motorcycle empty, truck gone, traffic light renamed "bus": class 5 (bus) and class 9 share a name.
  const names = `{${coco
    .map((n, i) => (i === 3 ? '' : i === 9 ? 'bus' : n))
    .flatMap((n, i) => (i === 7 ? [] : [`${i}: ${JSON.stringify(n)}`]))
    .join(', ')}}`;
  const model = modelWithMetadata(v5, { names });
  const file = onnx('dups.onnx', model);
  await openApp(page, '?backend=wasm&model=yolov5n-320');
  await pick(page, [file]);
  await expect(page.getByTestId('model-select')).toHaveValue('custom', { timeout: 120_000 });
  await waitReady(page);
  const report = page.getByTestId('model-report');
  await expect(report).toContainText(
    'warning: names metadata of dups.onnx: class 3 is empty, class 7 has no name, classes 5 and 9 are both "bus"; shown as "class 3", "bus (5)", "class 7", "bus (9)"; to name them, download config.yaml, fix those labels and drop it together with dups.onnx',
  );
  await expect(report).toContainText(
    'labels: 80 names (person, bicycle, car, …, toothbrush), 4 of them placeholders, from the names metadata',
  );

  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const first = await downloadJson(page);
  expectGolden(first.json, 'yolov5n-320', 'bus');
  expect(new Set(first.json.detections.map((d) => d.label))).toEqual(new Set(['person', 'bus (5)']));

  const text = await downloadConfig(page);
  for (const label of ['class 3', '"bus (5)"', 'class 7', '"bus (9)"']) expect(text).toContain(label);
  expect(text).toContain('placeholders for classes 3, 5, 7, 9: rename them');
  const fixed = text
    .replace('class 3', 'motorcycle')
    .replace('"bus (5)"', 'bus')
    .replace('class 7', 'truck')
    .replace('"bus (9)"', 'traffic light');
  await pick(page, [yaml(fixed), file]);
  await expect(report.locator('li').first()).toHaveText(/^schema v3, defaults applied: /);
  await expect(report).not.toContainText('warning:');
  await expect(page.getByTestId('status')).toContainText('in bus.jpg', { timeout: 120_000 });
  await waitReady(page);
  const again = await downloadJson(page);
  expectGolden(again.json, 'yolov5n-320', 'bus');
  expect(new Set(again.json.detections.map((d) => d.label))).toEqual(new Set(['person', 'bus']));
  expect(errors).toEqual([]);
});
