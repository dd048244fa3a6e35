/**
 * `npm run bench:video [-- --no-build] [--dist DIR] [--model yolov5n] [--threads 2] [--minutes 3] [--skip-memory] [--save DIR]`
 *
 * Measures whole-video analysis in headless Chromium on the test build, WASM:
 *
 * 1. Throughput: street.webm (100 frames) analysed through the app's panel,
 *    twice (the first warms the worker up); frames per second of the second
 *    run beside the inference ceiling 1000 / (inference p50 ms), both from
 *    the same run (the panel's data-elapsed-ms and data-inference-p50-ms:
 *    the worker's own inference time per frame). Target: ≥ 0.9 × ceiling.
 * 2. The tracker: ms per `update` with 100 objects (src/tracking/bench.ts), in Node.
 * 3. Memory: a long video (street.webm remuxed end to end, no re-encoding, to
 *    about `--minutes` of analysis) analysed once; the window's and the
 *    worker's JS heap after a forced GC (CDP, e2e/heap.ts) and ORT's wasm
 *    memory (window.__yolo, test build) sampled every 20 s.
 *
 * `--save DIR` keeps the throughput run's four files (analysed with
 * `?line=0.75,0,0.75,1`).
 *
 * Measured, never asserted: the machine may be shared, so say so with the numbers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALL_FORMATS,
  BufferSource,
  BufferTarget,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  Output,
  WebMOutputFormat,
} from 'mediabunny';
import { chromium, type Page } from 'playwright-core';
import { heapAfterGc } from '../e2e/heap.ts';
import { benchTracker } from '../src/tracking/bench.ts';
import { BASE_ARGS, findChromium } from './browser.ts';
import { freePort, stop, waitHttp } from './bench-http.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
const OUT_DIR = process.argv.includes('--dist')
  ? process.argv[process.argv.indexOf('--dist') + 1]!
  : 'dist-bench-video';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : null;
}
const model = arg('--model') ?? 'yolov5n';
const threads = Number(arg('--threads') ?? 2);
const minutes = Number(arg('--minutes') ?? 3);
const build = !process.argv.includes('--no-build');
const skipMemory = process.argv.includes('--skip-memory');
/** Saves the throughput run's files (tracks, counts, annotated video) there, e.g. for the docs' examples. */
const saveDir = arg('--save');

const log = (m: string) => process.stderr.write(`[bench:video] ${m}\n`);
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

/** The video `times` times end to end, packets copied with shifted timestamps (no re-encoding). */
async function loopVideo(bytes: Uint8Array, times: number): Promise<Uint8Array> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = (await input.getPrimaryVideoTrack())!;
  const codec = (await track.getCodec())!;
  const decoderConfig = (await track.getDecoderConfig())!;
  const length = await track.computeDuration();
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const source = new EncodedVideoPacketSource(codec);
  output.addVideoTrack(source, { frameRate: (await track.computePacketStats()).averagePacketRate });
  await output.start();
  const sink = new EncodedPacketSink(track);
  let first = true;
  for (let k = 0; k < times; k++) {
    for await (const p of sink.packets()) {
      await source.add(p.clone({ timestamp: p.timestamp + k * length }), first ? { decoderConfig } : undefined);
      first = false;
    }
  }
  await output.finalize();
  return new Uint8Array(output.target.buffer!);
}

async function analyse(page: Page, name: string, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  await page.getByTestId('video-input').setInputFiles({ name, mimeType: 'video/webm', buffer: Buffer.from(bytes) });
  await page.getByTestId('analyse-video').click();
  await page.waitForSelector('[data-testid=video-analysis][data-phase=done]', { timeout: timeoutMs });
}

interface Speed {
  frames: number;
  elapsedMs: number;
  inferenceP50Ms: number;
  /** The worker's time per stage, summed over the run. */
  preprocessMs: number;
  inferenceMs: number;
  postprocessMs: number;
}

async function speed(page: Page): Promise<Speed> {
  const el = page.getByTestId('analysis-speed');
  const n = async (attr: string) => Number(await el.getAttribute(attr));
  return {
    frames: Number(await page.getByTestId('video-analysis').getAttribute('data-done')),
    elapsedMs: await n('data-elapsed-ms'),
    inferenceP50Ms: await n('data-inference-p50-ms'),
    preprocessMs: await n('data-preprocess-ms'),
    inferenceMs: await n('data-inference-ms'),
    postprocessMs: await n('data-postprocess-ms'),
  };
}

function report(what: string, s: Speed): number {
  const fps = (s.frames * 1000) / s.elapsedMs;
  const ceiling = 1000 / s.inferenceP50Ms;
  const per = (ms: number) => (ms / s.frames).toFixed(1);
  const busy = (100 * (s.preprocessMs + s.inferenceMs + s.postprocessMs)) / s.elapsedMs;
  log(
    `${what}: ${s.frames} frames in ${(s.elapsedMs / 1000).toFixed(2)} s = ${fps.toFixed(2)} frames/s; inference p50 ${s.inferenceP50Ms.toFixed(1)} ms → ceiling ${ceiling.toFixed(2)} frames/s; ratio ${(fps / ceiling).toFixed(3)} (target ≥ 0.9)`,
  );
  log(
    `  worker per frame (mean): preprocess ${per(s.preprocessMs)} ms, inference ${per(s.inferenceMs)} ms, postprocess ${per(s.postprocessMs)} ms; busy ${busy.toFixed(1)}% of the run`,
  );
  return fps;
}

