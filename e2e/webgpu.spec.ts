import { expect, test } from '@playwright/test';
import { detectFile, downloadJson, openApp } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

// SwiftShader runs WebGPU on the CPU: exact but ~13 s per 640 inference, so one inference only.
test('bus.jpg with ?backend=webgpu on SwiftShader matches the golden detections', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, '?backend=webgpu&model=yolov5n');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect(page.getByTestId('backend-note')).toHaveText('');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const { json } = await downloadJson(page);
  expect(json.backend).toBe('webgpu');
  expectGolden(json, 'yolov5n-640', 'bus');
  console.log(`webgpu (SwiftShader) inference on bus.jpg: ${json.timings.inference.toFixed(0)} ms`);
});

test('automatic backend choice picks WASM on a software WebGPU adapter', async ({ page }) => {
  await openApp(page, '?backend=auto&model=yolov5n-320');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
});
