import * as Comlink from 'comlink';
import type * as Ort from 'onnxruntime-web';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { decodeOutput } from '../detect/candidates.ts';
import { planLetterbox } from '../detect/letterbox.ts';
import type { GpuDetector } from '../gpu/gpu-detector.ts';
import { ALL_LEVERS } from '../gpu/levers.ts';
import { errorText } from '../util/errors.ts';
import { createGpuSession, detectOnGpu } from './gpu-path.ts';
import { Preprocessor } from './preprocess.ts';
import type {
  Backend,
  BackendChoice,
  DetectRequest,
  DetectResult,
  InferenceWorkerApi,
  LoadModelRequest,
  SessionInfo,
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

/**
 * The inference worker's logic: one ORT session at a time, backend choice and
 * fallback, letterbox → run → candidates. Built from its dependencies so the
 * test build can wrap them (faults, session options) without touching this code.
 */
export function createInferenceApi(deps: WorkerDeps): InferenceWorkerApi {
  let settings: WorkerInit | null = null;
  let threads = 1;
  let threadNote = '';
  let loaded: Loaded | null = null;
  let ort: OrtModule;
  /** Backend decided at init (one WebGPU probe per worker) and the note explaining it. */
  let planned: { backend: Backend; note: string } = { backend: 'wasm', note: '' };
  let liveSessions = 0;
  let sessionsCreated = 0;
  let loadQueue: Promise<unknown> = Promise.resolve();
  const preprocessor = new Preprocessor();

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
    const old = loaded;
    loaded = null;
    if (old) await releaseLoaded(old);
  }

  async function loadModelNow(req: LoadModelRequest): Promise<SessionInfo> {
    if (!settings) throw new Error('worker not initialised');
    await dispose();
    const bytes = new Uint8Array(req.modelBytes);
    const t0 = performance.now();
    let { backend, note } = planned;
    let session: Ort.InferenceSession;
    let gpu: GpuDetector | null = null;
    try {
      if (backend === 'webgpu') {
        const base = sessionOptions(req.config, 'webgpu');
        const made = await createGpuSession(
          ort,
          (o) => deps.createSession(ort, bytes, o).then(counted),
          release,
          base,
          req.config,
          settings.gpu ?? ALL_LEVERS,
        );
        ({ session, detector: gpu } = made);
        note = joinNotes(note, made.note);
      } else session = await createOn(backend, bytes, req.config);
    } catch (e) {
      if (backend !== 'webgpu') throw e;
      note = `WebGPU could not create the session (${errorText(e)}); using WASM.`;
      backend = 'wasm';
      session = await createOn('wasm', bytes, req.config);
    }
    loaded = { session, backend, bytes, config: req.config, note, gpu };
    return {
      backend,
      threads,
      note: joinNotes(note, backend === 'wasm' ? threadNote : ''),
      createMs: performance.now() - t0,
      ...(gpu ? { gpu: { ...gpu.levers } } : {}),
    };
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
      const isolated = self.crossOriginIsolated === true;
      const wanted = init.threads ?? (isolated ? Math.max(1, navigator.hardwareConcurrency || 1) : 1);
      if (wanted > 1 && !isolated) {
        threads = 1;
        threadNote = `${wanted} threads requested, but the page is not cross-origin isolated (no SharedArrayBuffer); running WASM on 1 thread.`;
      } else {
        threads = wanted;
        threadNote = !isolated ? 'The page is not cross-origin isolated, so WASM runs on 1 thread (slower).' : '';
      }
      ort.env.wasm.numThreads = threads;
    },

    loadModel(req) {
      // One load at a time: two overlapping creates would leave one session unreleased.
      const run = loadQueue.then(() => loadModelNow(req));
      loadQueue = run.catch(() => undefined);
      return run;
    },

    async detect(bitmap: ImageBitmap, req: DetectRequest): Promise<DetectResult> {
      try {
        await loadQueue; // a detect right after a model switch waits for the new session
        if (!loaded) throw new Error('no model loaded');
        const { config } = loaded;
        const width = bitmap.width;
        const height = bitmap.height;
        const plan = planLetterbox(width, height, config.input, config.stride);
        // The CPU decoder for this config's output layout (the naive path, and an overflowing GPU frame).
        const decode = (data: Float32Array, dims: readonly number[]) =>
          decodeOutput(config.outputFormat, data, dims, req.minScore, config.labels.length);
        let result: DetectResult | null = null;
        const l = loaded;
        if (l.gpu) {
          try {
            result = await detectOnGpu(l.gpu, {
              bitmap,
              plan,
              minScore: req.minScore,
              sessionNote: l.note,
              cpuLetterbox: () => preprocessor.run(bitmap, plan, config.padValue),
              cpuDecode: decode,
            });
          } catch (e) {
            await fallBackToWasm(l, e);
          }
        }
        if (!result) {
          const t0 = performance.now();
          const data = preprocessor.run(bitmap, plan, config.padValue);
          const t1 = performance.now();
          const output = await runWithFallback(data, plan.inputWidth, plan.inputHeight);
          const t2 = performance.now();
          const cands = decode(output.data as Float32Array, output.dims);
          output.dispose();
          const t3 = performance.now();
          result = {
            candidates: cands.data,
            count: cands.count,
            inputWidth: plan.inputWidth,
            inputHeight: plan.inputHeight,
            width,
            height,
            timings: { preprocess: t1 - t0, inference: t2 - t1, postprocess: t3 - t2 },
            backend: loaded.backend,
            note: joinNotes(loaded.note, loaded.backend === 'wasm' ? threadNote : ''),
          };
        }
        return Comlink.transfer(result, [result.candidates.buffer]);
      } finally {
        bitmap.close();
      }
    },

    dispose,

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
}
