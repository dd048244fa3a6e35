/**
 * Issue 11, item 8: saved settings are outside input, a render error never
 * leaves a blank page, and a download that fails says so.
 */
import { expect, type Page, test } from './test.ts';
import { SETTINGS_KEY } from '../src/store/saved-settings.ts';
import { detectFile, downloadJson, openApp, waitReady, watchErrors } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

/** Writes `value` under the settings key before the app's first load in this tab (not on reloads). */
async function seedSettings(page: Page, value: string): Promise<void> {
  await page.addInitScript(
    ({ key, v }) => {
      if (sessionStorage.getItem('seeded') !== null) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(key, v);
    },
    { key: SETTINGS_KEY, v: value },
  );
}

const savedState = (page: Page) =>
  page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { state: Record<string, unknown> } | null,
    SETTINGS_KEY,
  );

test('bad saved values: the app starts with their defaults, keeps the good ones, says which were reset, and detects', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await seedSettings(
    page,
    JSON.stringify({
      state: {
        backend: 'quantum',
        threads: { n: 2 },
        modelId: 'yolov5n-320',
        sliders: { bundleId: 'yolov5n-320', conf: 7, iou: 0.45 },
      },
      version: 1,
    }),
  );
  await openApp(page);
  const status = page.getByTestId('status');
  await expect(status).toContainText('Some saved settings were invalid and were reset');
  await expect(status).toContainText('backend was "quantum", not auto, webgpu or wasm; using auto');
  await expect(status).toContainText('threads was {"n":2}');
  await expect(status).toContainText('sliders was {"bundleId":"yolov5n-320","conf":7');
  await expect(status).toContainText('ready on');
  // The good value is kept; the bad ones are at their defaults.
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
  await expect(page.getByTestId('conf-slider')).toHaveValue('0.25');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await page.locator('details.settings > summary').click();
  await expect(page.getByTestId('backend-select')).toHaveValue('auto');
  await expect(page.getByTestId('threads-select')).toHaveValue('auto');

  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const { json } = await downloadJson(page);
  expectGolden(json, 'yolov5n-320', 'bus');

  // The repaired settings were saved, so the note is shown once, not on every visit.
  expect((await savedState(page))?.state).toMatchObject({ backend: 'auto', threads: null, modelId: 'yolov5n-320' });
  await page.reload();
  await waitReady(page);
  await expect(status).toContainText('ready on');
  await expect(status).not.toContainText('saved settings');
  expect(errors).toEqual([]);
});

test('saved settings that are not JSON: the defaults, and a note saying so', async ({ page }) => {
  const errors = watchErrors(page);
  await seedSettings(page, '{"state": {"backend": "wa');
  await openApp(page);
  await expect(page.getByTestId('status')).toContainText('The saved settings could not be read (not JSON)');
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  expectGolden((await downloadJson(page)).json, 'yolov5n-640', 'bus');
  expect(errors).toEqual([]);
});

test('a render error shows an error page, not a blank one; "reset settings" forgets the saved settings and the app comes back', async ({
  page,
}) => {
  await openApp(page);
  // A saved choice, so the reset has something to forget.
  await page.locator('details.settings > summary').click();
  await page.getByTestId('threads-select').selectOption('1');
  await page.getByTestId('settings-apply').click();
  await waitReady(page);
  await expect.poll(async () => (await savedState(page))?.state['threads']).toBe(1);

  // Test build only: puts a value React cannot render into the app state, as a bug would.
  await page.evaluate(() => window.__yolo!.breakRender());
  await expect(page.getByTestId('crash')).toBeVisible();
  await expect(page.getByTestId('crash')).toContainText('The page could not be drawn');
  // React's production build names the error by its code (#31: an object rendered as text).
  await expect(page.getByTestId('crash-message')).toContainText(
    /Objects are not valid as a React child|React error #31/,
  );
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'error');

  await page.getByTestId('reset-settings').click();
  await waitReady(page);
  await expect(page.getByTestId('crash')).toHaveCount(0);
  expect((await savedState(page))?.state['threads'] ?? null).toBeNull();
  await page.locator('details.settings > summary').click();
  await expect(page.getByTestId('threads-select')).toHaveValue('auto');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  expectGolden((await downloadJson(page)).json, 'yolov5n-640', 'bus');
});

test('a PNG download that fails says so; the result and the JSON download keep working', async ({ page }) => {
  // Test build only: the browser's PNG encoder fails, as it does when memory runs out.
  await openApp(page, '?fault=png-encode');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('download-png').click();
  const status = page.getByTestId('status');
  await expect(status).toContainText('Could not save bus.jpg.detections.png');
  await expect(status).toContainText('injected fault: the PNG encoder ran out of memory');
  await expect(status).toContainText('Nothing was downloaded');
  await expect(status).toHaveClass(/error/);
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('result-canvas')).toBeVisible();
  const { name, json } = await downloadJson(page);
  expect(name).toBe('bus.jpg.detections.json');
  expectGolden(json, 'yolov5n-640', 'bus');
  expect(downloads).toEqual(['bus.jpg.detections.json']);
});
