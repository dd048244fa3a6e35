/**
 * `npm run bench:batch [-- --images N] [--memory-images M] [--threads T] [--runs R] [--no-build]`
 *
 * The batch run's speed and memory (docs/batch.md), measured, never asserted:
 *
 * 1. The ceiling: the same page detects bus.jpg R times (after warm-ups)
 *    through the single-image path, before the batch and again after it (a
 *    shared machine's load moves); 1000 / (mean of the two inference p50s)
 *    is the most images/s any pipeline on this engine could reach. Beside
 *    it, the rate the worker's own time inside the run allows (its
 *    preprocess + inference + postprocess means): at 1.0 the worker never
 *    waited for the page.
 * 2. Throughput: a folder of N images (default 120: bus.jpg and zidane.jpg at
 *    320–1920 px, JPEG/PNG/WebP, as scripts/bench-detect.ts makes them) picked
 *    on the batch input, WASM with T threads (default 2), 640 model; images/s
 *    from the first result to the last (the app's own start-up not counted).
 * 3. The CLI (`npm run detect`'s run, onnxruntime-node, T threads) on the same folder.
 * 4. Memory: M images (default 1000; 0 skips it) in one batch; window heap and
 *    inference-worker heap after a full GC (e2e/heap.ts) when 100 are done
 *    and at the end, and ORT's WebAssembly memory (window.__yolo, test build).
 *
 * The test build goes to dist-test-batch/ (`--no-build` reuses it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { heapAfterGc } from '../e2e/heap.ts';
import { makeBenchFolder } from './bench-detect.ts';
import { BASE_ARGS, findChromium } from './browser.ts';
import { freePort, stop, waitHttp } from './bench-http.ts';
import { runDetect } from './detect/run.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
const OUT_DIR = 'dist-test-batch';

const log = (msg: string) => process.stderr.write(`[bench:batch] ${msg}\n`);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} takes a whole number`);
  return v;
}

const appState = (page: Page, state: string, timeout = 600_000) =>
  page.waitForFunction((s) => document.querySelector('[data-testid=app]')?.getAttribute('data-state') === s, state, {
    timeout,
    polling: 50,
  });

const progressValue = (page: Page) =>
  page.evaluate(() => Number(document.querySelector('[data-testid=batch-progress]')?.getAttribute('value') ?? 0));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Counts single-image results in the page: each 'Found …' status after a 'Detecting …' one. */
async function countResults(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __results: number };
    w.__results = 0;
    const status = document.querySelector('[data-testid=status]')!;
    let detecting = false;
    new MutationObserver(() => {
      const text = status.textContent ?? '';
      if (text.startsWith('Detecting')) detecting = true;
      else if (detecting && text.startsWith('Found ')) {
        detecting = false;
        w.__results++;
      }
    }).observe(status, { subtree: true, childList: true, characterData: true });
  });
}

/** Inference ms of one single-image detection, from its JSON download (the worker's own timing). */
async function inferenceMs(page: Page, image: string, nth: number): Promise<number> {
  await page.getByTestId('image-input').setInputFiles(image);
  await page.waitForFunction((n) => (window as unknown as { __results: number }).__results >= n, nth, {
    timeout: 120_000,
  });
  await appState(page, 'ready');
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
  const json = JSON.parse(await readFile((await d.path())!, 'utf8')) as { timings: { inference: number } };
  return json.timings.inference;
}

interface BatchRate {
  imagesPerSecond: number;
  /** Means per image inside the run, ms: the page's decode, the model, the worker's whole job. */
  decodeMs: number;
  inferenceMs: number;
  workerMs: number;
}

