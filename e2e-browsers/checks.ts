/**
 * The named checks, run in order on one browser session (each model load costs
 * seconds, so checks that do not disturb each other share a page). A check
 * returns a short detail for its line or throws what went wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithGolden } from '../src/detect/golden-match.ts';
import { DATA_CACHE } from '../src/sw/cache-names.ts';
import { HAVE_SHARED, SHARED_DIR } from '../src/test-support/shared.ts';
import { AUTO_THREAD_CAP } from '../src/worker/thread-plan.ts';
import {
  click,
  detectFile,
  downloadJson,
  open,
  pickFile,
  readState,
  threadsInSettings,
  threadsInStatus,
  waitReady,
} from './app.ts';
import { type BrowserDriver, waitFor } from './driver.ts';
import { CACHED_MODELS, CAPTURE_DOWNLOAD, type PageState, READ_BENCH, SET_VALUE } from './page-scripts.ts';

import type { Site, SiteKind } from './sites.ts';

export interface CheckContext {
  driver: BrowserDriver;
  sites: Record<SiteKind, Site>;
  /** What this browser is expected to do with a fake camera and the VP9 video: run them, or say why not. */
  media: 'runs' | 'runs or says why not';
}

export interface Check {
  name: string;
  /** Needs ../shared (images, golden files, video); skipped with the house reason where it is absent. */
  shared: boolean;
  run(ctx: CheckContext): Promise<string>;
}

/** What READ_BENCH returns: the Benchmark panel's state, status, "Skipped: …" line and column headings. */
interface BenchState {
  state: string | null;
  status: string;
  skipped: string;
  headings: string[];
}

const QUERY = '?backend=wasm&model=yolov5n';
const GOLDEN_SET = 'yolov5n-640';

function golden(image: string): { detections: ResultBox[] } {
  return JSON.parse(readFileSync(join(SHARED_DIR, 'golden', GOLDEN_SET, `${image}.json`), 'utf8'));
}
type ResultBox = { x1: number; y1: number; x2: number; y2: number; score: number; classId: number };

function fail(msg: string): never {
  throw new Error(msg);
}

/** A probe that survives the page navigating under it (the service worker's one reload). */
const stateOrNull = (d: BrowserDriver) => readState(d).catch(() => null);

/**
 * The threads the runtime can have here, by onnxruntime-web's own rule (a
 * worker thread pool needs SharedArrayBuffer, which needs isolation), against
 * every place the app shows a count: the status, Settings, and (when given) the JSON.
 */
function checkThreads(s: PageState, json?: { threads: number }): string {
  // The status names the count when a model is ready; a result's status replaces that line (the JSON has it then).
  const canThread = s.isolated && s.sharedArrayBuffer;
  const expected = canThread ? Math.min(Math.max(1, s.cores), AUTO_THREAD_CAP) : 1;
  const status = threadsInStatus(s.status);
  const settings = threadsInSettings(s.threadsInUse);
  if (s.backend !== 'wasm') fail(`backend shown is "${s.backend}", expected wasm`);
  if (json ? status !== null && status !== expected : status !== expected)
    fail(`status "${s.status}" shows ${status} threads; the runtime can have ${expected}`);
  if (settings !== expected) fail(`Settings shows "${s.threadsInUse}"; the runtime can have ${expected}`);
  if (json && json.threads !== expected)
    fail(`the JSON says threads: ${json.threads}; the runtime can have ${expected}`);
  if (!s.isolated && !/not cross-origin isolated/.test(s.backendNote))
    fail(`not isolated, but the note does not say so: "${s.backendNote}"`);
  if (s.isolated && !s.sharedArrayBuffer && !/no SharedArrayBuffer/.test(s.backendNote))
    fail(`isolated without SharedArrayBuffer, but the note does not say why 1 thread: "${s.backendNote}"`);
  if (canThread && /1 thread/.test(s.backendNote)) fail(`threads available, yet the note says: "${s.backendNote}"`);
  const why = expected === 1 && s.backendNote ? `; note: "${s.backendNote.trim()}"` : '';
  return `${expected} thread${expected === 1 ? '' : 's'} (isolated: ${s.isolated}, SharedArrayBuffer: ${s.sharedArrayBuffer}, cores reported: ${s.cores})${why}`;
}

