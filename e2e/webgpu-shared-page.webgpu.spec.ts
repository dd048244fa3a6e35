import { expect, type Page, test } from './test.ts';
import {
  detectFile,
  downloadJson,
  filePayload,
  loadCustomModel,
  newSharedPage,
  openApp,
  type ResultJson,
  watchErrors,
} from './app.ts';
import { expectGolden, HAVE_SHARED, sharedPath } from './shared.ts';

/**
 * WebGPU on SwiftShader (exact, slow: creating a session costs most of a test) with the default levers, on
 * ONE page and session: bus.jpg at golden parity, then the camera loop, then a yolov8-layout export dropped
 * alone. Every session first runs a blank warm-up frame, so with graph capture on, the golden match also
 * proves a replayed graph follows new input (it once returned the warm-up's result).
 */
type WithGpu = ResultJson & { gpu?: { preprocess: boolean; output: boolean; graphCapture: boolean } };

test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.skip(!HAVE_SHARED, 'skipped: ../shared not found');

let page: Page;
let errors: string[];
test.beforeAll(async ({ browser }, info) => {
  page = await newSharedPage(browser, info);
  errors = watchErrors(page);
  await openApp(page, '?backend=webgpu&model=yolov5n-320');
});
test.afterAll(async () => {
  await page?.context().close();
});

test('bus.jpg at golden parity on WebGPU with all levers (the default)', async () => {
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  // No lever fell back.
  await expect(page.getByTestId('backend-note')).toHaveText('');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const { json } = await downloadJson<WithGpu>(page);
  expect(json.backend).toBe('webgpu');
  expect(json.gpu).toEqual({ preprocess: true, output: true, graphCapture: true });
  expectGolden(json, 'yolov5n-320', 'bus');
});

// The fake camera (street.mjpeg) through the live loop on WebGPU (seconds per frame on SwiftShader):
// a few frames with the default levers, then stop; no errors on the way.
test('camera loop on WebGPU with the default levers processes frames without error', async () => {
  await page.getByTestId('webcam-toggle').click();
  const panel = page.getByTestId('webcam-panel');
  await expect(panel).toHaveAttribute('data-mode', 'camera');
  await expect
    .poll(async () => Number(await panel.getAttribute('data-processed')), { timeout: 240_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(3);
  expect(Number(await panel.getAttribute('data-with-person'))).toBeGreaterThan(0);
  await page.getByTestId('webcam-toggle').click();
  await expect(panel).toHaveAttribute('data-mode', 'off');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  expect(errors).toEqual([]);
});

// The 320 export (golden/yolov5n-320 holds for it: same weights); the 640 model on WebGPU is in csp.pages.spec.ts.
test('the yolov8-layout 320 model dropped alone runs on WebGPU at golden parity on bus.jpg', async () => {
  await loadCustomModel(page, [
    await filePayload(sharedPath('models/yolov8-layout/yolov8-layout-320.onnx'), 'application/octet-stream'),
  ]);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const { json } = await downloadJson<WithGpu>(page);
  expect(json).toMatchObject({ backend: 'webgpu', model: 'custom', config: { schemaVersion: 3 } });
  // The GPU levers ran, so the candidates came from the GPU compaction of the [1, 84, anchors] layout.
  expect(json.gpu).toMatchObject({ preprocess: true, output: true });
  // Graph capture runs where ORT can replay this model's graph; where it cannot, it is dropped and the note says so.
  if (!json.gpu?.graphCapture)
    await expect(page.getByTestId('backend-note')).toContainText(/Graph capture (could not run|failed)/);
  expectGolden(json, 'yolov5n-320', 'bus');
  expect(errors).toEqual([]);
});
