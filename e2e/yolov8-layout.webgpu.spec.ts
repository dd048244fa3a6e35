import { expect, test } from '@playwright/test';
import { downloadJson, filePayload, loadCustomModel, openApp, pickImage, waitReady } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

// SwiftShader runs WebGPU on the CPU: exact but ~15 s per 640 inference (minutes on a loaded machine), so one inference only.
test('the yolov8-layout 640 model dropped alone runs on WebGPU (SwiftShader) at golden parity on bus.jpg', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await openApp(page, '?backend=webgpu&model=yolov5n-320');
  await loadCustomModel(page, [
    await filePayload(sharedPath('models/yolov8-layout/yolov8-layout-640.onnx'), 'application/octet-stream'),
  ]);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await pickImage(page, sharedPath('images', 'bus.jpg'));
  await expect(page.getByTestId('status')).toContainText('in bus.jpg', { timeout: 60_000 });
  await expect(page.getByTestId('status')).not.toContainText('Detecting', { timeout: 480_000 });
  await waitReady(page);
  const { json } = await downloadJson(page);
  expect(json).toMatchObject({ backend: 'webgpu', model: 'custom', config: { schemaVersion: 3 } });
  // The GPU levers ran, so the candidates came from the GPU compaction of the [1, 84, anchors] layout.
  const gpu = (json as { gpu?: { preprocess: boolean; output: boolean; graphCapture: boolean } }).gpu;
  expect(gpu).toMatchObject({ preprocess: true, output: true });
  // Graph capture runs where ORT can replay this model's graph; where it cannot, it is dropped and the note says so.
  if (!gpu?.graphCapture)
    await expect(page.getByTestId('backend-note')).toContainText(/Graph capture (could not run|failed)/);
  expectGolden(json, 'yolov5n-640', 'bus');
  console.log(`webgpu (SwiftShader) yolov8-layout inference on bus.jpg: ${json.timings.inference.toFixed(0)} ms`);
});
