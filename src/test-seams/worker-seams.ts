import type * as Ort from 'onnxruntime-web';
import type { InferenceWorkerApi } from '../worker/protocol.ts';
import type { WorkerDeps } from '../worker/worker-deps.ts';

/**
 * Failures that cannot be provoked for real in a headless browser: a missing
 * WebGPU adapter, a failing WebGPU session, a lost device, a crashing worker.
 */
export type Fault = 'no-webgpu' | 'webgpu-create' | 'webgpu-run' | 'crash-on-detect';
export const FAULTS: readonly Fault[] = ['no-webgpu', 'webgpu-create', 'webgpu-run', 'crash-on-detect'];

/** What the test build's worker is told through its name (workers get no URL parameters). */
export interface WorkerSeams {
  faults: Fault[];
  /** Benchmark levers: session options merged over the app's own. */
  sessionOptions?: { graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all' };
}

const NAME_PREFIX = 'inference ';

export function seamsToWorkerName(seams: WorkerSeams): string {
  return `${NAME_PREFIX}${JSON.stringify(seams)}`;
}

export function seamsFromWorkerName(name: string): WorkerSeams {
  if (!name.startsWith(NAME_PREFIX)) return { faults: [] };
  const parsed = JSON.parse(name.slice(NAME_PREFIX.length)) as Partial<WorkerSeams>;
  return { faults: (parsed.faults ?? []).filter((f) => FAULTS.includes(f)), sessionOptions: parsed.sessionOptions };
}

const isWebGpu = (o: Ort.InferenceSession.SessionOptions) => o.executionProviders?.[0] === 'webgpu';

/** Wraps the worker's dependencies so the named faults happen and the session options apply. */
export function wrapDeps(deps: WorkerDeps, seams: WorkerSeams): WorkerDeps {
  const has = (f: Fault) => seams.faults.includes(f);
  return {
    ...deps,
    probeWebGpu: has('no-webgpu')
      ? async () => ({ available: false, software: false, description: 'injected fault: no WebGPU adapter' })
      : deps.probeWebGpu,
    async createSession(ort, bytes, options) {
      if (has('webgpu-create') && isWebGpu(options)) throw new Error('injected fault: WebGPU session creation failed');
      const session = await deps.createSession(ort, bytes, { ...options, ...seams.sessionOptions });
      if (!has('webgpu-run') || !isWebGpu(options)) return session;
      // The device is lost after the session has worked once (its warm-up run), as a real loss mid-use is.
      let runs = 0;
      return new Proxy(session, {
        get(target, key, receiver) {
          if (key === 'run' && runs++ > 0) return () => Promise.reject(new Error('injected fault: WebGPU device lost'));
          const v = Reflect.get(target, key, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  };
}

/** Crashes the worker while a detection is in flight (a synchronous wasm run would otherwise finish first). */
export function wrapApi(api: InferenceWorkerApi, seams: WorkerSeams): InferenceWorkerApi {
  if (!seams.faults.includes('crash-on-detect')) return api;
  return {
    ...api,
    async detect(bitmap, req) {
      setTimeout(() => {
        throw new Error('injected fault: worker crashed');
      });
      await new Promise((r) => setTimeout(r, 1000));
      return api.detect(bitmap, req);
    },
  };
}
