import { type Browser, type BrowserContextOptions, expect, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Drives the app through its public contract (data-testid attributes). */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
}

/**
 * A page for a serial group of tests that share it (each new page loads a model: seconds on WASM, tens of
 * seconds on SwiftShader), with the project's base URL. Close it with `page.context().close()` in afterAll.
 */
export async function newSharedPage(
  browser: Browser,
  info: TestInfo,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, acceptDownloads: true, ...options });
  return context.newPage();
}

export async function pickImage(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await page.getByTestId('image-input').setInputFiles(file);
}

export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
}

/** Picks a model (an `.onnx` alone, or with its config) with the bundle input and waits until it is loaded as "custom". */
export async function loadCustomModel(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByTestId('bundle-input').setInputFiles(files);
  await expect(page.getByTestId('model-select')).toHaveValue('custom', { timeout: 120_000 });
  await waitReady(page);
}

/** Picks an image and waits until its result is on screen. */
export async function detectFile(page: Page, file: string): Promise<void> {
  const name = file.split('/').pop()!;
  await pickImage(page, file);
  await expect(page.getByTestId('status')).toContainText(`in ${name}`, { timeout: 120_000 });
  await expect(page.getByTestId('status')).not.toContainText('Detecting', { timeout: 120_000 });
  await waitReady(page);
}

/**
 * The result image's size in image pixels. The canvas itself is sized to the
 * screen (CSS size × devicePixelRatio), so its width is not the image's.
 */
export async function resultImageSize(page: Page): Promise<[number, number]> {
  const canvas = page.getByTestId('result-canvas');
  return [
    Number(await canvas.getAttribute('data-image-width')),
    Number(await canvas.getAttribute('data-image-height')),
  ];
}

/** The RGBA the result canvas shows at image pixel (x, y): the centre of that pixel, mapped to the screen-sized canvas. */
export async function resultPixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.getByTestId('result-canvas').evaluate(
    (c: HTMLCanvasElement, [px, py]) => {
      const k = c.width / Number(c.dataset.imageWidth);
      const at = (v: number) => Math.min(Math.floor((v + 0.5) * k), c.width - 1);
      return Array.from(c.getContext('2d')!.getImageData(at(px!), Math.min(at(py!), c.height - 1), 1, 1).data);
    },
    [x, y],
  );
}

export async function downloadJson<T = ResultJson>(
  page: Page,
  testId = 'download-json',
): Promise<{ name: string; json: T }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const p = await download.path();
  return { name: download.suggestedFilename(), json: JSON.parse(await readFile(p!, 'utf8')) as T };
}

export interface ResultJson {
  image: string;
  width: number;
  height: number;
  model: string;
  backend: string;
  threads: number;
  inputWidth: number;
  inputHeight: number;
  conf: number;
  iou: number;
  config: { name: string; schemaVersion: number };
  modelSha256: string;
  timings: { decode: number; preprocess: number; inference: number; postprocess: number };
  detections: { x1: number; y1: number; x2: number; y2: number; score: number; classId: number; label: string }[];
}

/** Collects console errors and uncaught exceptions so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Drops files on the drop zone the way a user's drag does (a real DataTransfer with File objects). */
export async function dropFiles(page: Page, files: FilePayload[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, data: f.buffer.toString('base64') }));
  const dt = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const it of items) {
      const bytes = Uint8Array.from(atob(it.data), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], it.name, { type: it.type }));
    }
    return transfer;
  }, payload);
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
}

export async function filePayload(path: string, mimeType: string, name = path.split('/').pop()!): Promise<FilePayload> {
  return { name, mimeType, buffer: await readFile(path) };
}
