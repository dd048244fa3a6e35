/**
 * `npm run bench [-- --quick] [--webgpu] [--levers pre,out,graph|none] [--n N] [--warmup W] [--threads T] [--models a,b] [--opt LEVEL] [--out FILE] [--no-build] [--config-only] [--images-only]`
 *
 * Then, unless `--images-only`, the whole-video and batch benchmarks
 * (scripts/bench-video.ts, scripts/bench-batch.ts; with `--quick`, without their memory runs).
 *
 * First prints the config loader's times at 1×, 10× and 100× input size
 * (scripts/bench-config.ts; `--config-only` stops there).
 * Builds the app, serves it with `vite preview` (COOP/COEP from vite.config),
 * drives the Benchmark panel in headless Chromium and times the same ONNX
 * files on onnxruntime-node as a baseline. Writes results JSON + a Markdown table.
 * First it prints the SVG sanitiser's times at 1×, 10× and 100× input (scripts/bench-svg.ts).
 * A model marked `custom` (yolov8-layout) is not a shipped bundle: its file is
 * picked alone with the bundle input, as a user would, and benchmarked from there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { validateBenchResults, type BenchResults, type BenchRun, type NativeRun } from '../src/bench/schema.ts';
import { BIG_FRAME, resultsTable } from '../src/bench/table.ts';
import { benchNative, modelPath, NATIVE_MODELS } from './bench-native.ts';
import { benchConfigLoader, loaderTable } from './bench-config.ts';
import { DEFAULT_RUNS, DEFAULT_WARMUP } from '../src/bench/plan.ts';
import { BASE_ARGS, findChromium, WEBGPU_ARGS } from './browser.ts';
import { freePort, waitHttp } from './bench-http.ts';
import { errorText } from '../src/util/errors.ts';
import { benchSvgSanitiser, svgBenchTable } from './bench-svg.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

export interface BenchArgs {
  quick: boolean;
  webgpu: boolean;
  n: number;
  warmup: number;
  threads: number;
  models: string[];
  opt: string | null;
  /** One WebGPU lever set as a ?gpu= value; null = the panel's comparison (all, each off, none). */
  levers: string | null;
  out: string;
  build: boolean;
  outDir: string;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const value = (name: string): string | null => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1]! : null;
  };
  const int = (name: string, dflt: number) => {
    const v = value(name);
    const n = v === null ? dflt : Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got ${v}`);
    return n;
  };
  return {
    quick,
    webgpu: argv.includes('--webgpu'),
    n: int('--n', quick ? 3 : DEFAULT_RUNS),
    // Dynamic-shape sessions keep getting faster for a few runs after the first (ORT's arena/shape planning).
    warmup: int('--warmup', quick ? 1 : DEFAULT_WARMUP),
    threads: int('--threads', 2),
    // yolov8-layout runs as a custom bundle (a model dropped alone), next to yolov5n in the same run.
    models: (value('--models') ?? (quick ? 'yolov5n,yolov8-layout' : 'yolov5n,yolov5n-320,yolov5n-rect,yolov8-layout'))
      .split(',')
      .filter(Boolean),
    opt: value('--opt'),
    levers: value('--levers'),
    // A quick run must not overwrite the committed full results.
    out: path.resolve(root, value('--out') ?? (quick ? 'bench/tmp/results-quick.json' : 'bench/results.json')),
    build: !argv.includes('--no-build'),
    outDir: quick ? 'dist-bench-quick' : 'dist-bench',
  };
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** zidane.jpg drawn onto a 1920x1080 canvas by the browser: no image library needed in Node. */
async function makeBigFrame(page: Page, zidane: Buffer): Promise<Buffer> {
  const b64 = await page.evaluate(async (src: string) => {
    const bytes = Uint8Array.from(atob(src), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(1920, 1080);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0, 1920, 1080);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const out = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
    return btoa(s);
  }, zidane.toString('base64'));
  return Buffer.from(b64, 'base64');
}

async function panelRun(page: Page, image: { name: string; buffer: Buffer }, a: BenchArgs): Promise<BenchRun[]> {
  await page
    .getByTestId('bench-image')
    .setInputFiles({ name: image.name, mimeType: 'image/jpeg', buffer: image.buffer });
  await page.getByTestId('bench-n').fill(String(a.n));
  await page.getByTestId('bench-warmup').fill(String(a.warmup));
  await page.getByTestId('bench-threads').fill(String(a.threads));
  const results = page.getByTestId('bench-results');
  await page.getByTestId('bench-run').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=bench-results]')?.getAttribute('data-state') === 'running',
    null,
    { timeout: 10_000 },
  );
  await page.waitForFunction(
    () => document.querySelector('[data-testid=bench-results]')?.getAttribute('data-state') !== 'running',
    null,
    { timeout: 60 * 60_000, polling: 500 },
  );
  const status = (await page.getByTestId('bench-status').textContent()) ?? '';
  if ((await results.getAttribute('data-state')) !== 'done') throw new Error(`benchmark panel failed: ${status}`);
  if (/error/i.test(status)) log(`panel: ${status}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bench-download').click()]);
  const file = await download.path();
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const v = validateBenchResults(json);
  if (!v.ok) throw new Error(`panel download does not validate: ${v.issues.join('; ')}`);
  return v.value.runs;
}

