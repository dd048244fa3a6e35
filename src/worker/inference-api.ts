import * as Comlink from 'comlink';
import type * as Ort from 'onnxruntime-web';
import { MAX_INPUT_SIDE, type RuntimeConfig } from '../config/runtime-config.ts';
import { decodeOutput } from '../detect/candidates.ts';
import { planLetterbox } from '../detect/letterbox.ts';
import type { GpuDetector } from '../gpu/gpu-detector.ts';
import { DEFAULT_LEVERS, type GpuLevers } from '../gpu/levers.ts';
import { errorText } from '../util/errors.ts';
import { sourceSize } from './frame-source.ts';
import { createGpuSession, detectOnGpu } from './gpu-path.ts';
import { Preprocessor } from './preprocess.ts';
import { explainRuntimeError, ModelRefusedError } from './runtime-errors.ts';
import { confirmThreads, planThreads, threadEnvHere } from './thread-plan.ts';
import type {
  Backend,
  BackendChoice,
  DetectRequest,
  DetectResult,
  FrameSource,
  InferenceWorkerApi,
  LoadModelRequest,
  StagedModel,
  WorkerInit,
  WorkerMemory,
} from './protocol.ts';
import type { OrtModule, WorkerDeps } from './worker-deps.ts';

interface Loaded {
  session: Ort.InferenceSession;
  backend: Backend;
  /** The worker's one copy of the model, kept for a WebGPU → WASM fallback. */
  bytes: Uint8Array;
  config: RuntimeConfig;
  note: string;
  /** The WebGPU path (levers, GPU buffers); null on WASM. */
  gpu: GpuDetector | null;
}

function joinNotes(...notes: string[]): string {
  return notes.filter(Boolean).join(' ');
}

function sessionOptions(config: RuntimeConfig, backend: Backend): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    // The dynamic model's batch is symbolic; pinning it lets ORT plan memory once.
    freeDimensionOverrides: config.input.kind === 'dynamic' ? { batch: 1 } : {},
  };
}

/** The warm-up run failed (as opposed to session creation): onnxruntime's message is kept. */
class WarmUpError extends Error {}

/**
 * The size of the warm-up run: the config's own input, or for a dynamic model
 * the smallest one (a stride square), which proves the graph runs without
 * allocating for the largest image.
 */
function warmUpSize(config: RuntimeConfig): { w: number; h: number } {
  return config.input.kind === 'static'
    ? { w: config.input.width, h: config.input.height }
    : { w: config.stride, h: config.stride };
}

/**
 * The inference worker's logic: the session in use, backend choice and
 * fallback, letterbox → run → candidates. Built from its dependencies so the
 * test build can wrap them (faults, session options) without touching this code.
 *
 * Switching models is a transaction: `stageModel` creates the new session and
 * runs it once on a blank image while the old one stays in use; the page then
 * commits it (the old session is released) or discards it. A model onnxruntime
 * refuses never replaces a working one. Every job (stage, commit, discard,
 * detect) runs in arrival order, one at a time, so a detection never runs on a
 * session being released.
 */
