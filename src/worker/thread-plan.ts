/**
 * How many threads WASM really gets. Threads are what the runtime can have:
 * onnxruntime-web runs its thread pool only with SharedArrayBuffer and
 * WebAssembly threads, and silently falls back to one thread without them.
 * A cross-origin isolated page is not enough: WebKitGTK is isolated and still
 * gives workers no SharedArrayBuffer. So the count and the note come from what
 * the worker itself sees, and the app never says "4 threads" while running 1.
 */

/** What the worker sees of multi-threaded WebAssembly. */
export interface ThreadEnv {
  crossOriginIsolated: boolean;
  /** `typeof SharedArrayBuffer === 'function'` in the worker. */
  sharedArrayBuffer: boolean;
  /** A module with atomics validates (onnxruntime-web checks this too before it starts threads). */
  wasmThreads: boolean;
  /** navigator.hardwareConcurrency: may over-report (WebKit says 4 on a 2-core machine). */
  cores: number;
}

export interface ThreadPlan {
  threads: number;
  /** Why WASM runs on fewer threads than it could or was asked to; '' when nothing to say. */
  note: string;
}

/**
 * The automatic count's ceiling. onnxruntime-web's own default stops at 4 too:
 * past that a small detector gains little (each run is a few large convolutions
 * split across the pool), every thread is one more Worker with its own stack,
 * and hardwareConcurrency counts cores the page does not get to itself.
 * A user's explicit choice may go above it, up to the cores the browser reports.
 */
export const AUTO_THREAD_CAP = 4;

/** Why threads cannot be had here, worded for a requested count and for the automatic one; null when they can. */
function missing(env: ThreadEnv): { requested: string; auto: string } | null {
  if (!env.crossOriginIsolated)
    return {
      requested: 'the page is not cross-origin isolated (no SharedArrayBuffer)',
      auto: 'The page is not cross-origin isolated',
    };
  if (!env.sharedArrayBuffer)
    return {
      requested: 'this browser gives no SharedArrayBuffer to workers (the page is cross-origin isolated)',
      auto: 'The page is cross-origin isolated, but this browser gives no SharedArrayBuffer to workers',
    };
  if (!env.wasmThreads)
    return {
      requested: "this browser's WebAssembly has no threads (atomics)",
      auto: "This browser's WebAssembly has no threads (atomics)",
    };
  return null;
}

/** `requested`: the user's count (settings, ?threads=), or null for automatic. */
export function planThreads(requested: number | null, env: ThreadEnv): ThreadPlan {
  const cores = Math.max(1, Math.floor(Number.isFinite(env.cores) ? env.cores : 1));
  const wanted = requested === null ? null : Math.max(1, Math.floor(requested));
  const why = missing(env);
  if (why) {
    if (wanted !== null && wanted > 1)
      return { threads: 1, note: `${wanted} threads requested, but ${why.requested}; running WASM on 1 thread.` };
    return { threads: 1, note: `${why.auto}, so WASM runs on 1 thread (slower).` };
  }
  if (wanted === null) return { threads: Math.min(cores, AUTO_THREAD_CAP), note: '' };
  if (wanted > cores)
    return {
      threads: cores,
      note: `${wanted} threads requested, but the browser reports ${cores} core${cores > 1 ? 's' : ''}; running WASM on ${cores} thread${cores > 1 ? 's' : ''}.`,
    };
  return { threads: wanted, note: '' };
}

/**
 * The plan checked against what onnxruntime-web settled on once it started
 * (it lowers `env.wasm.numThreads` to 1 when its own probe finds no threads):
 * should the two probes ever disagree, the runtime's count is the truth.
 */
export function confirmThreads(plan: ThreadPlan, runtimeThreads: unknown): ThreadPlan {
  if (typeof runtimeThreads !== 'number' || !Number.isInteger(runtimeThreads) || runtimeThreads < 1) return plan;
  if (runtimeThreads >= plan.threads) return plan;
  const n = runtimeThreads;
  return {
    threads: n,
    note: `onnxruntime-web could not start ${plan.threads} threads in this browser; running WASM on ${n} thread${n > 1 ? 's' : ''}.`,
  };
}

/** The smallest module with a shared memory and an atomic load: it validates only where WebAssembly has threads. */
const ATOMICS_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0,
  26, 11,
]);

/** What this realm (the worker) offers, read once at init. */
export function threadEnvHere(): ThreadEnv {
  let wasmThreads = false;
  try {
    wasmThreads = typeof WebAssembly === 'object' && WebAssembly.validate(ATOMICS_PROBE);
  } catch {
    wasmThreads = false;
  }
  return {
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    wasmThreads,
    cores: typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1,
  };
}
