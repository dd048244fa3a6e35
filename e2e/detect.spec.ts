import { expect, test } from './test.ts';
import { compareWithGolden } from '../src/detect/golden-match.ts';
import { classColour } from '../src/image/palette.ts';
import { detectFile, downloadJson, openApp, pickImage, resultImageSize, waitReady, watchErrors } from './app.ts';
import { golden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

for (const image of ['bus.jpg', 'zidane.jpg']) {
  test(`${image} through the real app on WASM matches the golden detections`, async ({ page }) => {
    const errors = watchErrors(page);
    await openApp(page, '?backend=wasm&model=yolov5n');
    await expect(page.getByTestId('backend')).toHaveText('wasm');
    await detectFile(page, sharedPath('images', image));
    const { name, json } = await downloadJson(page);
    expect(name).toBe(`${image}.detections.json`);
    const ref = golden('yolov5n-640', image.replace('.jpg', ''));
    expect(json).toMatchObject({
      image,
      width: ref.width,
      height: ref.height,
      model: 'yolov5n',
      backend: 'wasm',
      inputWidth: 640,
      inputHeight: 640,
      conf: 0.25,
      iou: 0.45,
    });
    expect(compareWithGolden(json.detections, ref.detections)).toEqual([]);
    for (const k of ['decode', 'preprocess', 'inference', 'postprocess'] as const)
      expect(json.timings[k]).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
}

test('drop bus.jpg: list shows 1 bus and 3 persons, boxes are painted on the canvas', async ({ page }) => {
  await openApp(page, '?model=yolov5n');
  await page.getByTestId('dropzone').focus();
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const items = page.getByTestId('detection');
  const ref = golden('yolov5n-640', 'bus');
  await expect(items).toHaveCount(ref.detections.length);
  const labels = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  expect(labels.filter((l) => l === 'person')).toHaveLength(3);
  expect(labels.filter((l) => l === 'bus')).toHaveLength(1);
  const scores = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
  expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);

  // Pixels just inside each drawn box's left and right edges carry the class colour. The canvas is drawn at
  // screen resolution, so image pixels are mapped to canvas pixels; the boxes are the app's own (its JSON,
  // which the first test holds to the golden file), as the screen's line is too thin to find golden boxes by.
  expect(await resultImageSize(page)).toEqual([ref.width, ref.height]);
  const { json } = await downloadJson(page);
  expect(compareWithGolden(json.detections, ref.detections)).toEqual([]);
  const canvas = page.getByTestId('result-canvas');
  for (const d of json.detections) {
    const samples = await canvas.evaluate((c: HTMLCanvasElement, box) => {
      const ctx = c.getContext('2d')!;
      const k = c.width / Number(c.dataset.imageWidth);
      const out: number[][] = [];
      for (let i = 1; i <= 9; i++) {
        const y = Math.round((box.y1 + ((box.y2 - box.y1) * i) / 10) * k);
        for (const x of [Math.round(box.x1 * k), Math.round(box.x2 * k) - 1])
          out.push(Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
      }
      return out;
    }, d);
    const [r, g, b] = classColour(d.classId);
    const hits = samples.filter(
      ([sr, sg, sb]) => Math.abs(sr! - r) < 40 && Math.abs(sg! - g) < 40 && Math.abs(sb! - b) < 40,
    );
    expect(hits.length, `${d.label} box edges painted`).toBeGreaterThan(samples.length / 2);
  }
});

test('a slider change updates the list without running the model again', async ({ page }) => {
  await openApp(page, '?model=yolov5n');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const items = page.getByTestId('detection');
  await expect(items).toHaveCount(4);
  const inference = await page.getByTestId('timing-inference').textContent();
  const statusBefore = await page.getByTestId('status').textContent();
  await page.getByTestId('conf-slider').fill('0.7');
  await expect(items).toHaveCount(2); // persons at 0.82 and 0.82; the 0.68 person and the 0.53 bus drop out
  await page.getByTestId('conf-slider').fill('0.05');
  expect(await items.count()).toBeGreaterThan(4);
  // No new inference: timings and status are those of the one run.
  expect(await page.getByTestId('timing-inference').textContent()).toBe(inference);
  expect(await page.getByTestId('status').textContent()).toBe(statusBefore);
  const { json } = await downloadJson(page);
  expect(json.conf).toBeCloseTo(0.05, 5);
});

test('a text file renamed .jpg gives a clear error and a real image still works', async ({ page }) => {
  await openApp(page);
  await pickImage(page, { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not an image\n') });
  await expect(page.getByTestId('status')).toContainText('notes.jpg is not an image');
  await waitReady(page);
  await detectFile(page, sharedPath('images', 'zidane.jpg'));
  await expect(page.getByTestId('detection').first()).toBeVisible();
});
