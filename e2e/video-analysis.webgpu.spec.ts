import { readFile } from 'node:fs/promises';
import { openApp, waitReady, watchErrors } from './app.ts';
import { needShared, sharedPath } from './shared.ts';
import { expect, test } from './test.ts';

test.beforeEach(() => needShared());

/**
 * An analysis on WebGPU (SwiftShader here): each decoded VideoFrame goes to
 * the worker as it is and through the GPU letterbox. Every 20th frame keeps
 * it short on a software adapter; the WASM spec (video-analysis.spec.ts)
 * checks the files in full.
 */
test('analyses a video on WebGPU: VideoFrames through the GPU path, tracks in bounds', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=webgpu&model=yolov5n-320&every=20');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('video-input').setInputFiles({
    name: 'street.webm',
    mimeType: 'video/webm',
    buffer: await readFile(sharedPath('video/street.webm')),
  });
  await page.getByTestId('analysis-annotate').uncheck();
  await page.getByTestId('analyse-video').click();
  await expect(page.getByTestId('video-analysis')).toHaveAttribute('data-phase', 'done', { timeout: 110_000 });
  await waitReady(page);
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('value', '5');
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('max', '5');
  await expect(page.getByTestId('backend')).toHaveText('webgpu'); // no fallback to WASM on the way
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-tracks-csv').click()]);
  const rows = (await readFile((await d.path())!, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => l.split(',').map(Number));
  expect(rows.length).toBeGreaterThanOrEqual(5);
  const frames = new Set(rows.map((r) => r[0]));
  for (const f of frames) expect((f! - 1) % 20, `frame ${f} is one of every 20th`).toBe(0);
  for (const [, , x, y, w, h] of rows) {
    expect(x! >= 0 && y! >= 0 && x! + w! <= 768 + 1e-6 && y! + h! <= 576 + 1e-6).toBe(true);
  }
  expect(errors).toEqual([]);
});
