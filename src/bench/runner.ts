import type { RuntimeConfig } from '../config/runtime-config.ts';
import { detectionsAt } from '../detect/detections.ts';
import { decodeImage } from '../image/decode.ts';
import { inspectImageOffThread } from '../parse-worker/index.ts';
import { drawDetections } from '../image/draw.ts';
import { checkModelBytes } from '../model/check-model-bytes.ts';
import { sha256Hex } from '../model/sha256.ts';
import { InferenceEngine } from '../inference/engine.ts';
import type { WorkerInit } from '../worker/protocol.ts';
import { errorText, isAbortError } from '../util/errors.ts';
import type { ModelSource } from '../store/app-store.ts';
import { type BackendPlan, planLabel } from './plan.ts';
import type { BenchRun } from './schema.ts';
import { addSamples, roundMs, roundSummary, summarize } from './stats.ts';

/**
 * Runs the app's own detection path N times per backend and summarises it.
 * Browser-only (workers, canvas, createImageBitmap); the maths lives in stats.ts.
 */
export interface BenchOptions {
  ortBase: string;
  /** The model and where to read it: a URL (shipped bundles), or the file the user dropped (custom bundles). */
  model: { id: string; config: RuntimeConfig; source: ModelSource };
  image: { blob: Blob; name: string };
  n: number;
  warmup: number;
  plans: readonly BackendPlan[];
  /** The candidate floor the app asks the worker for (candidateFloor(config)). */
  minScore: number;
  /** ORT session options this run was asked to use (test build, ?bench-opt=), recorded in the results. */
  sessionOptions?: Record<string, string>;
  onProgress?: (text: string) => void;
  signal?: AbortSignal;
}

interface Loaded {
  engine: InferenceEngine;
  total: number;
  fetch: number;
  verify: number;
  create: number;
  note: string;
  backend: BenchRun['backend'];
  threads: number;
}

const now = () => performance.now();

function abortIfAsked(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('benchmark cancelled', 'AbortError');
}

/**
 * Model load as the app does it: fetch, check + hash (the app does both
 * before a session), then a fresh worker creates the session. The cold
 * fetch skips the HTTP cache and the service worker's; the warm one may use
 * them (vite preview and the SW revalidate, so warm is a 304 + cached body).
 * A dropped model is read from its File both times (there is no download).
 * ORT's own .wasm is cached by the browser in both cases.
 */
async function timedLoad(init: WorkerInit, opts: BenchOptions, cache: RequestCache): Promise<Loaded> {
  const t0 = now();
  const { bytes, name } = await readModel(opts.model.source, cache, opts.signal);
  const t1 = now();
  const check = checkModelBytes(bytes, opts.model.config, name);
  if (!check.ok) throw new Error(check.issues.map((i) => i.message).join('; '));
  await sha256Hex(bytes);
  const t2 = now();
  const engine = new InferenceEngine(init);
  try {
    const session = await engine.load(bytes, opts.model.config);
    const t3 = now();
    return {
      engine,
      total: t3 - t0,
      fetch: t1 - t0,
      verify: t2 - t1,
      create: t3 - t2,
      note: session.note,
      backend: session.backend,
      threads: session.threads,
    };
  } catch (e) {
    engine.dispose();
    throw e;
  }
}

async function readModel(
  source: ModelSource,
  cache: RequestCache,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; name: string }> {
  if (source.kind === 'file') return { bytes: new Uint8Array(await source.file.arrayBuffer()), name: source.name };
  const res = await fetch(cache === 'reload' ? coldUrl(source.url) : source.url, { cache, signal });
  if (!res.ok) throw new Error(`${source.url} answered HTTP ${res.status}`);
  return { bytes: new Uint8Array(await res.arrayBuffer()), name: source.url.split('/').pop() ?? 'model' };
}

/**
 * The app's service worker revalidates models itself and ignores the request's
 * cache mode, so only a URL it has never seen makes the cold fetch really cold.
 */
function coldUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}bench-cold=${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Drops the cold-fetch copies the service worker stored, so a benchmark does not fill the cache. */
async function forgetColdCopies(): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) if (req.url.includes('bench-cold=')) await cache.delete(req);
  }
}

interface Samples {
  decode: number[];
  preprocess: number[];
  inference: number[];
  workerPost: number[];
  select: number[];
  draw: number[];
  endToEnd: number[];
}

