import { expect, test } from './test.ts';
import { detectFile, downloadJson, openApp, pickImage, waitReady } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

// Fault injection (test-only ?fault=): SwiftShader never fails session creation or loses its device on its own.
test('WebGPU session creation failing: falls back to WASM, says so, results stay correct', async ({ page }) => {
  await openApp(page, '?backend=webgpu&fault=webgpu-create');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('backend-note')).toContainText('WebGPU could not create the session');
  await detectFile(page, sharedPath('images/bus.jpg'));
  const { json } = await downloadJson(page);
  expectGolden(json, 'yolov5n-640', 'bus');
});

test('WebGPU device lost mid-run: the run is redone on WASM, said so, results stay correct', async ({ page }) => {
  await openApp(page, '?backend=webgpu&model=yolov5n-320&fault=webgpu-run');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  expect((await page.evaluate(() => window.__yolo!.memory())).gpuResources).toBeGreaterThan(0);
  await detectFile(page, sharedPath('images/bus.jpg'));
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('backend-note')).toContainText('WebGPU failed while running');
  const { json } = await downloadJson(page);
  expect(json.backend).toBe('wasm');
  expectGolden(json, 'yolov5n-320', 'bus');
  // The WebGPU path's buffers and textures went with the lost session.
  const memory = await page.evaluate(() => window.__yolo!.memory());
  expect(memory.gpuResources).toBe(0);
  expect(memory.sessions).toBe(1);
});

test('cancel stops a long (SwiftShader) inference at once; the app stays usable', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, '?backend=webgpu');
  await pickImage(page, sharedPath('images/bus.jpg'));
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'busy');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('status')).toHaveText('Cancelled.');
  await waitReady(page);
  // Stopped, not just hidden: the worker running the inference is gone.
  await expect.poll(() => page.workers().filter((w) => w.url().includes('inference.worker')).length).toBe(0);
  await expect(page.getByTestId('detection')).toHaveCount(0);
  // Usable: switch to WASM and detect.
  await page.getByText('Settings').click();
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByTestId('settings-apply').click();
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await detectFile(page, sharedPath('images/bus.jpg'));
  await expect(page.getByTestId('detection')).toHaveCount(4);
});
