import { expect, type Page, test } from './test.ts';
import { readFileSync } from 'node:fs';
import {
  detectFile,
  dropFiles,
  openApp,
  pickImage,
  resultImageSize,
  resultPixel,
  waitReady,
  watchErrors,
  type FilePayload,
} from './app.ts';
import { hugePng, pngFromRgba, twoFrameGif, encodePng } from './image-fixtures.ts';
import { needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const bus = () => readFileSync(sharedPath('images/bus.jpg'));

/** Feeds one file and waits for the app to settle back to ready. */
async function feed(page: Page, file: FilePayload): Promise<string> {
  await pickImage(page, file);
  await expect(page.getByTestId('status')).toContainText(file.name);
  await expect(page.getByTestId('status')).not.toContainText('Detecting');
  await waitReady(page);
  return (await page.getByTestId('status').textContent()) ?? '';
}

const REFUSED: { name: string; file: () => FilePayload; message: RegExp }[] = [
  {
    name: 'empty file',
    file: () => ({ name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) }),
    message: /empty\.jpg is empty \(0 bytes\)/,
  },
  {
    name: 'random bytes named .jpg',
    file: () => ({
      name: 'noise.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
    }),
    message: /noise\.jpg is not an image this app can read/,
  },
  {
    name: 'truncated JPEG',
    file: () => ({
      name: 'cut.jpg',
      mimeType: 'image/jpeg',
      buffer: bus().subarray(0, Math.floor(bus().length * 0.6)),
    }),
    message: /cut\.jpg is truncated/,
  },
  {
    name: 'a 20000x20000 PNG (refused from its header, before decoding)',
    file: () => ({ name: 'huge.png', mimeType: 'image/png', buffer: hugePng() }),
    message: /huge\.png is 20000x20000 \(400 MP\), over this app's limit of 64 MP/,
  },
  {
    name: 'TIFF',
    file: () => ({
      name: 'scan.tiff',
      mimeType: 'image/tiff',
      buffer: Buffer.concat([Buffer.from('II*\0'), Buffer.alloc(200)]),
    }),
    message: /scan\.tiff is a TIFF image, which this browser cannot decode; convert it/,
  },
  {
    name: 'HEIC',
    file: () => ({
      name: 'phone.heic',
      mimeType: 'image/heic',
      buffer: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(200)]),
    }),
    message: /phone\.heic is a HEIC image, which this browser cannot decode/,
  },
];

for (const c of REFUSED) {
  test(`refused: ${c.name}; the app stays usable`, async ({ page }) => {
    const errors = watchErrors(page);
    await openApp(page, '?backend=wasm');
    const status = await feed(page, c.file());
    expect(status).toMatch(c.message);
    await expect(page.getByTestId('status')).toHaveClass(/error/);
    await detectFile(page, sharedPath('images/zidane.jpg'));
    await expect(page.getByTestId('detection').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
}

/** bus.jpg's pixels at half size, read back from the browser's own decoder. */
async function busRgba(page: Page): Promise<{ rgba: Uint8Array; width: number; height: number }> {
  const data = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes]));
    const c = new OffscreenCanvas(405, 540);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0, 405, 540);
    return Array.from(ctx.getImageData(0, 0, 405, 540).data);
  }, bus().toString('base64'));
  return { rgba: Uint8Array.from(data), width: 405, height: 540 };
}

for (const kind of ['grey', 'palette', 'rgb16'] as const) {
  test(`a ${kind} PNG is decoded and people are still found`, async ({ page }) => {
    await openApp(page, '?backend=wasm');
    const { rgba, width, height } = await busRgba(page);
    const status = await feed(page, {
      name: `bus-${kind}.png`,
      mimeType: 'image/png',
      buffer: pngFromRgba(rgba, width, height, kind),
    });
    expect(status).toMatch(/Found \d+ objects? in bus-/);
    const labels = await page
      .getByTestId('detection')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels.filter((l) => l === 'person').length).toBeGreaterThanOrEqual(2);
  });
}

test('a PNG with transparency is composited on white, as the README states', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const { rgba, width, height } = await busRgba(page);
  await feed(page, {
    name: 'half-transparent.png',
    mimeType: 'image/png',
    buffer: pngFromRgba(rgba, width, height, 'rgba-half-transparent'),
  });
  expect(await resultPixel(page, 20, 500)).toEqual([255, 255, 255, 255]);
});

test('a 1x1 image works and finds nothing', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const one = encodePng({ width: 1, height: 1, colorType: 2, bitDepth: 8, rows: () => Buffer.from([10, 200, 30]) });
  expect(await feed(page, { name: 'dot.png', mimeType: 'image/png', buffer: one })).toMatch(
    /Found 0 objects in dot\.png/,
  );
  expect(await resultImageSize(page)).toEqual([1, 1]);
});

test('an animated GIF is read at its first frame', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  expect(await feed(page, { name: 'anim.gif', mimeType: 'image/gif', buffer: twoFrameGif(64, 48) })).toMatch(
    /in anim\.gif/,
  );
  expect(await resultPixel(page, 32, 24)).toEqual([255, 0, 0, 255]); // frame 1 is red, frame 2 blue
});

test('an SVG is rendered as an image only: its script never runs and its markup never enters the page', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="window.__pwned=1">
    <rect width="200" height="100" fill="#ff0000"/><script>window.__pwned=2</script>
    <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml" id="injected">x</div></foreignObject></svg>`;
  expect(await feed(page, { name: 'drawing.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) })).toMatch(
    /in drawing\.svg/,
  );
  expect(await resultPixel(page, 150, 80)).toEqual([255, 0, 0, 255]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('#injected').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('several images dropped at once are a batch: every one is processed (docs/batch.md)', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [
    { name: 'zidane.jpg', mimeType: 'image/jpeg', buffer: readFileSync(sharedPath('images/zidane.jpg')) },
    { name: 'bus.jpg', mimeType: 'image/jpeg', buffer: bus() },
  ]);
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('max', '2');
  await waitReady(page);
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('value', '2');
  await expect(page.getByTestId('status')).toContainText('Batch done: 2 images');
  await expect(page.getByTestId('batch-cell')).toHaveCount(2);
  await expect(page.getByTestId('batch-cell').first()).toHaveAttribute('data-name', 'bus.jpg');
});
