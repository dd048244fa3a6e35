import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { compareWithGolden } from '../src/detect/golden-match.ts';
import { newSharedPage, openApp, pickImage, waitReady } from './app.ts';
import { encodePng } from './image-fixtures.ts';
import { golden, HAVE_SHARED, sharedPath } from './shared.ts';
import { expect, type Page, test } from './test.ts';

/**
 * A folder in, a labelled dataset out (docs/batch.md): a real folder picked
 * through the batch input (as a user's folder pick gives it: webkitRelativePath),
 * the real model on WASM, the exports checked against the golden detections,
 * and the CLI's exports of the same folder against the browser's.
 */
test.describe.configure({ mode: 'serial' });
test.skip(!HAVE_SHARED, 'skipped: ../shared not found');

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classId: number;
}
interface Coco {
  info: { classes_kept?: string[] };
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { image_id: number; category_id: number; bbox: number[]; score: number }[];
  categories: { id: number; name: string }[];
}

const LABELLED = { 'street/bus.jpg': 'bus', 'zidane.jpg': 'zidane' } as const;
const GENERATED = ['nested/café ünï/gen 1.png', 'nested/café ünï/deeper/gen-2.png', 'gen-3.png'];
const IMAGES = [...Object.keys(LABELLED), ...GENERATED, 'broken/corrupt.jpg'];

let root = '';
let folder = '';
let page: Page;
let cli: Promise<Coco>;
/** The first run's COCO export, unfiltered. */
let firstDoc: Coco;
const run = promisify(execFile);

/** A smooth gradient: an image with nothing in it, so its label file is empty. */
const gradient = (w: number, h: number, seed: number) =>
  encodePng({
    width: w,
    height: h,
    colorType: 2,
    bitDepth: 8,
    rows: (y) => Buffer.from(Array.from({ length: w * 3 }, (_, i) => (i * seed + y * 2) & 0xff)),
  });

function writeFolder(dir: string, extra: [string, Buffer][] = []): void {
  const put = (rel: string, data: Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  };
  for (const [rel, data] of extra) put(rel, data);
}

test.beforeAll(async ({ browser }, info) => {
  root = mkdtempSync(path.join(tmpdir(), 'batch-e2e-'));
  folder = path.join(root, 'my photos');
  mkdirSync(path.join(folder, 'street'), { recursive: true });
  copyFileSync(sharedPath('images/bus.jpg'), path.join(folder, 'street/bus.jpg'));
  copyFileSync(sharedPath('images/zidane.jpg'), path.join(folder, 'zidane.jpg'));
  writeFolder(folder, [
    [GENERATED[0]!, gradient(320, 240, 1)],
    [GENERATED[1]!, gradient(200, 150, 3)],
    [GENERATED[2]!, gradient(96, 64, 7)],
    // A JPEG cut short: taken as an image by its content, then refused with the reason.
    ['broken/corrupt.jpg', readFileSync(sharedPath('images/bus.jpg')).subarray(0, 20_000)],
    ['notes.txt', Buffer.from('not an image, whatever the folder says\n')],
  ]);
  // The CLI on the same folder, meanwhile (it runs on its own cores' share).
  const out = path.join(root, 'cli-out');
  cli = run('npx', ['tsx', 'scripts/detect.ts', folder, '--out', out, '--threads', '1'], { timeout: 110_000 }).then(
    async () => JSON.parse(await readFile(path.join(out, 'detections.coco.json'), 'utf8')) as Coco,
  );
  cli.catch(() => undefined);
  page = await newSharedPage(browser, info);
  await openApp(page, '?backend=wasm&model=yolov5n');
});

test.afterAll(async () => {
  await page?.context().close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

const cocoBoxes = (coco: Coco, file: string): Box[] => {
  const id = coco.images.find((i) => i.file_name === file)?.id;
  return coco.annotations
    .filter((a) => a.image_id === id)
    .map((a) => {
      const [x, y, w, h] = a.bbox as [number, number, number, number];
      return { x1: x, y1: y, x2: x + w, y2: y + h, score: a.score, classId: a.category_id - 1 };
    });
};

/** YOLO lines back to pixels; they carry no score, so each takes the score of the golden box it is compared with. */
const yoloBoxes = (text: string, w: number, h: number): Omit<Box, 'score'>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [c, cx, cy, bw, bh] = line.split(' ').map(Number) as [number, number, number, number, number];
      return { classId: c, x1: (cx - bw / 2) * w, y1: (cy - bh / 2) * h, x2: (cx + bw / 2) * w, y2: (cy + bh / 2) * h };
    });