export function createInferenceApi(deps: WorkerDeps): InferenceWorkerApi {
  let settings: WorkerInit | null = null;
  let threads = 1;
  let threadNote = '';
  let loaded: Loaded | null = null;
  /** Sessions created and warmed up, waiting for the page to commit or discard each (by token). */
  const staged = new Map<number, Loaded>();
  let nextToken = 1;
  let ort: OrtModule;
  /** Backend decided at init (one WebGPU probe per worker) and the note explaining it. */
  let planned: { backend: Backend; note: string } = { backend: 'wasm', note: '' };
  let liveSessions = 0;
  let sessionsCreated = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const preprocessor = new Preprocessor();

  /** Runs jobs one at a time in arrival order. */
  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  }

  function counted(session: Ort.InferenceSession): Ort.InferenceSession {
    liveSessions++;
    sessionsCreated++;
    return session;
  }

  async function createOn(backend: Backend, bytes: Uint8Array, config: RuntimeConfig): Promise<Ort.InferenceSession> {
    return counted(await deps.createSession(ort, bytes, sessionOptions(config, backend)));
  }

  async function release(session: Ort.InferenceSession): Promise<void> {
    liveSessions--;
    await session.release();
  }

  /** The session first (it may still reference them), then the GPU path's buffers. */
  async function releaseLoaded(l: Loaded): Promise<void> {
    try {
      await release(l.session);
    } finally {
      l.gpu?.destroy();
    }
  }

  /** Chooses WebGPU or WASM as the contract says; the note explains any fallback. */
  async function pickBackend(choice: BackendChoice): Promise<{ backend: Backend; note: string }> {
    if (choice === 'wasm') return { backend: 'wasm', note: '' };
    const probe = await deps.probeWebGpu();
    if (choice === 'webgpu') {
      if (!probe.available)
        return { backend: 'wasm', note: `WebGPU was requested but is unavailable (${probe.description}); using WASM.` };
      return { backend: 'webgpu', note: '' };
    }
    if (probe.available && !probe.software) return { backend: 'webgpu', note: '' };
    return { backend: 'wasm', note: '' };
  }

  async function dispose(): Promise<void> {
    const old = [loaded, ...staged.values()];
    loaded = null;
    staged.clear();
    for (const l of old) if (l) await releaseLoaded(l);
  }

  async function discardNow(token: number): Promise<void> {
    const s = staged.get(token);
    staged.delete(token);
    if (s) await releaseLoaded(s).catch(() => undefined);
  }

  /** One run on a blank (padding-coloured) image: onnxruntime only finds some problems when it runs. */
  async function warmUp(l: Loaded): Promise<void> {
    const { w, h } = warmUpSize(l.config);
    let type: string;
    try {
      // The WebGPU path warms up through its own buffers: a captured graph keeps the ones its first run used.
      if (l.gpu) type = await l.gpu.warmUp(w, h);
      else {
        const out = await runOnce(l, new Float32Array(3 * w * h).fill(l.config.padValue / 255), w, h);
        type = out.type;
        out.dispose();
      }
    } catch (e) {
      throw new WarmUpError(errorText(e));
    }
    if (type !== 'float32')
      throw new ModelRefusedError(`its output is ${type}, the app reads float32: export without \`--half\``);
  }

  /** Warms `l` up `runs` times; released again if a run fails. */
  async function warmed(l: Loaded, runs: number): Promise<Loaded> {
    try {
      for (let i = 0; i < runs; i++) await warmUp(l);
      return l;
    } catch (e) {
      await releaseLoaded(l).catch(() => undefined);
      throw e;
    }
  }

  async function createGpuWarm(
    bytes: Uint8Array,
    config: RuntimeConfig,
    note: string,
    levers: GpuLevers,
  ): Promise<Loaded> {
    const made = await createGpuSession(
      ort,
      (o) => deps.createSession(ort, bytes, o).then(counted),
      release,
      sessionOptions(config, 'webgpu'),
      config,
      levers,
    );
    const l: Loaded = {
      session: made.session,
      backend: 'webgpu',
      bytes,
      config,
      note: joinNotes(note, made.note),
      gpu: made.detector,
    };
    // With graph capture the first run records the graph and the second is its first replay: a
    // graph that records but cannot replay (seen with onnxruntime-web 1.30) shows itself here.
    return warmed(l, l.gpu?.levers.graphCapture ? 2 : 1);
  }

  /** A session on `backend` that has passed its warm-up run; released again if the run fails. */
  async function createWarm(backend: Backend, bytes: Uint8Array, config: RuntimeConfig, note: string): Promise<Loaded> {
    if (backend !== 'webgpu') {
      return warmed({ session: await createOn(backend, bytes, config), backend, bytes, config, note, gpu: null }, 1);
    }
    const wanted = settings?.gpu ?? DEFAULT_LEVERS;
    if (!wanted.graphCapture || config.input.kind !== 'static') return createGpuWarm(bytes, config, note, wanted);
    try {
      return await createGpuWarm(bytes, config, note, wanted);
    } catch (e) {
      if (e instanceof ModelRefusedError) throw e;
      const without = `Graph capture could not run this model (${errorText(e)}); running without it.`;
      return createGpuWarm(bytes, config, joinNotes(note, without), { ...wanted, graphCapture: false });
    }
  }

  async function stageNow(req: LoadModelRequest): Promise<StagedModel> {
    if (!settings) throw new Error('worker not initialised');
    const bytes = new Uint8Array(req.modelBytes);
    const t0 = performance.now();
    const { backend, note } = planned;
    let l: Loaded;
    try {
      try {
        l = await createWarm(backend, bytes, req.config, note);
      } catch (e) {
        if (backend !== 'webgpu' || e instanceof ModelRefusedError) throw e;
        const why = e instanceof WarmUpError ? 'failed its first run' : 'could not create the session';
        l = await createWarm('wasm', bytes, req.config, `WebGPU ${why} (${errorText(e)}); using WASM.`);
      }
    } catch (e) {
      throw e instanceof ModelRefusedError ? e : new ModelRefusedError(explainRuntimeError(errorText(e)));
    }
    // onnxruntime-web lowers numThreads where its own probe finds no threads: report what it runs on.
    ({ threads, note: threadNote } = confirmThreads({ threads, note: threadNote }, ort.env.wasm.numThreads));
    const token = nextToken++;
    staged.set(token, l);
    return {
      token,
      backend: l.backend,
      threads,
      note: joinNotes(l.note, l.backend === 'wasm' ? threadNote : ''),
      createMs: performance.now() - t0,
      ...(l.gpu ? { gpu: { ...l.gpu.levers } } : {}),
    };
  }

  async function commitNow(token: number): Promise<void> {
    const next = staged.get(token);
    if (!next) throw new Error(`no staged model ${token} to commit`);
    staged.delete(token);
    const old = loaded;
    loaded = next;
    if (old) await releaseLoaded(old).catch(() => undefined);
  }

  async function runOnce(l: Loaded, data: Float32Array, w: number, h: number): Promise<Ort.Tensor> {
    const input = new ort.Tensor('float32', data, [1, 3, h, w]);
    try {
      const out = await l.session.run({ [l.config.inputName]: input });
      const tensor = out[l.config.outputName];
      if (!tensor) throw new Error(`the model produced no output named "${l.config.outputName}"`);
      for (const [name, t] of Object.entries(out)) if (name !== l.config.outputName) t.dispose();
      return tensor;
    } finally {
      input.dispose();
    }
  }

  /** A WebGPU failure mid-run (device lost, kernel error) moves this worker to WASM for good, its GPU buffers released. */
  async function fallBackToWasm(l: Loaded, e: unknown): Promise<Loaded> {
    const session = await createOn('wasm', l.bytes, l.config);
    void releaseLoaded(l).catch(() => undefined);
    loaded = {
      ...l,
      session,
      backend: 'wasm',
      gpu: null,
      note: `WebGPU failed while running (${errorText(e)}); switched to WASM.`,
    };
    return loaded;
  }

  /**
   * A captured graph that fails while running costs graph capture only: the
   * session is made again without it (onnxruntime-web 1.30 replays some
   * graphs, e.g. the yolov8-layout export, into an error). False when that fails too.
   */
  async function dropGraphCapture(l: Loaded, e: unknown): Promise<boolean> {
    let next: Loaded;
    try {
      const note = joinNotes(l.note, `Graph capture failed while running (${errorText(e)}); running without it.`);
      next = await createGpuWarm(l.bytes, l.config, note, {
        ...(settings?.gpu ?? DEFAULT_LEVERS),
        graphCapture: false,
      });
    } catch {
      return false;
    }
    loaded = next;
    await releaseLoaded(l).catch(() => undefined);
    return true;
  }

  async function runWithFallback(data: Float32Array, w: number, h: number): Promise<Ort.Tensor> {
    const l = loaded!;
    try {
      return await runOnce(l, data, w, h);
    } catch (e) {
      if (l.backend !== 'webgpu') throw e;
      return runOnce(await fallBackToWasm(l, e), data, w, h);
    }
  }

  return {
    async init(init) {
      if (settings) throw new Error('worker already initialised; start a new worker to change backend or threads');
      settings = init;
      planned = await pickBackend(init.backend);
      ort = await deps.importOrt(planned.backend);
      ort.env.wasm.wasmPaths = init.ortBase;
      ort.env.wasm.proxy = false;
      // What this worker can really have (isolation and SharedArrayBuffer here), not what the page hopes for.
      ({ threads, note: threadNote } = planThreads(init.threads, threadEnvHere()));
      ort.env.wasm.numThreads = threads;
    },

    stageModel: (req) => serial(() => stageNow(req)),
    commitModel: (token) => serial(() => commitNow(token)),
    discardModel: (token) => serial(() => discardNow(token)),

    detect: (source: FrameSource, req: DetectRequest): Promise<DetectResult> =>
      serial(() => detectNow(source, req)).finally(() => source.close()),

    dispose: () => serial(dispose),

    async memory(): Promise<WorkerMemory> {
      const perf = performance as Performance & { memory?: { usedJSHeapSize: number } };
      return {
        jsHeapBytes: perf.memory?.usedJSHeapSize ?? null,
        wasmBytes: deps.wasmMemoryBytes(),
        sessions: liveSessions,
        sessionsCreated,
        gpuResources: loaded?.gpu?.liveResources ?? 0,
      };
    },
  };

  async function detectNow(bitmap: FrameSource, req: DetectRequest): Promise<DetectResult> {
    if (!loaded) throw new Error('no model loaded');
    const { config } = loaded;
    const { width, height } = sourceSize(bitmap);
    const plan = planLetterbox(width, height, config.input, config.stride);
    // The config bounds guarantee this; a tensor is never allocated past them whatever the caller sends.
    if (plan.inputWidth > MAX_INPUT_SIDE || plan.inputHeight > MAX_INPUT_SIDE)
      throw new Error(`input ${plan.inputWidth}x${plan.inputHeight} is over the ${MAX_INPUT_SIDE} px limit`);
    // The CPU decoder for this config's output layout (the naive path, and an overflowing GPU frame).
    const decode = (data: Float32Array, dims: readonly number[]) =>
      decodeOutput(config.outputFormat, data, dims, req.minScore, config.labels.length);
    const l = loaded;
    if (l.gpu) {
      try {
        const result = await detectOnGpu(l.gpu, {
          bitmap,
          plan,
          minScore: req.minScore,
          sessionNote: l.note,
          cpuLetterbox: () => preprocessor.run(bitmap, plan, config.padValue),
          cpuDecode: decode,
        });
        return Comlink.transfer(result, [result.candidates.buffer]);
      } catch (e) {
        if (!(l.gpu.levers.graphCapture && (await dropGraphCapture(l, e)))) await fallBackToWasm(l, e);
        else return detectNow(bitmap, req);
      }
    }
    const t0 = performance.now();
    const data = preprocessor.run(bitmap, plan, config.padValue);
    const t1 = performance.now();
    const output = await runWithFallback(data, plan.inputWidth, plan.inputHeight);
    const t2 = performance.now();
    let cands: ReturnType<typeof decodeOutput>;
    try {
      cands = decode(output.data as Float32Array, output.dims);
    } finally {
      output.dispose();
    }
    const t3 = performance.now();
    const result: DetectResult = {
      candidates: cands.data,
      count: cands.count,
      nonFiniteRows: cands.nonFinite,
      inputWidth: plan.inputWidth,
      inputHeight: plan.inputHeight,
      width,
      height,
      timings: { preprocess: t1 - t0, inference: t2 - t1, postprocess: t3 - t2 },
      backend: loaded.backend,
      note: joinNotes(loaded.note, loaded.backend === 'wasm' ? threadNote : ''),
    };
    return Comlink.transfer(result, [result.candidates.buffer]);
  }
}
