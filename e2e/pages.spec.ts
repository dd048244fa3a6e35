/**
 * Issue 5 end to end: the GitHub Pages build, served under /yolov5-webgpu/ by
 * a plain static server that sends no COOP/COEP, becomes cross-origin isolated
 * through the service worker, detects with golden parity, starts offline from
 * the cache, and picks up a model changed on the server.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithGolden } from '../src/detect/golden-match.ts';
import { DATA_CACHE } from '../src/sw/cache-names.ts';
import { detectFile, downloadJson, waitReady } from './app.ts';
import { buildSite, startStaticServer, type StaticServer } from './offline-server.ts';
import { golden, needShared, sharedPath } from './shared.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'dist-pages');
const PREFIX = '/yolov5-webgpu/';
const PORT = Number(process.env.PAGES_PORT ?? 4180);
const MODEL = path.join(OUT, 'models/yolov5n/yolov5n-640.onnx');

test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.beforeAll(async () => {
  await buildSite(OUT, PREFIX);
});

/** Records every value/max the progress bar shows, across reloads. */
async function watchProgress(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: { value: number; max: number }[] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    new MutationObserver(() => {
      const p = document.querySelector<HTMLProgressElement>('[data-testid=model-progress]');
      if (p) seen.push({ value: p.value, max: p.getAttribute('max') === null ? -1 : p.max });
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}
const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __progress: { value: number; max: number }[] }).__progress);

/** Appends a metadata_props entry (ModelProto field 14): still a valid model, other bytes. */
function withExtraMetadata(bytes: Buffer, key: string, value: string): Buffer {
  const str = (field: number, s: string) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([(field << 3) | 2, b.length]), b]);
  };
  const entry = Buffer.concat([str(1, key), str(2, value)]);
  return Buffer.concat([bytes, Buffer.from([(14 << 3) | 2, entry.length]), entry]);
}

async function cachedModelCount(page: Page): Promise<number> {
  return page.evaluate(async (name) => {
    if (!(await caches.has(name))) return 0;
    const keys = await (await caches.open(name)).keys();
    return keys.filter((k) => k.url.endsWith('.onnx')).length;
  }, DATA_CACHE);
}

test('Pages build: isolated via the service worker, golden parity, offline start, changed model picked up', async ({
  browser,
}) => {
  needShared();
  let server: StaticServer | null = await startStaticServer({ root: OUT, prefix: PREFIX, port: PORT });
  const original = await readFile(MODEL);
  const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'allow' });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await watchProgress(context);
  const page = await context.newPage();
  const url = `${server.url}?backend=wasm&model=yolov5n`;
  const ref = golden('yolov5n-640', 'bus');
  try {
    await test.step('first visit: one reload, then isolated and multi-threaded', async () => {
      await page.goto(url);
      await waitReady(page);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server!.url}sw.js`);
      await expect(page.getByTestId('backend')).toHaveText('wasm');
      await expect(page.getByTestId('backend-note')).not.toContainText(/1 thread|not cross-origin isolated/);
      // The model download showed bytes of a known total.
      const seen = await progressSeen(page);
      const size = (await stat(MODEL)).size;
      expect(
        seen.some((p) => p.max === size),
        `progress max ${JSON.stringify(seen.slice(-1))}`,
      ).toBe(true);
    });

    let firstSha = '';
    await test.step('bus.jpg matches the golden detections', async () => {
      await detectFile(page, sharedPath('images', 'bus.jpg'));
      const { json } = await downloadJson(page);
      expect(compareWithGolden(json.detections, ref.detections)).toEqual([]);
      expect(json.backend).toBe('wasm');
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      if (cores > 1) expect(json.threads).toBeGreaterThan(1);
      firstSha = json.modelSha256;
    });

    await test.step('server stopped: a reload still starts and detects from the cache', async () => {
      await expect.poll(() => cachedModelCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
      await server!.close();
      server = null;
      await page.reload();
      await waitReady(page);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      // Progress still has a total when the bytes come from the cache.
      const size = original.length;
      expect((await progressSeen(page)).some((p) => p.max === size && p.value === size)).toBe(true);
      await detectFile(page, sharedPath('images', 'bus.jpg'));
      const { json } = await downloadJson(page);
      expect(compareWithGolden(json.detections, ref.detections)).toEqual([]);
      expect(json.modelSha256).toBe(firstSha);
    });

    await test.step('a model changed on the server is used after a reload while online', async () => {
      const changed = withExtraMetadata(original, 'deploy_test', `changed ${Date.now()}`);
      await writeFile(MODEL, changed);
      server = await startStaticServer({ root: OUT, prefix: PREFIX, port: PORT });
      await page.reload();
      await waitReady(page);
      const { createHash } = await import('node:crypto');
      const newSha = createHash('sha256').update(changed).digest('hex');
      expect(newSha).not.toBe(firstSha);
      await expect(page.getByTestId('model-report')).toContainText(newSha.slice(0, 12));
      await detectFile(page, sharedPath('images', 'bus.jpg'));
      const { json } = await downloadJson(page);
      expect(json.modelSha256).toBe(newSha);
      expect(compareWithGolden(json.detections, ref.detections)).toEqual([]);
      expect(server.log.filter((p) => p.endsWith('.onnx'))).toEqual([`200 ${PREFIX}models/yolov5n/yolov5n-640.onnx`]);
      // Next visit: the cached copy is revalidated (304), not downloaded again.
      server.log.length = 0;
      await page.reload();
      await waitReady(page);
      expect(server.log.filter((p) => p.endsWith('.onnx'))).toEqual([`304 ${PREFIX}models/yolov5n/yolov5n-640.onnx`]);
      await expect(page.getByTestId('model-report')).toContainText(newSha.slice(0, 12));
    });

    await test.step('clear-cache removes the cached models and says how much it freed', async () => {
      await expect.poll(() => cachedModelCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByTestId('clear-cache').click();
      await expect(page.getByTestId('cache-freed')).toContainText(/Freed (\d+\.\d) MB/);
      const freed = Number(/Freed (\d+\.\d) MB/.exec((await page.getByTestId('cache-freed').textContent()) ?? '')![1]);
      expect(freed).toBeGreaterThan(3);
      expect(await cachedModelCount(page)).toBe(0);
    });

    const origin = new URL(`http://127.0.0.1:${PORT}/`).origin;
    expect(
      requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:')),
    ).toEqual([]);
    expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
  } finally {
    await context.close();
    await server?.close();
    await writeFile(MODEL, original);
  }
});

test('without a service worker the app runs single-threaded and says why', async ({ browser }) => {
  needShared();
  const server = await startStaticServer({ root: OUT, prefix: PREFIX, port: PORT });
  // 'block' is what a browser without service workers (or with them disabled) looks like to the page.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}?backend=wasm&model=yolov5n`);
    await waitReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.getByTestId('backend-note')).toContainText('1 thread');
    await expect(page.getByTestId('backend-note')).toContainText('Why:');
    // No reload loop: one navigation only.
    expect(server.log.filter((p) => p.endsWith(` ${PREFIX}`))).toHaveLength(1);
  } finally {
    await context.close();
    await server.close();
  }
});
