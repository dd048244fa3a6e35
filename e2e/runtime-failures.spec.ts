import { expect, type Page, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { detectFile, downloadJson, dropFiles, openApp, pickImage, waitReady, watchErrors } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const memory = (page: Page) => page.evaluate(() => window.__yolo!.memory());
const inferenceWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('inference.worker'));

// Fault injection (test-only ?fault=): a missing WebGPU adapter cannot be arranged for real in this browser.
test('WebGPU requested but no adapter: falls back to WASM, says so, results stay correct', async ({ page }) => {
  await openApp(page, '?backend=webgpu&fault=no-webgpu');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('backend-note')).toContainText('WebGPU was requested but is unavailable');
  await detectFile(page, sharedPath('images/bus.jpg'));
  const { json } = await downloadJson(page);
  expectGolden(json, 'yolov5n-640', 'bus');
});

test('the inference worker crashing mid-run: a clear message, then it restarts on the next image and says so', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm&fault=crash-on-detect');
  await pickImage(page, sharedPath('images/bus.jpg'));
  await expect(page.getByTestId('status')).toContainText('inference worker stopped');
  await expect(page.getByTestId('status')).toContainText('restart on the next image');
  await waitReady(page);
  await detectFile(page, sharedPath('images/bus.jpg'));
  await expect(page.getByTestId('detection')).toHaveCount(4);
  await expect(page.getByTestId('backend-note')).toContainText('crashed');
  await expect(page.getByTestId('backend-note')).toContainText('restarted');
});

test('the inference worker terminated between images: restarted on the next request, and said so', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await detectFile(page, sharedPath('images/bus.jpg'));
  await page.evaluate(() => window.__yolo!.terminateWorker());
  await detectFile(page, sharedPath('images/zidane.jpg'));
  await expect(page.getByTestId('backend-note')).toContainText('terminated');
  await expect(page.getByTestId('backend-note')).toContainText('has been restarted');
  const { json } = await downloadJson(page);
  expectGolden(json, 'yolov5n-640', 'zidane');
});

test('cancel stops a slow model download; the previous model stays in use', async ({ page }) => {
  await openApp(page, '?backend=wasm&model=yolov5n');
  await page.route('**/models/yolov5n-320/*.onnx', async (route) => {
    await new Promise((r) => setTimeout(r, 15_000));
    await route.continue().catch(() => undefined);
  });
  await page.getByTestId('model-select').selectOption('yolov5n-320');
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'loading');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('status')).toHaveText('Cancelled.');
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n');
  await detectFile(page, sharedPath('images/bus.jpg'));
  const { json } = await downloadJson(page);
  expect(json.model).toBe('yolov5n');
  expect(json.inputWidth).toBe(640);
});

test('images dropped faster than inference: only the last one is shown, one worker, one session, no errors', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  const bus = { name: 'bus.jpg', mimeType: 'image/jpeg', buffer: readFileSync(sharedPath('images/bus.jpg')) };
  const zidane = { name: 'zidane.jpg', mimeType: 'image/jpeg', buffer: readFileSync(sharedPath('images/zidane.jpg')) };
  for (const f of [bus, zidane, bus, zidane, bus, zidane]) await dropFiles(page, [f]);
  await expect(page.getByTestId('status')).toContainText('in zidane.jpg');
  await waitReady(page);
  const { json } = await downloadJson(page);
  expect(json.image).toBe('zidane.jpg');
  expectGolden(json, 'yolov5n-640', 'zidane');
  await expect(page.getByTestId('detection')).toHaveCount(json.detections.length);
  expect(inferenceWorkers(page)).toHaveLength(1);
  expect((await memory(page)).sessions).toBe(1);
  expect(errors).toEqual([]);
});

test("switching models mid-inference: the old model's boxes never show under the new one, no leaked session", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm&model=yolov5n');
  await pickImage(page, sharedPath('images/bus.jpg'));
  await page.getByTestId('model-select').selectOption('yolov5n-320');
  await page.getByTestId('model-select').selectOption('yolov5n-rect');
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-rect');
  await expect(page.getByTestId('status')).toContainText('in bus.jpg');
  await waitReady(page);
  const { json } = await downloadJson(page);
  expect(json.model).toBe('yolov5n-rect');
  expect([json.inputWidth, json.inputHeight]).toEqual([480, 640]);
  expectGolden(json, 'yolov5n-rect', 'bus');
  expect(inferenceWorkers(page)).toHaveLength(1);
  expect((await memory(page)).sessions).toBe(1);
  expect(errors).toEqual([]);
});
