import { readFile } from 'node:fs/promises';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { notAVideo, truncatedCopy, withDeclaredSize, zeroFrameCopy } from '../src/test-support/video-fixtures.ts';
import { detectFile, downloadJson, newSharedPage, openApp, waitReady, watchErrors } from './app.ts';
import { expectGolden, HAVE_SHARED, needShared, sharedPath } from './shared.ts';
import { expect, type Page, test } from './test.ts';

/**
 * Whole-video analysis through the real app, worker and model (the 320
 * bundle: these tests check the pipeline, not the model's accuracy), on one
 * page shared in order: each test leaves the app ready with the same line.
 * The line is given by ?line= so two runs must count alike.
 */
test.describe.configure({ mode: 'serial' });
test.beforeEach(() => needShared());

/** Top to bottom at 75% of the width: people walking right to left cross it "in". */
const LINE = '0.75,0,0.75,1';
const W = 768;
const H = 576;
let page: Page;
let errors: string[] = [];
let street: Buffer;
/** The video's frame count, read from the file by mediabunny here in Node, not by the app. */
let frameCount = 0;
let firstCounts: CountsJson | null = null;

interface CountsJson {
  video: string;
  line: { pixels: { x1: number; y1: number; x2: number; y2: number } };
  direction: string;
  totals: { in: number; out: number };
  counts: { classId: number; label: string; in: number; out: number }[];
  crossings: { trackId: number; direction: string; frame: number }[];
  [k: string]: unknown;
}

test.beforeAll(async ({ browser }, info) => {
  if (!HAVE_SHARED) return;
  street = await readFile(sharedPath('video/street.webm'));
  const input = new Input({ source: new BufferSource(new Uint8Array(street)), formats: ALL_FORMATS });
  frameCount = (await (await input.getPrimaryVideoTrack())!.computePacketStats()).packetCount;
  page = await newSharedPage(browser, info);
  errors = watchErrors(page);
  await openApp(page, `?model=yolov5n-320&backend=wasm&line=${LINE}`);
});

test.afterAll(async () => {
  await page?.context().close();
});

const panel = () => page.getByTestId('video-analysis');

async function pickVideo(file: { name: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId('video-input').setInputFiles({ ...file, mimeType: 'video/webm' });
  await expect(panel()).toHaveAttribute('data-phase', 'idle');
  await expect(page.getByTestId('analyse-video')).toBeEnabled();
}

async function analyseToEnd(): Promise<void> {
  await page.getByTestId('analyse-video').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'busy');
  await expect(panel()).toHaveAttribute('data-phase', 'done', { timeout: 110_000 });
  await waitReady(page);
}

async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