async function waitAppReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid=app]')?.getAttribute('data-state') === 'ready',
    null,
    { timeout: 120_000 },
  );
}

/** Picks the .onnx alone with the bundle input, as a user would; the app writes its config from the metadata. */
async function loadModelAlone(page: Page, file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`${file} not found: the bench needs ../shared (or SHARED_DIR)`);
  await page.getByTestId('bundle-input').setInputFiles(file);
  await page.waitForFunction(
    () =>
      (document.querySelector('[data-testid=model-select]') as HTMLSelectElement | null)?.value === 'custom' ||
      document.querySelector('[data-testid=config-error]') !== null,
    null,
    { timeout: 120_000 },
  );
  const refused = await page.getByTestId('config-error').count();
  if (refused) throw new Error(`the app refused ${file}: ${await page.getByTestId('config-error').textContent()}`);
  await waitAppReady(page);
}

function stop(child: ChildProcess | null): void {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group: npx → vite
    } catch {
      child.kill('SIGTERM');
    }
  }
}

export async function runBench(a: BenchArgs): Promise<BenchResults> {
  const images = ['bus.jpg', 'zidane.jpg'].map((f) => path.join(shared, 'images', f));
  for (const f of images)
    if (!existsSync(f)) throw new Error(`${f} not found: the bench needs ../shared (or SHARED_DIR)`);
  for (const m of a.models)
    if (!NATIVE_MODELS[m]) throw new Error(`unknown model ${m} (known: ${Object.keys(NATIVE_MODELS).join(', ')})`);

  if (a.build) {
    log(`building into ${a.outDir}…`);
    const b = spawnSync('npx', ['vite', 'build', '--mode', 'test', '--outDir', a.outDir, '--emptyOutDir'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (b.status !== 0) throw new Error(`vite build failed (exit ${b.status})`);
  }
  // 4190 itself is on the Fetch spec's "bad ports" list (ManageSieve): Chromium and undici refuse it.
  const port = await freePort(4191);
  log(`serving on http://127.0.0.1:${port}/`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', a.outDir],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  const onExit = () => stop(server);
  process.on('exit', onExit);
  const base = `http://127.0.0.1:${port}/`;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    await waitHttp(base, 60_000, process.env.BENCH_DEBUG ? log : undefined);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...BASE_ARGS, ...(a.webgpu ? WEBGPU_ARGS : [])],
    });
    const page = await browser.newPage({ acceptDownloads: true });
    page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
    const chromiumVersion = browser.version();
    await page.goto(base);
    const bus = readFileSync(images[0]!);
    const zidane = readFileSync(images[1]!);
    const inputs = a.quick
      ? [{ name: 'bus.jpg', buffer: bus }]
      : [
          { name: 'bus.jpg', buffer: bus },
          { name: 'zidane.jpg', buffer: zidane },
          { name: BIG_FRAME, buffer: await makeBigFrame(page, zidane) },
        ];
    const runs: BenchRun[] = [];
    for (const model of a.models) {
      const custom = NATIVE_MODELS[model]!.custom === true;
      const q = new URLSearchParams({ backend: a.webgpu ? 'webgpu' : 'wasm', ...(custom ? {} : { model }) });
      if (a.opt) q.set('bench-opt', a.opt);
      if (a.levers) q.set('gpu', a.levers);
      await page.goto(`${base}?${q}`);
      await waitAppReady(page);
      if (custom) await loadModelAlone(page, modelPath(model));
      for (const image of inputs) {
        log(`${model} on ${image.name}…`);
        // The test build's worker applies ?bench-opt=; the results say so.
        const got = (await panelRun(page, image, a)).map((r) => ({
          ...r,
          // A custom bundle's runs are named by the CLI's model key, so the native baseline matches them.
          model,
          ...(a.opt ? { sessionOptions: { graphOptimizationLevel: a.opt } } : {}),
        }));
        for (const r of got)
          log(
            `  ${r.backend} ×${r.threads}: inference p50 ${r.stages.inference.p50} ms, end-to-end p50 ${r.stages.endToEnd.p50} ms`,
          );
        runs.push(...got);
      }
    }
    await browser.close();
    browser = null;
    stop(server);

    // Native after the browser is gone, so the two never share the cores.
    const native: NativeRun[] = [];
    const seen = new Set<string>();
    for (const r of runs) {
      if (r.backend !== 'wasm' || !r.inputWidth || !r.inputHeight) continue;
      const key = `${r.model}|${r.inputWidth}x${r.inputHeight}|${r.threads}`;
      if (seen.has(key)) continue;
      seen.add(key);
      log(`native ${r.model} 1x3x${r.inputHeight}x${r.inputWidth} ×${r.threads}…`);
      native.push(
        await benchNative({
          model: r.model,
          modelPath: modelPath(r.model),
          inputName: 'images',
          shape: [1, 3, r.inputHeight, r.inputWidth],
          threads: r.threads,
          n: a.n,
          warmup: a.warmup,
          ...(a.opt ? { graphOptimizationLevel: a.opt as 'all' } : {}),
        }),
      );
    }
    const cpus = os.cpus();
    return {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        chromium: chromiumVersion,
        node: process.version,
      },
      runs,
      native,
      options: {
        quick: a.quick,
        webgpu: a.webgpu,
        n: a.n,
        warmup: a.warmup,
        threads: a.threads,
        models: a.models,
        ...(a.opt ? { opt: a.opt } : {}),
        ...(a.levers ? { levers: a.levers } : {}),
      },
    };
  } finally {
    await browser?.close().catch(() => undefined);
    stop(server);
    process.off('exit', onExit);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Parsers of untrusted input first (Node, a few seconds): their time must grow linearly with the input.
  process.stdout.write(`${svgBenchTable(benchSvgSanitiser())}\n`);
  log('config loader at 1×, 10×, 100× input size…');
  process.stdout.write(loaderTable(benchConfigLoader()));
  if (argv.includes('--config-only')) return;
  const a = parseArgs(argv);
  const results = await runBench(a);
  const v = validateBenchResults(results);
  if (!v.ok) throw new Error(`results do not validate: ${v.issues.join('; ')}`);
  mkdirSync(path.dirname(a.out), { recursive: true });
  writeFileSync(a.out, `${JSON.stringify(results, null, 2)}\n`);
  const table = resultsTable(results);
  const tablePath = path.join(path.dirname(a.out), a.quick ? 'README-table-quick.md' : 'README-table.md');
  writeFileSync(tablePath, table);
  process.stdout.write(table);
  log(`wrote ${path.relative(root, a.out)} and ${path.relative(root, tablePath)}`);
  if (argv.includes('--images-only')) return;
  // Many pictures: a whole video (throughput, tracker, memory) and a batch of images (throughput, CLI, memory).
  const quick = a.quick ? { video: ['--skip-memory'], batch: ['--memory-images', '0'] } : { video: [], batch: [] };
  for (const [script, extra] of [
    ['scripts/bench-video.ts', quick.video],
    ['scripts/bench-batch.ts', quick.batch],
  ] as const) {
    log(`${script}…`);
    const r = spawnSync('npx', ['tsx', script, ...extra], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(`[bench] ${errorText(e)}`);
    process.exit(1);
  });
}
