/**
 * The result view at a desktop and a phone size: the image fills its column
 * (within the viewport's height and at most 2× its pixels), crisp (backing
 * store = CSS size × devicePixelRatio), labels never overlap, and a row and
 * its box highlight each other. One page per viewport, shared by its tests;
 * the 320 model, as golden parity is not the point here.
 *
 * The placed label rectangles are read from the canvas's `data-labels`
 * attribute (CSS pixels from the canvas's corner, null = left out): it is in
 * both builds, so what is tested is what users get, and each rectangle is
 * checked against the canvas's pixels, so it cannot drift from the drawing.
 *
 * Screenshots go to the test output; UPDATE_SCREENSHOTS=1 refreshes
 * docs/screenshot.png and docs/screenshot-phone.png (the README's).
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { classColour } from '../src/image/palette.ts';
import { detectFile, downloadJson, pickImage, waitReady, watchErrors } from './app.ts';
import { golden, needShared, sharedPath } from './shared.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What use-fit-space.ts keeps free below the image. */
const VIEWPORT_MARGIN = 24;

type LabelRect = [number, number, number, number] | null;

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 900, dpr: 1, mobile: false, shot: 'docs/screenshot.png' },
  { name: 'phone', width: 390, height: 844, dpr: 2, mobile: true, shot: 'docs/screenshot-phone.png' },
] as const;

interface Geometry {
  css: { width: number; height: number };
  backing: { width: number; height: number };
  image: { width: number; height: number };
  column: number;
  viewportHeight: number;
  dpr: number;
  labels: LabelRect[];
}

async function geometry(page: Page): Promise<Geometry> {
  return page.getByTestId('result-canvas').evaluate((c: HTMLCanvasElement) => {
    const r = c.getBoundingClientRect();
    return {
      css: { width: r.width, height: r.height },
      backing: { width: c.width, height: c.height },
      image: { width: Number(c.dataset.imageWidth), height: Number(c.dataset.imageHeight) },
      column: c.parentElement!.getBoundingClientRect().width,
      viewportHeight: window.innerHeight,
      dpr: window.devicePixelRatio,
      labels: JSON.parse(c.dataset.labels ?? 'null') as LabelRect[],
    };
  });
}

/** The sizing rule, checked from the outside: fill the column unless the viewport height or 2× limits it first. */
function expectFitted(g: Geometry): void {
  const aspect = g.image.width / g.image.height;
  const expected = Math.min(g.column, (g.viewportHeight - VIEWPORT_MARGIN) * aspect, 2 * g.image.width);
  expect(Math.abs(g.css.width - expected), `CSS width ${g.css.width} vs ${expected}`).toBeLessThanOrEqual(1);
  expect(Math.abs(g.css.height - g.css.width / aspect)).toBeLessThanOrEqual(1);
  // Crisp: one backing pixel per device pixel.
  expect(Math.abs(g.backing.width - g.css.width * g.dpr)).toBeLessThanOrEqual(1);
  expect(Math.abs(g.backing.height - g.css.height * g.dpr)).toBeLessThanOrEqual(1);
}

/** Placed labels stay on the canvas and no two overlap (touching is fine). */
function expectLabelsApart(g: Geometry): void {
  const placed = g.labels.filter((r): r is [number, number, number, number] => r !== null);
  for (const [x, y, w, h] of placed) {
    expect(x >= -0.01 && y >= -0.01, `label at ${x},${y} on the canvas`).toBe(true);
    expect(x + w <= g.css.width + 0.01 && y + h <= g.css.height + 0.01, `label at ${x},${y} on the canvas`).toBe(true);
  }
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) {
      const [ax, ay, aw, ah] = placed[i]!;
      const [bx, by, bw, bh] = placed[j]!;
      const ix = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
      const iy = Math.min(ay + ah, by + bh) - Math.max(ay, by);
      expect(ix > 0.01 && iy > 0.01, `labels ${JSON.stringify(placed[i])} and ${JSON.stringify(placed[j])}`).toBe(
        false,
      );
    }
}

/** The RGB on the canvas at CSS point (x, y) from its corner. */
const canvasRgb = (page: Page, x: number, y: number) =>
  page.getByTestId('result-canvas').evaluate(
    (c: HTMLCanvasElement, [px, py]) => {
      const k = c.width / c.getBoundingClientRect().width;
      return Array.from(
        c
          .getContext('2d')!
          .getImageData(Math.floor(px! * k), Math.floor(py! * k), 1, 1)
          .data.slice(0, 3),
      );
    },
    [x, y],
  );