/** Benchmarks one backend configuration; always disposes the workers it starts. */
export async function benchPlan(plan: BackendPlan, opts: BenchOptions): Promise<BenchRun> {
  const label = planLabel(plan);
  const init: WorkerInit = {
    ortBase: opts.ortBase,
    backend: plan.backend,
    threads: plan.threads,
    ...(plan.gpu ? { gpu: plan.gpu } : {}),
  };
  const say = (t: string) => opts.onProgress?.(`${label}: ${t}`);

  say('cold load…');
  const cold = await timedLoad(init, opts, 'reload');
  cold.engine.dispose();
  abortIfAsked(opts.signal);
  say('warm load…');
  const warm = await timedLoad(init, opts, 'default');
  const engine = warm.engine;
  try {
    const { config } = opts.model;
    // Stands in for the result canvas: same size, same drawing code.
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw to a canvas');
    const s: Samples = {
      decode: [],
      preprocess: [],
      inference: [],
      workerPost: [],
      select: [],
      draw: [],
      endToEnd: [],
    };
    let geometry = { inputWidth: 0, inputHeight: 0, width: 0, height: 0 };
    let note = warm.note;
    const readback: number[] = [];
    let overflows = 0;
    let gpu: BenchRun['gpu'];
    const total = opts.warmup + opts.n;
    for (let i = 0; i < total; i++) {
      abortIfAsked(opts.signal);
      say(i < opts.warmup ? `warm-up ${i + 1}/${opts.warmup}` : `run ${i - opts.warmup + 1}/${opts.n}`);
      // Yield so the progress text paints; not inside any timed span.
      await new Promise((r) => setTimeout(r, 0));
      const t0 = now();
      const { bitmap: image } = await decodeImage(opts.image.blob, opts.image.name, (f) =>
        inspectImageOffThread(f, opts.image.name),
      );
      try {
        const t1 = now();
        // As controller.detectImage: the worker gets a clone, the original stays for drawing.
        const res = await engine.detect(await createImageBitmap(image), { minScore: opts.minScore });
        const t2 = now();
        const dets = detectionsAt(
          { data: res.candidates, count: res.count },
          res,
          config,
          config.confidence,
          config.iou,
        );
        const t3 = now();
        if (canvas.width !== res.width || canvas.height !== res.height) {
          canvas.width = res.width;
          canvas.height = res.height;
        }
        drawDetections(ctx, image, res.width, res.height, dets);
        const t4 = now();
        geometry = res;
        note = res.note || note;
        gpu = res.gpu;
        if (i < opts.warmup) continue;
        if (res.readbackBytes !== undefined) readback.push(res.readbackBytes);
        if (res.overflow) overflows++;
        s.decode.push(t1 - t0);
        s.preprocess.push(res.timings.preprocess);
        s.inference.push(res.timings.inference);
        s.workerPost.push(res.timings.postprocess);
        s.select.push(t3 - t2);
        s.draw.push(t4 - t3);
        s.endToEnd.push(t4 - t0);
      } finally {
        image.close();
      }
    }
    return {
      backend: warm.backend,
      threads: warm.threads,
      model: opts.model.id,
      image: opts.image.name,
      n: opts.n,
      warmup: opts.warmup,
      stages: {
        decode: roundSummary(summarize(s.decode)),
        preprocess: roundSummary(summarize(s.preprocess)),
        inference: roundSummary(summarize(s.inference)),
        postprocess: roundSummary(summarize(addSamples(s.workerPost, s.select))),
        endToEnd: roundSummary(summarize(s.endToEnd)),
        select: roundSummary(summarize(s.select)),
        draw: roundSummary(summarize(s.draw)),
      },
      load: { cold: roundMs(cold.total), warm: roundMs(warm.total) },
      loadDetail: {
        cold: { fetch: roundMs(cold.fetch + cold.verify), create: roundMs(cold.create) },
        warm: { fetch: roundMs(warm.fetch + warm.verify), create: roundMs(warm.create) },
      },
      inputWidth: geometry.inputWidth,
      inputHeight: geometry.inputHeight,
      imageWidth: geometry.width,
      imageHeight: geometry.height,
      note,
      ...(opts.sessionOptions ? { sessionOptions: { ...opts.sessionOptions } } : {}),
      ...(gpu
        ? { gpu: { ...gpu }, readbackBytes: readback.length ? Math.round(summarize(readback).p50) : 0, overflows }
        : {}),
    };
  } finally {
    engine.dispose();
    await forgetColdCopies().catch(() => undefined);
  }
}

/** All plans in order; one failing backend (e.g. a WebGPU device loss) does not lose the others. */
export async function runBenchmark(opts: BenchOptions): Promise<{ runs: BenchRun[]; errors: string[] }> {
  const runs: BenchRun[] = [];
  const errors: string[] = [];
  for (const plan of opts.plans) {
    abortIfAsked(opts.signal);
    try {
      runs.push(await benchPlan(plan, opts));
    } catch (e) {
      if (isAbortError(e)) throw e;
      errors.push(`${planLabel(plan)}: ${errorText(e)}`);
    }
  }
  return { runs, errors };
}