test('analyses every frame of street.webm: tracks in bounds, counts, and a playable annotated video', async () => {
  expect(frameCount).toBe(100);
  await pickVideo({ name: 'street.webm', buffer: street });
  await expect(panel().getByTestId('line-controls')).toHaveAttribute('data-line', LINE);
  await analyseToEnd();
  const progress = page.getByTestId('analysis-progress');
  await expect(progress).toHaveAttribute('value', String(frameCount));
  await expect(progress).toHaveAttribute('max', String(frameCount));

  const csv = await download('download-tracks-csv');
  expect(csv.name).toBe('street.tracks.csv');
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  // MOTChallenge form: no header, 10 columns frame,id,bb_left,bb_top,bb_width,bb_height,conf,x,y,z.
  const rows = lines.map((l) => l.split(',').map(Number));
  expect(rows.length).toBeGreaterThan(100); // a street with parked cars and people: boxes in most frames
  const framesSeen = new Set<number>();
  for (const r of rows) {
    expect(r).toHaveLength(10);
    const [frame, id, left, top, w, h, conf, x, y, z] = r as [number, ...number[]];
    expect(Number.isInteger(frame) && frame >= 1 && frame <= frameCount, `frame ${frame}`).toBe(true);
    expect(Number.isInteger(id) && id! >= 1).toBe(true);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(w).toBeGreaterThan(0);
    expect(h).toBeGreaterThan(0);
    expect(left! + w!).toBeLessThanOrEqual(W + 1e-6);
    expect(top! + h!).toBeLessThanOrEqual(H + 1e-6);
    expect(conf).toBeGreaterThan(0);
    expect(conf).toBeLessThanOrEqual(1);
    expect([x, y, z]).toEqual([-1, -1, -1]);
    framesSeen.add(frame);
  }
  // Frames are analysed in order and every one of them: boxes appear across the whole video.
  expect(Math.max(...framesSeen)).toBeGreaterThan(frameCount - 5);

  const json = await download('download-tracks-json');
  expect(json.name).toBe('street.tracks.json');
  const tracks = JSON.parse(json.bytes.toString('utf8')) as {
    video: string;
    frames: number;
    width: number;
    height: number;
    tracks: { id: number; label: string }[];
    rows: unknown[];
  };
  expect(tracks).toMatchObject({ video: 'street.webm', frames: frameCount, width: W, height: H });
  expect(tracks.rows).toHaveLength(rows.length);
  const ids = new Set(rows.map((r) => r[1]));
  expect(new Set(tracks.tracks.map((t) => t.id))).toEqual(ids);
  expect(tracks.tracks.every((t) => t.label.length > 0)).toBe(true);
  await expect(page.getByTestId('analysis-tracks')).toHaveAttribute('data-tracks', /^[1-9]\d*$/);

  const counts = await download('download-counts');
  expect(counts.name).toBe('street.counts.json');
  firstCounts = JSON.parse(counts.bytes.toString('utf8')) as CountsJson;
  expect(firstCounts.line.pixels).toMatchObject({ x1: 0.75 * W, y1: 0, x2: 0.75 * W, y2: H });
  // People walk right to left on this street, across the line.
  expect(firstCounts.totals.in + firstCounts.totals.out).toBeGreaterThan(0);
  expect(firstCounts.crossings).toHaveLength(firstCounts.totals.in + firstCounts.totals.out);
  expect(firstCounts.direction).toContain('"in"');
  const table = page.getByTestId('analysis-counts');
  await expect(table).toHaveAttribute('data-in', String(firstCounts.totals.in));
  await expect(table).toHaveAttribute('data-out', String(firstCounts.totals.out));

  const video = await download('download-annotated');
  expect(video.name).toMatch(/^street\.annotated\.(mp4|webm)$/);
  const played = await page.evaluate(
    async ({ b64, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(new Blob([bytes], { type }));
      await new Promise<void>((resolve, reject) => {
        v.onloadeddata = () => resolve();
        v.onerror = () => reject(new Error(v.error?.message ?? 'video error'));
      });
      v.currentTime = 5;
      await new Promise<void>((resolve) => {
        v.onseeked = () => resolve();
      });
      const c = new OffscreenCanvas(v.videoWidth, v.videoHeight);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(v, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! > 60) lit++;
      // The counting line is drawn in yellow, top to bottom at 75% of the width.
      const x = Math.round(0.75 * v.videoWidth);
      const line = ctx.getImageData(x - 1, 100, 3, 1).data;
      let yellow = false;
      for (let i = 0; i < line.length; i += 4) yellow ||= line[i]! > 170 && line[i + 1]! > 170 && line[i + 2]! < 120;
      return { duration: v.duration, width: v.videoWidth, height: v.videoHeight, lit: lit / (px.length / 4), yellow };
    },
    { b64: video.bytes.toString('base64'), type: video.name.endsWith('.mp4') ? 'video/mp4' : 'video/webm' },
  );
  expect(played.width).toBe(W);
  expect(played.height).toBe(H);
  expect(played.duration).toBeGreaterThan(9.5);
  expect(played.duration).toBeLessThan(10.5);
  expect(played.lit).toBeGreaterThan(0.5); // a decoded picture, not a black frame
  expect(played.yellow).toBe(true);
});

test('the same ?line= gives the same counts on a second run', async () => {
  expect(firstCounts).not.toBeNull();
  await analyseToEnd();
  const again = JSON.parse((await download('download-counts')).bytes.toString('utf8')) as CountsJson;
  expect(again.totals).toEqual(firstCounts!.totals);
  expect(again.counts).toEqual(firstCounts!.counts);
  expect(again.crossings).toEqual(firstCounts!.crossings);
});

test('refuses a non-video, a truncated file, a 0-frame file and an 8K video, and keeps working', async () => {
  const bytes = new Uint8Array(street);
  const cases: [string, Uint8Array, RegExp][] = [
    ['notes.webm', notAVideo(), /notes\.webm is not a video this app can read/],
    ['cut.webm', truncatedCopy(bytes, 0.6), /cut\.webm is cut short \(truncated\)/],
    ['nothing.webm', zeroFrameCopy(bytes), /nothing\.webm has 0 frames/],
    [
      'eight-k.webm',
      withDeclaredSize(bytes, 7680, 4320),
      /eight-k\.webm has 7680x4320 frames .* over this app's video limit/,
    ],
  ];
  for (const [name, data, message] of cases) {
    await pickVideo({ name, buffer: Buffer.from(data) });
    await page.getByTestId('analyse-video').click();
    await expect(panel()).toHaveAttribute('data-phase', 'failed');
    await expect(page.getByTestId('analysis-message')).toHaveText(message);
    await waitReady(page);
  }
});

test('pause holds the run, cancel mid-way leaves the app usable: an image then detects', async () => {
  await pickVideo({ name: 'street.webm', buffer: street });
  await page.getByTestId('analyse-video').click();
  const progress = page.getByTestId('analysis-progress');
  const value = async () => Number(await progress.getAttribute('value'));
  await expect.poll(value, { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  await page.getByTestId('analysis-pause').click();
  await expect(panel()).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'busy');
  const held = await value();
  await page.waitForTimeout(1000);
  expect(await value()).toBeLessThanOrEqual(held + 2); // frames already at the worker may still land
  await page.getByTestId('analysis-pause').click();
  await expect(panel()).toHaveAttribute('data-phase', 'running');
  await expect.poll(value, { timeout: 60_000 }).toBeGreaterThan(held + 2);
  await page.getByTestId('analysis-cancel').click();
  await expect(panel()).toHaveAttribute('data-phase', 'cancelled');
  await waitReady(page);
  expect(await value()).toBeLessThan(frameCount);
  await expect(page.getByTestId('download-tracks-csv')).toHaveCount(0);

  await detectFile(page, sharedPath('images/bus.jpg'));
  const { json } = await downloadJson(page);
  expectGolden(json, 'yolov5n-320', 'bus');
});

test('the line is drawn by dragging on the video and moved with the keyboard', async () => {
  await pickVideo({ name: 'street.webm', buffer: street });
  const editor = page.getByTestId('webcam-panel').getByTestId('count-line-editor');
  await expect(page.getByTestId('webcam-panel')).toHaveAttribute('data-mode', 'video');
  await editor.scrollIntoViewIfNeeded();
  await expect(editor).toBeInViewport({ ratio: 1 });
  const box = (await editor.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 4 });
  await page.mouse.up();
  const controls = panel().getByTestId('line-controls');
  const line = async () => (await controls.getAttribute('data-line'))!.split(',').map(Number);
  await expect(controls).not.toHaveAttribute('data-line', LINE);
  const drawn = await line();
  for (const [i, v] of [0.2, 0.3, 0.8, 0.7].entries()) expect(drawn[i]).toBeCloseTo(v, 1);

  const a = page.getByTestId('webcam-panel').getByTestId('line-end-a');
  await a.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await line())[1]).toBeCloseTo(drawn[1]! + 0.1, 3);
  const moved = await line();
  expect(moved[0]).toBeCloseTo(drawn[0]! + 0.01, 3);
  expect(moved[1]).toBeCloseTo(drawn[1]! + 0.1, 3);
  expect(moved.slice(2)).toEqual(drawn.slice(2));
  expect(errors).toEqual([]);
});