const near = (a: number[], b: readonly number[], tol = 12) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

/** Each placed label is really painted where data-labels says: its corner has its class colour. */
async function expectLabelsPainted(page: Page, g: Geometry, classIds: number[]): Promise<void> {
  for (const [i, r] of g.labels.entries()) {
    if (!r) continue;
    const rgb = await canvasRgb(page, r[0] + 1, r[1] + 1);
    expect(near(rgb, classColour(classIds[i]!)), `label ${i} painted at ${r[0]},${r[1]}: ${rgb}`).toBe(true);
  }
}

/**
 * bus.jpg and zidane.jpg tiled into one picture, drawn in the page with an
 * OffscreenCanvas: many people at several sizes, so labels crowd.
 */
async function crowdJpeg(page: Page, width: number, height: number, cols: number, rows: number): Promise<Buffer> {
  const sources = ['bus.jpg', 'zidane.jpg'].map((f) => readFileSync(sharedPath('images', f)).toString('base64'));
  const b64 = await page.evaluate(
    async ({ sources, width, height, cols, rows }) => {
      const bitmaps = await Promise.all(
        sources.map((s) => createImageBitmap(new Blob([Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0))]))),
      );
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const tw = width / cols;
      const th = height / rows;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) ctx.drawImage(bitmaps[(r + c) % 2]!, c * tw, r * th, tw, th);
      const bytes = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
      );
      let s = '';
      for (const byte of bytes) s += String.fromCharCode(byte);
      return btoa(s);
    },
    { sources, width, height, cols, rows },
  );
  return Buffer.from(b64, 'base64');
}

/** Frame n of the street video (Motion JPEG: whole JPEG files one after another): a real scene with small people. */
function streetFrame(n: number): Buffer {
  const d = readFileSync(sharedPath('video', 'street.mjpeg'));
  let start = -1;
  for (let i = 0, k = -1; i < d.length - 2; i++) {
    if (d[i] === 0xff && d[i + 1] === 0xd8 && d[i + 2] === 0xff && ++k === n) start = i;
    if (start >= 0 && d[i] === 0xff && d[i + 1] === 0xd9) return d.subarray(start, i + 2);
  }
  throw new Error(`street.mjpeg has no frame ${n}`);
}

async function detectBuffer(page: Page, name: string, buffer: Buffer): Promise<void> {
  await pickImage(page, { name, mimeType: 'image/jpeg', buffer });
  await expect(page.getByTestId('status')).toContainText(`in ${name}`, { timeout: 120_000 });
  await waitReady(page);
}

