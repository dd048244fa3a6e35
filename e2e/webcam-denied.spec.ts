import { chromium, expect, test } from '@playwright/test';
import config, { PORT } from '../playwright.config.ts';
import { detectFile, openApp } from './app.ts';
import { startStaticServer } from './offline-server.ts';
import { needShared, sharedPath } from './shared.ts';

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
    const context = await browser.newContext({
      permissions: [],
      baseURL: `http://127.0.0.1:${PORT}/`,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await openApp(page, '?model=yolov5n');
    const name = await page.evaluate(() =>
      navigator.mediaDevices.getUserMedia({ video: true }).then(
        (s) => {
          for (const t of s.getTracks()) t.stop();
          return 'granted';
        },
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

/** A real browser state each: no camera device at all, and a page that is not a secure context. */
async function withBrowser(
  args: string[],
  run: (page: import('@playwright/test').Page) => Promise<void>,
  baseURL = `http://127.0.0.1:${PORT}/`,
) {
  const launch = config.use?.launchOptions;
  const browser = await chromium.launch({
    executablePath: launch?.executablePath,
    args: [...(launch?.args ?? []), ...args],
  });
  try {
    const context = await browser.newContext({ baseURL, acceptDownloads: true });
    await run(await context.newPage());
  } finally {
    await browser.close();
  }
}

test('no camera on the machine: clear message, and images still work', async () => {
  // Permission granted by the fake UI, but no fake device: headless Chromium then has no camera.
  await withBrowser(['--use-fake-ui-for-media-stream'], async (page) => {
    await openApp(page, '?model=yolov5n-320');
    await page.getByTestId('webcam-toggle').click();
    await expect(page.getByTestId('status')).toContainText('No camera was found');
    await expect(page.getByTestId('webcam-panel')).toHaveAttribute('data-mode', 'off');
    await detectFile(page, sharedPath('images', 'bus.jpg'));
  });
});

test('a page that is not a secure context: the camera message says why, images still work', async () => {
  // Plain http on a hostname other than localhost is not a secure context (no camera API, no threads).
  // Our own static server, because vite preview refuses unknown Host headers.
  const server = await startStaticServer({ root: process.env.E2E_OUTDIR ?? 'dist', prefix: '/', port: PORT + 26 });
  try {
    await withBrowser(
      [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--host-resolver-rules=MAP insecure.test 127.0.0.1',
      ],
      async (page) => {
        await openApp(page, '?model=yolov5n-320');
        expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
        await page.getByTestId('webcam-toggle').click();
        await expect(page.getByTestId('status')).toContainText('The camera needs a secure page');
        await detectFile(page, sharedPath('images', 'bus.jpg'));
        await expect(page.getByTestId('backend-note')).toContainText('1 thread');
      },
      `http://insecure.test:${PORT + 26}/`,
    );
  } finally {
    await server.close();
  }
});
