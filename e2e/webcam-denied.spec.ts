import { chromium, expect, test } from '@playwright/test';
import config, { PORT } from '../playwright.config';
import { detectFile, openApp } from './app';
import { needShared, sharedPath } from './shared';

test.beforeEach(() => needShared());

/**
 * A browser with a (fake) camera but without --use-fake-ui-for-media-stream
 * and without the camera permission: headless Chromium cannot show the
 * prompt, so getUserMedia fails with NotAllowedError, as when a user clicks Block.
 */
test('camera permission denied: clear message, and images still work', async () => {
  const launch = config.use?.launchOptions;
  const browser = await chromium.launch({
    executablePath: launch?.executablePath,
    args: [...(launch?.args ?? []), '--use-fake-device-for-media-stream'],
  });
  try {
    const context = await browser.newContext({ permissions: [], baseURL: `http://127.0.0.1:${PORT}/`, acceptDownloads: true });
    const page = await context.newPage();
    await openApp(page, '?model=yolov5n');
    const name = await page.evaluate(() =>
      navigator.mediaDevices.getUserMedia({ video: true }).then(
        (s) => (s.getTracks().forEach((t) => t.stop()), 'granted'),
        (e: Error) => e.name,
      ),
    );
    expect(name).toBe('NotAllowedError');
    await page.getByTestId('webcam-toggle').click();
    await expect(page.getByTestId('status')).toContainText('Camera permission was denied');
    await expect(page.getByTestId('status')).toHaveClass(/error/);
    await expect(page.getByTestId('webcam-panel')).toHaveAttribute('data-mode', 'off');
    await detectFile(page, sharedPath('images', 'bus.jpg'));
    await expect(page.getByTestId('detection')).toHaveCount(4);
  } finally {
    await browser.close();
  }
});