async function goldenParity(ctx: CheckContext, image: 'bus' | 'zidane'): Promise<string> {
  const d = ctx.driver;
  await detectFile(d, join(SHARED_DIR, 'images', `${image}.jpg`));
  const { name, json } = await downloadJson(d);
  if (json.image !== `${image}.jpg`) fail(`the JSON (${name}) is for ${json.image}`);
  const problems = compareWithGolden(json.detections, golden(image).detections);
  if (problems.length) fail(`${problems.length} golden mismatches: ${problems.slice(0, 3).join('; ')}`);
  // The inference time is reported, never asserted (speed belongs to the benchmark).
  return `${json.detections.length} boxes match ${GOLDEN_SET}/${image}.json; JSON: ${json.backend}, ${json.threads} thread${json.threads === 1 ? '' : 's'}, inference ${Math.round(json.timings.inference)} ms`;
}

/** The last result's JSON against the page's status, Settings and what the runtime can have. */
async function threadsAgree(ctx: CheckContext): Promise<string> {
  const { json } = await downloadJson(ctx.driver);
  return checkThreads(await readState(ctx.driver), json);
}

async function openSite(ctx: CheckContext, kind: SiteKind): Promise<PageState> {
  return open(ctx.driver, `${ctx.sites[kind].url}${QUERY}`);
}

/** Starts a live source, waits for frames through the detector or the app's refusal, and stops it again. */
async function liveStarts(
  ctx: CheckContext,
  mode: 'camera' | 'video',
  begin: () => Promise<unknown>,
  refusal: RegExp,
): Promise<string> {
  const d = ctx.driver;
  await begin();
  const s = await waitFor(
    () => readState(d),
    (s) => (s.webcamMode === mode && s.liveFrames >= 3) || (s.webcamMode === 'off' && s.statusIsError),
    45_000,
    `${mode} frames through the detector, or a message`,
  );
  if (s.webcamMode === mode) {
    const status = s.status;
    await click(d, 'webcam-toggle');
    await waitFor(
      () => readState(d),
      (x) => x.webcamMode === 'off',
      15_000,
      `${mode} stopped`,
    );
    await waitReady(d);
    return `${s.liveFrames}+ frames detected; status: "${status}"`;
  }
  if (ctx.media === 'runs') fail(`this browser should run the ${mode}, but the app says: "${s.status}"`);
  if (!refusal.test(s.status)) fail(`the ${mode} did not start and the message is unclear: "${s.status}"`);
  return `not available here; the app says: "${s.status}"`;
}