/** Runs a folder as one batch; images/s between the first result and the last. */
async function batchThroughput(page: Page, folder: string, count: number): Promise<BatchRate> {
  await page.getByTestId('batch-input').setInputFiles(folder);
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=batch-progress]')?.getAttribute('value') ?? 0) >= 1,
    null,
    { timeout: 600_000, polling: 20 },
  );
  const first = await page.evaluate(() => ({
    t: performance.now(),
    n: Number(document.querySelector('[data-testid=batch-progress]')?.getAttribute('value')),
  }));
  await appState(page, 'ready');
  const end = await page.evaluate(() => performance.now());
  const done = await progressValue(page);
  const failed = await page.getByTestId('batch-failures').locator('li').count();
  if (done !== count || failed) throw new Error(`the batch did ${done} of ${count} images, ${failed} failed`);
  const stats = page.getByTestId('batch-stats');
  const ms = async (name: string) => Number(await stats.getAttribute(name));
  return {
    imagesPerSecond: ((done - first.n) * 1000) / (end - first.t),
    decodeMs: await ms('data-decode-ms'),
    inferenceMs: await ms('data-inference-ms'),
    workerMs: await ms('data-worker-ms'),
  };
}

interface MemoryPoint {
  images: number;
  windowMB: number;
  workerMB: number;
  wasmMB: number | null;
}

async function memoryPoint(page: Page, images: number): Promise<MemoryPoint> {
  const heap = await heapAfterGc(page as never);
  const w = await page.evaluate(() =>
    (window as unknown as { __yolo: { memory(): Promise<{ wasmBytes: number | null }> } }).__yolo.memory(),
  );
  const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
  return {
    images,
    windowMB: mb(heap.window),
    workerMB: mb(heap.workers['inference.worker'] ?? 0),
    wasmMB: w.wasmBytes === null ? null : mb(w.wasmBytes),
  };
}

/** M images in one batch; memory when 100 are done (paused, so the GC sees a still heap) and at the end. */
async function batchMemory(page: Page, folder: string, count: number): Promise<MemoryPoint[]> {
  await page.getByTestId('batch-input').setInputFiles(folder);
  const points: MemoryPoint[] = [];
  const at = Math.min(100, count);
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=batch-progress]')?.getAttribute('value') ?? 0) >= n,
    at,
    { timeout: 600_000, polling: 100 },
  );
  await page.getByTestId('batch-pause').click();
  // The images in flight finish first.
  await page.waitForFunction(
    () => {
      const panel = document.querySelector('[data-testid=batch-panel]');
      return panel?.getAttribute('data-phase') === 'paused' && panel.getAttribute('data-in-flight') === '0';
    },
    null,
    { timeout: 120_000 },
  );
  points.push(await memoryPoint(page, await progressValue(page)));
  await page.getByTestId('batch-resume').click();
  await appState(page, 'ready', 3_600_000);
  points.push(await memoryPoint(page, await progressValue(page)));
  const cells = await page.getByTestId('batch-cell').count();
  log(`  grid: ${cells} cells in the page for ${count} results (only the rows in view and a few more)`);
  return points;
}