/** Picks a folder on the batch input; resolves with a reader of every app state seen since (a short run may pass `busy` between two polls). */
async function runFolder(dir: string): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const app = document.querySelector('[data-testid=app]')!;
    const seen: string[] = [];
    (window as unknown as { __states: string[] }).__states = seen;
    new MutationObserver(() => {
      const s = app.getAttribute('data-state') ?? '';
      if (seen[seen.length - 1] !== s) seen.push(s);
    }).observe(app, { attributes: true, attributeFilter: ['data-state'] });
  });
  await page.getByTestId('batch-input').setInputFiles(dir);
  return () => page.evaluate(() => [...(window as unknown as { __states: string[] }).__states]);
}

test('a folder: every image processed, the corrupt one listed, the non-image skipped; exports match the golden boxes', async () => {
  const states = await runFolder(folder);
  const progress = page.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('max', String(IMAGES.length));
  await waitReady(page);
  expect(await states()).toEqual(['busy', 'ready']);
  await expect(page.getByTestId('batch-panel')).toHaveAttribute('data-phase', 'done');
  await expect(progress).toHaveAttribute('value', String(IMAGES.length));
  await expect(page.getByTestId('batch-failures')).toContainText('broken/corrupt.jpg is truncated');
  await expect(page.getByTestId('batch-failures').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('batch-skipped').locator('li')).toHaveText([/notes\.txt: not an image/]);
  await expect(page.getByTestId('batch-cell')).toHaveCount(IMAGES.length - 1);

  const coco = await download('download-coco');
  expect(coco.name).toBe('detections.coco.json');
  const doc = JSON.parse(coco.bytes.toString('utf8')) as Coco;
  firstDoc = doc;
  // Sorted by path, as the CLI sorts; the folder's own name is not part of the names.
  expect(doc.images.map((i) => i.file_name)).toEqual(IMAGES.filter((n) => !n.startsWith('broken/')).sort());
  for (const [file, g] of Object.entries(LABELLED)) {
    const ref = golden('yolov5n-640', g);
    expect(doc.images.find((i) => i.file_name === file)).toMatchObject({ width: ref.width, height: ref.height });
    expect(compareWithGolden(cocoBoxes(doc, file), ref.detections), file).toEqual([]);
  }
  expect(doc.categories[0]).toEqual({ id: 1, name: 'person', supercategory: '' });

  const zip = await download('download-yolo-zip');
  expect(zip.name).toBe('labels.zip');
  const files = unzipSync(new Uint8Array(zip.bytes));
  expect(Object.keys(files).sort()).toEqual(
    [
      'classes.txt',
      'data.yaml',
      'gen-3.txt',
      'nested/café ünï/deeper/gen-2.txt',
      'nested/café ünï/gen 1.txt',
      'street/bus.txt',
      'zidane.txt',
    ].sort(),
  );
  for (const [file, g] of Object.entries(LABELLED)) {
    const ref = golden('yolov5n-640', g);
    const boxes = yoloBoxes(strFromU8(files[file.replace('.jpg', '.txt')]!), ref.width, ref.height);
    // A YOLO line has no score: give each box its matching golden box's, so only class and place are compared.
    const scored = boxes.map((b) => {
      const best = ref.detections.filter((d) => d.classId === b.classId).sort((p, q) => iou(q, b) - iou(p, b))[0];
      return { ...b, score: best?.score ?? 1 };
    });
    expect(compareWithGolden(scored, ref.detections), file).toEqual([]);
  }
  expect(strFromU8(files['gen-3.txt']!)).toBe('');

  const csv = await download('download-csv');
  expect(csv.name).toBe('detections.csv');
  const rows = csv.bytes.toString('utf8').split('\r\n');
  expect(rows[0]).toBe('image,width,height,class_id,label,score,x1,y1,x2,y2');
  expect(rows.filter((r) => r.startsWith('street/bus.jpg,810,1080,'))).toHaveLength(
    cocoBoxes(doc, 'street/bus.jpg').length,
  );

  // The CLI on the same folder: the same images, the same boxes within the tolerance.
  const fromCli = await cli;
  expect(fromCli.images.map((i) => i.file_name)).toEqual(doc.images.map((i) => i.file_name));
  for (const img of doc.images)
    expect(compareWithGolden(cocoBoxes(fromCli, img.file_name), cocoBoxes(doc, img.file_name)), img.file_name).toEqual(
      [],
    );
});