export const CHECKS: readonly Check[] = [
  {
    name: 'plain page (no isolation): 1 thread shown, and the note says why',
    shared: false,
    async run(ctx) {
      const s = await openSite(ctx, 'plain');
      if (s.isolated) fail('the plain page is cross-origin isolated');
      return checkThreads(s);
    },
  },
  { name: 'plain page: bus.jpg at golden parity', shared: true, run: (ctx) => goldenParity(ctx, 'bus') },
  { name: 'plain page: zidane.jpg at golden parity', shared: true, run: (ctx) => goldenParity(ctx, 'zidane') },
  {
    name: 'plain page: JSON, status and Settings agree on the threads used',
    shared: true,
    run: (ctx) => threadsAgree(ctx),
  },
  {
    name: 'isolated by COOP/COEP headers: threads shown = threads the runtime can have',
    shared: false,
    async run(ctx) {
      const s = await openSite(ctx, 'headers');
      if (!s.isolated) fail('the page served with COOP/COEP is not cross-origin isolated');
      return checkThreads(s);
    },
  },
  { name: 'isolated page: bus.jpg at golden parity', shared: true, run: (ctx) => goldenParity(ctx, 'bus') },
  { name: 'isolated page: zidane.jpg at golden parity', shared: true, run: (ctx) => goldenParity(ctx, 'zidane') },
  {
    name: 'isolated page: JSON, status and Settings agree on the threads used',
    shared: true,
    run: (ctx) => threadsAgree(ctx),
  },
  {
    name: 'isolated page: benchmark rows carry the threads each run really used',
    shared: true,
    async run(ctx) {
      const d = ctx.driver;
      const s = await readState(d);
      const canThread = s.isolated && s.sharedArrayBuffer;
      await d.run(SET_VALUE, 'bench-n', 1);
      await d.run(SET_VALUE, 'bench-warmup', 0);
      await click(d, 'bench-run');
      const b = await waitFor(
        () => d.run<BenchState>(READ_BENCH),
        (b) => b.state === 'done' || b.state === 'error',
        90_000,
        'benchmark finished',
      );
      if (b.state !== 'done') fail(`the benchmark failed: ${b.status}`);
      const { json } = await d.run<{ text: string }>(CAPTURE_DOWNLOAD, 'bench-download', 15_000).then((r) => ({
        json: JSON.parse(r.text) as { runs: { backend: string; threads: number }[] },
      }));
      const used = json.runs.map((r) => `${r.backend}×${r.threads}`);
      // The panel's thread field starts at the cores reported; the worker caps a count at them.
      const expected = canThread && s.cores > 1 ? [`wasm×${s.cores}`, 'wasm×1'] : ['wasm×1'];
      if (used.join() !== expected.join())
        fail(`runs ${used.join(', ')}; the runtime can have ${expected.join(', ')} (skipped: "${b.skipped}")`);
      const headings = b.headings.map((h) => h.replace(/\s+yolov5n$/, ''));
      if (headings.join() !== json.runs.map((r) => `WASM ×${r.threads}`).join())
        fail(`column headings ${JSON.stringify(b.headings)} do not match the runs ${used.join(', ')}`);
      if (!canThread && !/no SharedArrayBuffer|not cross-origin isolated/.test(b.skipped))
        fail(`no threaded run, and the panel does not say why: "${b.skipped}"`);
      return `rows: ${b.headings.join(', ')}${b.skipped ? `; ${b.skipped}` : ''}`;
    },
  },
  {
    name: 'camera: starts on the fake device, or the app says what is missing',
    shared: false,
    run: (ctx) => liveStarts(ctx, 'camera', () => click(ctx.driver, 'webcam-toggle'), /camera/i),
  },
  {
    name: 'video: street.webm plays through the detector, or the app says why not',
    shared: true,
    run: (ctx) =>
      liveStarts(
        ctx,
        'video',
        () => pickFile(ctx.driver, 'video-input', join(SHARED_DIR, 'video', 'street.webm'), 'video/webm'),
        /street\.webm/,
      ),
  },
  {
    name: 'WebGPU asked for (?backend=webgpu): used, or WASM runs and the note says why',
    shared: false,
    async run(ctx) {
      const s = await open(ctx.driver, `${ctx.sites.headers.url}?backend=webgpu&model=yolov5n`);
      if (s.backend === 'webgpu') return 'WebGPU available and used';
      if (s.backend !== 'wasm') fail(`the backend shown is "${s.backend}"`);
      if (!/WebGPU was requested but is unavailable/.test(s.backendNote))
        fail(`WASM without saying why (navigator.gpu ${s.gpu ? 'exists' : 'is missing'}): "${s.backendNote}"`);
      return `navigator.gpu ${s.gpu ? 'exists' : 'is missing'}; note: "${s.backendNote.trim()}"`;
    },
  },
  {
    name: 'Pages-like host (no headers): the service worker isolates after one reload',
    shared: false,
    async run(ctx) {
      const d = ctx.driver;
      await d.goto(`${ctx.sites.pages.url}${QUERY}`);
      const s = await waitFor(
        () => stateOrNull(d),
        (s) => s !== null && ((s.state === 'ready' && s.isolated) || s.state === 'error'),
        90_000,
        'ready and isolated under the service worker',
      );
      if (!s || s.state === 'error') fail(`the app failed: ${s?.status}`);
      if (!s.controlled) fail('isolated, but no service worker controls the page');
      return checkThreads(s);
    },
  },
  {
    name: 'offline: server stopped, the reload starts from the service worker and detects bus.jpg at golden parity',
    shared: true,
    async run(ctx) {
      const d = ctx.driver;
      await waitFor(
        () => d.run<number>(CACHED_MODELS, DATA_CACHE),
        (n) => n > 0,
        30_000,
        'the model in the offline cache',
      );
      await ctx.sites.pages.close();
      await d.reload();
      const s = await waitFor(
        () => stateOrNull(d),
        (s) => s !== null && (s.state === 'ready' || s.state === 'error'),
        90_000,
        'ready offline',
      );
      if (!s || s.state === 'error') fail(`offline start failed: ${s?.status}`);
      if (!s.isolated) fail('offline, the page is no longer isolated');
      return `offline start (threads: ${threadsInStatus(s.status)}); ${await goldenParity(ctx, 'bus')}`;
    },
  },
];

export { HAVE_SHARED };