/** `count` names for the same few files (hard links): a big folder that costs no disk. */
function linkFolder(from: string, to: string, count: number): void {
  const files = readdirSync(from, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  for (let i = 0; i < count; i++) {
    const dir = path.join(to, `part ${Math.floor(i / 250)}`);
    mkdirSync(dir, { recursive: true });
    const src = files[i % files.length]!;
    linkSync(src, path.join(dir, `${String(i).padStart(5, '0')}${path.extname(src)}`));
  }
}

async function main(): Promise<void> {
  const images = arg('--images', 120);
  const memoryImages = arg('--memory-images', 1000);
  const threads = arg('--threads', 2);
  const runs = arg('--runs', 15);
  if (images < 100) log(`note: --images ${images}; the issue asks for at least 100`);
  if (!process.argv.includes('--no-build')) {
    log(`building into ${OUT_DIR}…`);
    const b = spawnSync('npx', ['vite', 'build', '--mode', 'test', '--outDir', OUT_DIR, '--emptyOutDir'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (b.status !== 0) throw new Error(`vite build failed (exit ${b.status})`);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-batch-'));
  const folder = path.join(tmp, 'photos');
  log(`making ${images} images…`);
  await makeBenchFolder(folder, images);
  const port = await freePort(4303);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', OUT_DIR],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  const onExit = () => stop(server);
  process.on('exit', onExit);
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  const out: Record<string, unknown> = { date: new Date().toISOString(), cpus: os.availableParallelism(), threads };
  try {
    const base = `http://127.0.0.1:${port}/`;
    await waitHttp(base, 60_000);
    browser = await chromium.launch({
      executablePath: findChromium() ?? '/usr/bin/chromium',
      args: [...BASE_ARGS, '--enable-precise-memory-info'],
    });
    const page = await browser.newPage({ acceptDownloads: true });
    page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
    await page.goto(`${base}?backend=wasm&model=yolov5n&threads=${threads}`);
    await appState(page, 'ready', 120_000);

    const bus = path.join(shared, 'images', 'bus.jpg');
    await countResults(page);
    let nth = 0;
    // Before and after the batch: on a shared machine the load moves, and the two say by how much.
    const measureCeiling = async (when: string, warmup: number) => {
      log(`ceiling ${when}: bus.jpg ${runs} times (${warmup} warm-ups)…`);
      const times: number[] = [];
      for (let i = 0; i < runs + warmup; i++) {
        const ms = await inferenceMs(page, bus, ++nth);
        if (i >= warmup) times.push(ms);
      }
      const p50 = median(times);
      log(`  inference p50 ${p50.toFixed(1)} ms → ${(1000 / p50).toFixed(2)} images/s`);
      return p50;
    };
    const before = await measureCeiling('before', 3);

    log(`batch of ${images} images…`);
    const b = await batchThroughput(page, folder, images);
    log(
      `  ${b.imagesPerSecond.toFixed(2)} images/s; per image inside the run (means): decode ${b.decodeMs} ms (page), model ${b.inferenceMs} ms, worker's whole job ${b.workerMs} ms`,
    );
    const after = await measureCeiling('after', 1);
    const p50 = (before + after) / 2;
    const ceiling = 1000 / p50;
    log(
      `  batch ${b.imagesPerSecond.toFixed(2)} images/s = ${(b.imagesPerSecond / ceiling).toFixed(2)} × the ceiling ${ceiling.toFixed(2)} (1000 / mean of the two p50s); ${((b.imagesPerSecond * b.workerMs) / 1000).toFixed(2)} × what the worker's own time in the run allows`,
    );
    Object.assign(out, {
      inferenceP50Ms: { before, after },
      ceiling,
      ofWorkerBound: (b.imagesPerSecond * b.workerMs) / 1000,
      batchImagesPerSecond: b.imagesPerSecond,
      ofCeiling: b.imagesPerSecond / ceiling,
      inBatchMeansMs: { decode: b.decodeMs, inference: b.inferenceMs, worker: b.workerMs },
    });

    if (memoryImages > 0) {
      const big = path.join(tmp, 'many');
      linkFolder(folder, big, memoryImages);
      log(`memory: ${memoryImages} images in one batch…`);
      const points = await batchMemory(page, big, memoryImages);
      for (const p of points)
        log(`  after ${p.images} images: window ${p.windowMB} MB, worker ${p.workerMB} MB, wasm ${p.wasmMB} MB`);
      out.memory = points;
    }
    await browser.close();
    browser = null;
    stop(server);

    log(`CLI on the same ${images} images, ${threads} threads…`);
    const silent = { stderr: { write: () => {} }, stdout: () => {} };
    const cli = await runDetect(
      { paths: [folder], out: path.join(tmp, 'cli-out'), formats: ['coco', 'yolo', 'csv'], threads },
      silent,
    );
    if (cli.code !== 0) throw new Error(`the CLI failed: ${cli.problem}`);
    const cliRate = cli.images / cli.imageSeconds;
    log(`  ${cliRate.toFixed(2)} images/s`);
    out.cliImagesPerSecond = cliRate;
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await browser?.close().catch(() => undefined);
    stop(server);
    process.off('exit', onExit);
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