function iou(a: Omit<Box, 'score'>, b: Omit<Box, 'score'>): number {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = w * h;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

test('the class filter changes the exports, the grid counts and the opened image', async () => {
  const person = page.getByTestId('batch-panel').locator('[data-testid=class-chip][data-label=person]');
  const bus = page.getByTestId('batch-cell').and(page.locator('[data-name="street/bus.jpg"]'));
  const busBoxes = cocoBoxes(firstDoc, 'street/bus.jpg');
  const all = busBoxes.length;
  const people = busBoxes.filter((b) => b.classId === 0).length;
  expect(people).toBeGreaterThan(0);
  await expect(bus).toHaveAttribute('data-count', String(all));
  await person.click();
  await expect(person).toHaveAttribute('aria-pressed', 'false');
  await expect(bus).toHaveAttribute('data-count', String(all - people));
  const doc = JSON.parse((await download('download-coco')).bytes.toString('utf8')) as Coco;
  expect(doc.annotations.some((a) => a.category_id === 1)).toBe(false);
  expect(doc.annotations.length).toBeGreaterThan(0);
  expect(doc.categories).toHaveLength(80); // every label still listed, so ids keep their meaning
  expect(doc.info.classes_kept).not.toContain('person');
  const files = unzipSync(new Uint8Array((await download('download-yolo-zip')).bytes));
  const busLines = strFromU8(files['street/bus.txt']!).split('\n').filter(Boolean);
  expect(busLines.length).toBe(all - people);
  expect(busLines.every((l) => !l.startsWith('0 '))).toBe(true);
  const csv = (await download('download-csv')).bytes.toString('utf8');
  expect(csv).not.toContain(',person,');

  // Opened from the grid: the file decoded again, its boxes (filtered) drawn in the main view.
  await bus.click();
  await expect(page.getByTestId('batch-canvas')).toHaveAttribute('data-image-width', '810');
  await expect(page.getByTestId('batch-canvas')).toHaveAttribute(
    'aria-label',
    new RegExp(`street/bus\\.jpg with ${all - people} detected object`),
  );
  await page.getByTestId('class-show-all').first().click();
  await expect(page.getByTestId('batch-canvas')).toHaveAttribute('aria-label', new RegExp(`with ${all} detected`));
});

test('the class filter in the single-image view: list, drawing and JSON download', async () => {
  await pickImage(page, sharedPath('images/bus.jpg'));
  await expect(page.getByTestId('status')).toContainText('in bus.jpg');
  await waitReady(page);
  const ref = golden('yolov5n-640', 'bus');
  await expect(page.getByTestId('detection')).toHaveCount(ref.detections.length);
  const chip = page.getByTestId('class-filter').first().locator('[data-label=person]');
  await chip.click();
  await expect(page.getByTestId('detection')).toHaveCount(ref.detections.filter((d) => d.classId !== 0).length);
  const left = ref.detections.filter((d) => d.classId !== 0).length;
  await expect(page.getByTestId('result-canvas')).toHaveAttribute(
    'aria-label',
    new RegExp(`with ${left} detected object`),
  );
  const json = JSON.parse((await download('download-json')).bytes.toString('utf8')) as { detections: Box[] };
  expect(json.detections).toHaveLength(left);
  expect(json.detections.some((d) => d.classId === 0)).toBe(false);
  await chip.click();
  await expect(page.getByTestId('detection')).toHaveCount(ref.detections.length);
});

test('pause, resume and cancel', async () => {
  const many = path.join(root, 'many');
  writeFolder(
    many,
    Array.from({ length: 60 }, (_, i) => [`img-${String(i).padStart(2, '0')}.png`, gradient(64, 48, i + 1)]),
  );
  await runFolder(many);
  const progress = page.getByTestId('batch-progress');
  const value = async () => Number(await progress.getAttribute('value'));
  await expect(progress).toHaveAttribute('max', '60');
  await expect.poll(value).toBeGreaterThan(0);
  await page.getByTestId('batch-pause').click();
  await expect(page.getByTestId('batch-panel')).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'busy');
  // The images in flight finish; then nothing moves.
  await expect(page.getByTestId('batch-panel')).toHaveAttribute('data-in-flight', '0');
  const paused = await value();
  await page.waitForTimeout(1500);
  expect(await value()).toBe(paused);
  expect(paused).toBeLessThan(60);
  await page.getByTestId('batch-resume').click();
  await expect.poll(value).toBeGreaterThan(paused);
  await page.getByTestId('batch-cancel').click();
  await waitReady(page);
  await expect(page.getByTestId('batch-panel')).toHaveAttribute('data-phase', 'cancelled');
  const stopped = await value();
  expect(stopped).toBeLessThan(60);
  await page.waitForTimeout(500);
  expect(await value()).toBe(stopped);
  // What was done before the cancel can be downloaded.
  const doc = JSON.parse((await download('download-coco')).bytes.toString('utf8')) as Coco;
  expect(doc.images).toHaveLength(stopped);
});