for (const vp of VIEWPORTS) {
  test.describe(`${vp.name} ${vp.width}x${vp.height} @${vp.dpr}x`, () => {
    test.describe.configure({ mode: 'serial' });
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    test.beforeAll(async ({ browser }, info) => {
      needShared();
      context = await browser.newContext({
        baseURL: info.project.use.baseURL,
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.dpr,
        isMobile: vp.mobile,
        hasTouch: vp.mobile,
        acceptDownloads: true,
      });
      page = await context.newPage();
      errors = watchErrors(page);
      await page.goto('./?backend=wasm&model=yolov5n-320');
      await waitReady(page);
    });
    test.afterAll(async () => {
      await context?.close();
    });

    test('zidane.jpg fills its column, crisp, labels apart and painted where they are said to be', async () => {
      await detectFile(page, sharedPath('images', 'zidane.jpg'));
      const g = await geometry(page);
      expect(g.image).toEqual({ width: 1280, height: 720 });
      expect(g.dpr).toBe(vp.dpr);
      expectFitted(g);
      // A landscape photo here is limited by its column only: it fills it.
      expect(Math.abs(g.css.width - g.column)).toBeLessThanOrEqual(1);
      const { json } = await downloadJson(page);
      expect(g.labels).toHaveLength(json.detections.length);
      expect(g.labels.every((r) => r !== null)).toBe(true);
      expectLabelsApart(g);
      await expectLabelsPainted(
        page,
        g,
        json.detections.map((d) => d.classId),
      );
      // The PNG download is still drawn at the image's own resolution, not the screen's.
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-png').click()]);
      const bytes = readFileSync((await png.path())!);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 720]);
      // The summary counts what the golden file lists (every score there is well above the 0.35 that may vary).
      const ref = golden('yolov5n-320', 'zidane');
      expect(ref.detections.every((d) => d.label === 'person' && d.score > 0.35)).toBe(true);
      await expect(page.getByTestId('detection-summary')).toHaveText(`${ref.detections.length} person`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });

    test('a row and its box highlight each other: pointer, keyboard and (phone) touch', async () => {
      const canvas = page.getByTestId('result-canvas');
      const rows = page.getByTestId('detection');
      const g = await geometry(page);
      const { json } = await downloadJson(page);
      const n = json.detections.length;
      expect(n).toBeGreaterThanOrEqual(2);

      // Pointer on a row: its box is highlighted, drawn at full strength while the others are dimmed.
      await rows.nth(1).hover();
      await expect(canvas).toHaveAttribute('data-highlight', '1');
      await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
      const [l0, l1] = [g.labels[0]!, g.labels[1]!];
      expect(near(await canvasRgb(page, l1[0] + 1, l1[1] + 1), classColour(json.detections[1]!.classId))).toBe(true);
      expect(near(await canvasRgb(page, l0[0] + 1, l0[1] + 1), classColour(json.detections[0]!.classId))).toBe(false);

      // Pointer on the canvas: over label 0 highlights detection 0 and its row.
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + l0[0] + 2, box.y + l0[1] + 2);
      await expect(canvas).toHaveAttribute('data-highlight', '0');
      await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
      await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'false');
      // Leaving the canvas clears it.
      await page.getByTestId('download-json').hover();
      await expect(canvas).not.toHaveAttribute('data-highlight');

      // Keyboard: one Tab stop, arrows move, focus highlights; the focus ring is visible.
      await rows.nth(0).focus();
      await expect(canvas).toHaveAttribute('data-highlight', '0');
      await page.keyboard.press('ArrowDown');
      await expect(rows.nth(1)).toBeFocused();
      await expect(canvas).toHaveAttribute('data-highlight', '1');
      expect(await rows.nth(0).getAttribute('tabindex')).toBe('-1');
      expect(await rows.nth(1).getAttribute('tabindex')).toBe('0');
      const ring = await rows.nth(1).evaluate((el) => {
        const { outlineStyle, outlineWidth } = getComputedStyle(el);
        return { outlineStyle, outlineWidth };
      });
      expect(ring.outlineStyle).toBe('solid');
      expect(Number.parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);
      await expect(rows.nth(1)).toHaveAccessibleName(/^person \d+\.\d%, box from \d+,\d+ to \d+,\d+$/);
      await page.keyboard.press('Home');
      await expect(rows.nth(0)).toBeFocused();
      await rows.nth(0).blur();
      await expect(canvas).not.toHaveAttribute('data-highlight');

      if (vp.mobile) {
        // No hover on a phone: tapping a box highlights its row, and it stays after the finger lifts.
        await canvas.scrollIntoViewIfNeeded();
        const box = (await canvas.boundingBox())!;
        const cx = box.x + ((json.detections[1]!.x1 + json.detections[1]!.x2) / 2) * (g.css.width / g.image.width);
        const cy = box.y + ((json.detections[1]!.y1 + json.detections[1]!.y2) / 2) * (g.css.height / g.image.height);
        await page.touchscreen.tap(cx, cy);
        await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
      }
    });

    test('a crowded picture: many labels, none overlapping; a label left out keeps its box, shown on top from its row', async () => {
      await detectBuffer(page, 'crowd.jpg', await crowdJpeg(page, 1620, 1080, 3, 2));
      // More boxes than a normal photo: lower the threshold so the crowd is dense.
      await page.getByTestId('conf-slider').fill('0.1');
      const rows = page.getByTestId('detection');
      const n = await rows.count();
      expect(n).toBeGreaterThanOrEqual(15);
      const g = await geometry(page);
      expectFitted(g);
      expect(g.labels).toHaveLength(n);
      expectLabelsApart(g);
      const { json } = await downloadJson(page);
      await expectLabelsPainted(
        page,
        g,
        json.detections.map((d) => d.classId),
      );
      const placed = g.labels.filter((r) => r !== null).length;
      test.info().annotations.push({ type: 'labels', description: `${placed} of ${n} placed at ${vp.name}` });
      expect(placed).toBeGreaterThanOrEqual(Math.min(n, 10));
      // A detection whose label found no room (the phone's small canvas has some): its row brings its box to the
      // top at full strength, and the layout does not change under the highlight.
      const k = g.css.width / g.image.width;
      for (const [i, r] of g.labels.entries()) {
        if (r) continue;
        const d = json.detections[i]!;
        await rows.nth(i).focus();
        await expect(page.getByTestId('result-canvas')).toHaveAttribute('data-highlight', String(i));
        const edge = await canvasRgb(page, d.x1 * k + 1, ((d.y1 + d.y2) / 2) * k);
        expect(near(edge, classColour(d.classId)), `left-out ${d.label} ${i}: box edge ${edge}`).toBe(true);
        expect((await geometry(page)).labels).toEqual(g.labels);
        await rows.nth(i).blur();
      }
      // The summary counts the list: per label, most frequent first.
      const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')!));
      const summary = (await page.getByTestId('detection-summary').textContent())!;
      const parts = summary.split(' · ').map((p) => {
        const [, count, label] = /^(\d+) (.+)$/.exec(p)!;
        return { count: Number(count), label };
      });
      for (const p of parts) expect(labels.filter((l) => l === p.label)).toHaveLength(p.count);
      expect(parts.reduce((s, p) => s + p.count, 0)).toBe(n);
      expect(parts.map((p) => p.count)).toEqual([...parts.map((p) => p.count)].sort((a, b) => b - a));
      await page.getByTestId('conf-slider').fill('0.25');
    });

    test('a 200x120 image is shown at most 2x (400x240 CSS px), never blurred further', async () => {
      await detectBuffer(page, 'small.jpg', await crowdJpeg(page, 200, 120, 1, 1));
      const g = await geometry(page);
      expect(g.image).toEqual({ width: 200, height: 120 });
      expectFitted(g);
      expect(g.css.width).toBeLessThanOrEqual(400 + 0.5);
      if (g.column >= 400) expect([Math.round(g.css.width), Math.round(g.css.height)]).toEqual([400, 240]);
      else expect(Math.abs(g.css.width - g.column)).toBeLessThanOrEqual(1);
    });

    test('follows its column when the window is resized, and the devicePixelRatio when it changes', async () => {
      await detectFile(page, sharedPath('images', 'zidane.jpg'));
      await page.setViewportSize({ width: vp.width - 100, height: vp.height });
      await expect
        .poll(async () => Math.abs((await geometry(page)).css.width - (await geometry(page)).column))
        .toBeLessThanOrEqual(1);
      expectFitted(await geometry(page));
      await page.setViewportSize({ width: vp.width, height: vp.height });
      // Browser zoom to 150%: the devicePixelRatio grows by 1.5 and the viewport shrinks in CSS pixels. The
      // backing store follows the new ratio. (Headless Chromium's emulation fires no media-query change for a
      // ratio change alone, so the listener for a window moved to another screen is not exercised here.)
      const cdp = await context.newCDPSession(page);
      const zoom = 1.5;
      await cdp.send('Emulation.setDeviceMetricsOverride', {
        width: Math.round(vp.width / zoom),
        height: Math.round(vp.height / zoom),
        deviceScaleFactor: vp.dpr * zoom,
        mobile: vp.mobile,
      });
      await expect.poll(async () => (await geometry(page)).dpr).toBe(vp.dpr * zoom);
      await expect
        .poll(async () => {
          const g = await geometry(page);
          return Math.abs(g.backing.width - g.css.width * g.dpr) <= 1 && Math.abs(g.css.width - g.column) <= 1;
        })
        .toBe(true);
      expectFitted(await geometry(page));
      expectLabelsApart(await geometry(page));
      // Back to the context's own metrics. Neither clearing the override nor detaching this session does that:
      // both drop to the bare browser window's (ratio 1), so the session stays open until the context closes.
      await cdp.send('Emulation.setDeviceMetricsOverride', {
        width: vp.width,
        height: vp.height,
        deviceScaleFactor: vp.dpr,
        mobile: vp.mobile,
      });
      await expect.poll(async () => (await geometry(page)).dpr).toBe(vp.dpr);
      expect(errors).toEqual([]);
    });

    test(`screenshot (${vp.shot}): a street scene, labels of small and close people apart`, async () => {
      await detectBuffer(page, 'street.jpg', streetFrame(60));
      expectLabelsApart(await geometry(page));
      // The phone's shot starts at the result, so the image and the list's start are both in it.
      if (vp.mobile)
        await page
          .getByTestId('result-canvas')
          .evaluate((c) => window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 8));
      else await page.evaluate(() => window.scrollTo(0, 0));
      const shot = process.env.UPDATE_SCREENSHOTS
        ? path.join(root, vp.shot)
        : test.info().outputPath(path.basename(vp.shot));
      await page.screenshot({ path: shot });
      expect(errors).toEqual([]);
    });
  });
}
