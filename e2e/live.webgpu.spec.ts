import { expect, test } from '@playwright/test';
import { openApp, watchErrors } from './app.ts';
import { needShared } from './shared.ts';

test.beforeEach(() => needShared());

// The fake camera (street.mjpeg) through the live loop on WebGPU (SwiftShader, seconds per frame):
// a few frames with the default levers, then stop; no errors on the way.
test('camera loop on WebGPU with the default levers processes frames without error', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await openApp(page, '?backend=webgpu&model=yolov5n-320');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
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
