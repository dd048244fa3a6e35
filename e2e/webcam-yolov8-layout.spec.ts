import { expect, type Page, test } from './test.ts';
import { filePayload, loadCustomModel, openApp } from './app.ts';
import { needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const panel = (page: Page) => page.getByTestId('webcam-panel');
const counts = async (page: Page) => ({
  processed: Number(await panel(page).getAttribute('data-processed')),
  withPerson: Number(await panel(page).getAttribute('data-with-person')),
});

test('the live loop runs a yolov8-layout model dropped alone: persons found in the street video', async ({ page }) => {
  await openApp(page, '?model=yolov5n-320&backend=wasm');
  await loadCustomModel(page, [
    await filePayload(sharedPath('models/yolov8-layout/yolov8-layout-640.onnx'), 'application/octet-stream'),
  ]);
  await page.getByTestId('webcam-toggle').click();
  await expect(panel(page)).toHaveAttribute('data-mode', 'camera');
  const start = await counts(page);
  await expect
    .poll(async () => (await counts(page)).processed - start.processed, { timeout: 90_000 })
    .toBeGreaterThanOrEqual(5);
  const end = await counts(page);
  // The same weights as yolov5n, whose own live test asks for ≥ 70% of frames with a person.
  expect((end.withPerson - start.withPerson) / (end.processed - start.processed)).toBeGreaterThanOrEqual(0.7);
  await expect(page.getByTestId('live-detection').first()).toBeVisible();
  await page.getByTestId('webcam-toggle').click();
  await expect(panel(page)).not.toHaveAttribute('data-mode', 'camera');
});