async function memory(page: Page): Promise<{ window: number; worker: number; wasm: number }> {
  const heap = await heapAfterGc(page);
  const w = await page.evaluate(() => window.__yolo!.memory());
  const worker = Object.entries(heap.workers).find(([k]) => k.includes('inference'))?.[1] ?? 0;
  return { window: heap.window, worker, wasm: w.wasmBytes ?? 0 };
}

async function main(): Promise<void> {
  const street = new Uint8Array(readFileSync(path.join(shared, 'video/street.webm')));
  const t = benchTracker(1000, 100);
  const cpu = t.cpuP50 !== null ? ` (CPU time p50 ${t.cpuP50.toFixed(3)} ms, p95 ${t.cpuP95!.toFixed(3)} ms)` : '';
  log(
    `tracker, ${t.detectionsPerFrame.toFixed(0)} detections a frame: p50 ${t.p50.toFixed(3)} ms, p95 ${t.p95.toFixed(3)} ms${cpu}`,
  );
  if (build) {
    log(`building into ${OUT_DIR}…`);
    const b = spawnSync('npx', ['vite', 'build', '--mode', 'test', '--outDir', OUT_DIR, '--emptyOutDir'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (b.status !== 0) throw new Error(`vite build failed (exit ${b.status})`);
  }
  // Away from the e2e ports others use (4173, 4300s).
  const port = await freePort(4392);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', OUT_DIR],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  process.on('exit', () => stop(server));
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: [...BASE_ARGS, '--enable-precise-memory-info'],
  });
  try {
    await waitHttp(base, 60_000);
    const page = await browser.newPage({ acceptDownloads: true });
    page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
    await page.goto(`${base}?model=${model}&backend=wasm&threads=${threads}&line=0.75,0,0.75,1`);
    await page.waitForSelector('[data-testid=app][data-state=ready]', { timeout: 120_000 });

    await analyse(page, 'street.webm', street, 300_000); // warm-up
    await analyse(page, 'street.webm', street, 300_000);
    const fps = report(`throughput, ${model} on WASM ×${threads}, with the annotated video`, await speed(page));
    if (saveDir) {
      mkdirSync(saveDir, { recursive: true });
      for (const id of ['download-tracks-csv', 'download-tracks-json', 'download-counts', 'download-annotated']) {
        const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
        await d.saveAs(path.join(saveDir, d.suggestedFilename()));
      }
      log(`saved the files in ${saveDir}`);
    }
    // The encoder's share: the same run without the annotated video.
    await page.getByTestId('analysis-annotate').uncheck();
    await analyse(page, 'street.webm', street, 300_000);
    report('  the same without the annotated video', await speed(page));
    await page.getByTestId('analysis-annotate').check();
    if (skipMemory) return;
    const copies = Math.max(1, Math.round((minutes * 60 * fps) / 100));
    log(
      `memory: ${copies} copies of street.webm (${copies * 100} frames, about ${minutes} min at ${fps.toFixed(1)} frames/s)…`,
    );
    const long = await loopVideo(street, copies);
    const before = await memory(page);
    log(`  before: window ${mb(before.window)}, worker ${mb(before.worker)}, wasm ${mb(before.wasm)}`);
    await page
      .getByTestId('video-input')
      .setInputFiles({ name: 'street-long.webm', mimeType: 'video/webm', buffer: Buffer.from(long) });
    await page.getByTestId('analyse-video').click();
    const samples: { t: number; done: number; window: number; worker: number; wasm: number }[] = [];
    const t0 = Date.now();
    for (;;) {
      await page.waitForTimeout(20_000);
      const phase = await page.getByTestId('video-analysis').getAttribute('data-phase');
      if (phase !== 'running') break;
      const m = await memory(page);
      const done = Number(await page.getByTestId('video-analysis').getAttribute('data-done'));
      samples.push({ t: (Date.now() - t0) / 1000, done, ...m });
      log(
        `  ${samples.at(-1)!.t.toFixed(0)} s, frame ${done}: window ${mb(m.window)}, worker ${mb(m.worker)}, wasm ${mb(m.wasm)}`,
      );
    }
    await page.waitForSelector('[data-testid=video-analysis][data-phase=done]', { timeout: 600_000 });
    const after = await memory(page);
    log(`  after: window ${mb(after.window)}, worker ${mb(after.worker)}, wasm ${mb(after.wasm)}`);
    const range = (k: 'window' | 'worker' | 'wasm') => {
      const v = samples.map((x) => x[k]);
      return v.length
        ? `${mb(Math.min(...v))}–${mb(Math.max(...v))} (spread ${mb(Math.max(...v) - Math.min(...v))})`
        : 'n/a';
    };
    log(`  during the run: window ${range('window')}; worker ${range('worker')}; wasm ${range('wasm')}`);
  } finally {
    await browser.close();
    stop(server);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    log(`failed: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
