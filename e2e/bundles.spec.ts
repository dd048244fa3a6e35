import { expect, test } from './test.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { detectFile, downloadJson, dropFiles, filePayload, openApp, waitReady, watchErrors } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const sha = (file: string) =>
  createHash('sha256')
    .update(readFileSync(sharedPath('models/yolov5n', file)))
    .digest('hex');

const SHIPPED = [
  { id: 'yolov5n', golden: 'yolov5n-640', file: 'yolov5n-640.onnx', input: [640, 640], schema: 2 },
  { id: 'yolov5n-legacy', golden: 'yolov5n-640', file: 'yolov5n-640.onnx', input: [640, 640], schema: 1 },
  { id: 'yolov5n-320', golden: 'yolov5n-320', file: 'yolov5n-320.onnx', input: [320, 320], schema: 2 },
  { id: 'yolov5n-rect', golden: 'yolov5n-rect', file: 'yolov5n-dynamic.onnx', input: [480, 640], schema: 2 },
];

for (const b of SHIPPED) {
  test(`shipped bundle ${b.id} loads and detects bus.jpg like ${b.golden}`, async ({ page }) => {
    const errors = watchErrors(page);
    await openApp(page, `?model=${b.id}&backend=wasm`);
    await expect(page.getByTestId('model-select')).toHaveValue(b.id);
    await detectFile(page, sharedPath('images', 'bus.jpg'));
    const { json } = await downloadJson(page);
    expect(json).toMatchObject({
      model: b.id,
      inputWidth: b.input[0],
      inputHeight: b.input[1],
      modelSha256: sha(b.file),
    });
    expect(json.config.schemaVersion).toBe(b.schema);
    expect(json.config.name).toEqual(b.schema === 1 ? b.id : expect.stringMatching(/^YOLOv5n COCO/));
    expectGolden(json, b.golden, 'bus');
    expect(errors).toEqual([]);
  });
}

test('yolov5n-rect pads zidane.jpg only to 640x384 and matches the rect golden file', async ({ page }) => {
  await openApp(page, '?model=yolov5n-rect&backend=wasm');
  await detectFile(page, sharedPath('images', 'zidane.jpg'));
  const { json } = await downloadJson(page);
  expect([json.inputWidth, json.inputHeight]).toEqual([640, 384]);
  expectGolden(json, 'yolov5n-rect', 'zidane');
});

test('the legacy bundle says it was loaded through the v1 builder, with the defaults it applied', async ({ page }) => {
  await openApp(page, '?model=yolov5n-legacy');
  const report = page.getByTestId('model-report');
  await expect(report).toContainText(
    'schema v1 (legacy), defaults applied: conf_threshold = 0.25, iou_threshold = 0.45',
  );
  await expect(report).toContainText('yolov5n-legacy');
});

test('an unknown ?model= gives a message and the default bundle', async ({ page }) => {
  await openApp(page, '?model=yolov9-imaginary');
  await expect(page.getByTestId('status')).toContainText('?model=yolov9-imaginary is not a bundle');
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n');
});

test('switching bundles clears the old result, re-runs the image, resets the sliders, and is remembered', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  await page.getByTestId('conf-slider').fill('0.6');
  await page.getByTestId('model-select').selectOption('yolov5n-320');
  await waitReady(page);
  await expect(page.getByTestId('conf-slider')).toHaveValue('0.25');
  await expect(page.getByTestId('status')).toContainText('in bus.jpg');
  const { json } = await downloadJson(page);
  expect(json.model).toBe('yolov5n-320');
  expect(json.inputWidth).toBe(320);
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
});

test('a broken custom bundle is refused with the path and the fix; the app keeps working', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const config = readFileSync('public/models/yolov5n/config.yaml', 'utf8').replace(
    'confidence: 0.25',
    'confidnce: 0.25',
  );
  expect(config).toContain('confidnce');
  await dropFiles(page, [
    { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(config) },
    await filePayload(sharedPath('models/yolov5n/yolov5n-640.onnx'), 'application/octet-stream'),
  ]);
  const err = page.getByTestId('config-error');
  await expect(err).toContainText('postprocess.confidnce');
  await expect(err).toContainText('did you mean confidence?');
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  await expect(page.getByTestId('detection')).toHaveCount(4);
});

test('a valid custom bundle loads under "custom", warns about a differently named model, and detects', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  const config = readFileSync('public/models/yolov5n-320/config.yaml', 'utf8').replace(
    /name: .*/,
    'name: My 320 model',
  );
  await page.getByTestId('bundle-input').setInputFiles([
    { name: 'my.yaml', mimeType: 'application/yaml', buffer: Buffer.from(config) },
    {
      ...(await filePayload(sharedPath('models/yolov5n/yolov5n-320.onnx'), 'application/octet-stream')),
      name: 'renamed.onnx',
    },
  ]);
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('custom');
  await expect(page.getByTestId('model-report')).toContainText('using the dropped renamed.onnx');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const { json } = await downloadJson(page);
  expect(json).toMatchObject({
    model: 'custom',
    config: { name: 'My 320 model', schemaVersion: 2 },
    modelSha256: sha('yolov5n-320.onnx'),
  });
  expectGolden(json, 'yolov5n-320', 'bus');

  // Away to a shipped bundle and back: "custom" in the picker reloads the dropped files.
  await page.getByTestId('model-select').selectOption('yolov5n');
  await expect(page.getByTestId('model-report')).toContainText('yolov5n-640.onnx');
  await page.getByTestId('model-select').selectOption('custom');
  await expect(page.getByTestId('model-report')).toContainText('My 320 model');
  await waitReady(page);
  await expect(page.getByTestId('config-error')).toHaveCount(0);
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  expectGolden((await downloadJson(page)).json, 'yolov5n-320', 'bus');
});

test('a custom config for another input size than the dropped model is refused naming both sides', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const config = readFileSync('public/models/yolov5n/config.yaml', 'utf8');
  await page
    .getByTestId('bundle-input')
    .setInputFiles([
      { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(config) },
      await filePayload(sharedPath('models/yolov5n/yolov5n-320.onnx'), 'application/octet-stream'),
    ]);
  await expect(page.getByTestId('config-error')).toContainText('config says 640x640, model takes 320x320');
  await waitReady(page);
});

test('a drop mixing an image with bundle files is refused', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [
    await filePayload(sharedPath('images/bus.jpg'), 'image/jpeg'),
    { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from('a: 1') },
  ]);
  await expect(page.getByTestId('status')).toContainText('mix');
  await waitReady(page);
});
