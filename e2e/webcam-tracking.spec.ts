import { newSharedPage, openApp, watchErrors } from './app.ts';
import { HAVE_SHARED, needShared } from './shared.ts';
import { expect, type Page, test } from './test.ts';

/**
 * The live loop tracks too: the fake camera plays street.mjpeg (parked cars,
 * people walking), so boxes carry IDs and the still objects keep theirs from
 * frame to frame. A counting line shows its live counts.
 */
test.describe.configure({ mode: 'serial' });
test.beforeEach(() => needShared());

let page: Page;
let errors: string[] = [];

test.beforeAll(async ({ browser }, info) => {
  if (!HAVE_SHARED) return;
  page = await newSharedPage(browser, info);
  errors = watchErrors(page);
  await openApp(page, '?model=yolov5n-320&backend=wasm');
});

test.afterAll(async () => {
  await page?.context().close();
});

async function liveIds(): Promise<number[]> {
  const ids = await page
    .getByTestId('live-detection')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-track-id') ?? ''));
  return ids.map(Number);
}

test('camera boxes carry track IDs that stay with their objects', async () => {
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-panel')).toHaveAttribute('data-mode', 'camera');
  await expect(page.getByTestId('live-detection').first()).toBeVisible({ timeout: 60_000 });
  const first = await liveIds();
  expect(first.length).toBeGreaterThan(0);
  for (const id of first) expect(Number.isInteger(id) && id >= 1, `track id ${id}`).toBe(true);
  expect(new Set(first).size).toBe(first.length); // one box per track in a frame
  await expect(page.getByTestId('live-detection').first()).toContainText(/^#\d+ /);
  // Ten results later the parked cars are still the same tracks.
  const processed = async () => Number(await page.getByTestId('webcam-panel').getAttribute('data-processed'));
  const start = await processed();
  await expect.poll(processed, { timeout: 60_000 }).toBeGreaterThanOrEqual(start + 10);
  const later = await liveIds();
  expect(later.filter((id) => first.includes(id)).length).toBeGreaterThan(0);
});

test('a counting line shows live counts per direction', async () => {
  await page.getByTestId('line-add').click();
  await expect(page.getByTestId('line-controls')).toHaveAttribute('data-line', '0.1,0.5,0.9,0.5');
  const table = page.getByTestId('live-counts');
  await expect(table).toBeVisible({ timeout: 30_000 });
  expect(Number(await table.getAttribute('data-in'))).toBeGreaterThanOrEqual(0);
  await expect(page.getByTestId('line-end-a')).toBeVisible();
  await page.getByTestId('line-clear').click();
  await expect(table).toHaveCount(0);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-panel')).toHaveAttribute('data-mode', 'off');
  expect(errors).toEqual([]);
});
