import { ALL_LEVERS, type GpuLevers, leverLabel, NO_LEVERS } from '../gpu/levers.ts';
import type { Backend } from '../worker/protocol.ts';

/** One benchmark configuration: each gets its own worker, since ORT fixes backend and threads per instance. */
export interface BackendPlan {
  backend: Backend;
  threads: number;
  /** WebGPU only: the levers this configuration runs with. */
  gpu?: GpuLevers;
}

/** WebGPU lever sets a benchmark compares: all on, each one off, all off (the naive path). */
export const LEVER_COMPARISON: readonly GpuLevers[] = [
  ALL_LEVERS,
  { ...ALL_LEVERS, preprocess: false },
  { ...ALL_LEVERS, output: false },
  { ...ALL_LEVERS, graphCapture: false },
  NO_LEVERS,
];

export interface BackendEnv {
  webgpu: 'none' | 'hardware' | 'software';
  /** ?backend=webgpu: the user asked for WebGPU even on a software adapter. */
  forceWebgpu: boolean;
  /** Cores the threaded WASM run should use (navigator.hardwareConcurrency or a user choice). */
  threads: number;
  /** Multi-threaded WASM needs SharedArrayBuffer, i.e. a cross-origin isolated page. */
  isolated: boolean;
  /** ...and a browser that then gives it: WebKitGTK is isolated and has none, so ORT runs 1 thread there. */
  sharedArrayBuffer: boolean;
  /** WebGPU lever sets to run, one configuration each (default: all levers on). */
  leverSets?: readonly GpuLevers[];
}

export interface BackendPlanResult {
  plans: BackendPlan[];
  /** Why a configuration was left out, in words for the panel. */
  skipped: string[];
}

/**
 * WebGPU, WASM threaded, WASM 1 thread, each when it makes sense. A software
 * WebGPU adapter (SwiftShader) takes seconds per inference, so it only runs
 * when forced: otherwise a benchmark on a GPU-less machine would take minutes.
 */
export function planBackends(env: BackendEnv): BackendPlanResult {
  const plans: BackendPlan[] = [];
  const skipped: string[] = [];
  if (env.webgpu === 'hardware' || (env.webgpu === 'software' && env.forceWebgpu))
    for (const gpu of env.leverSets ?? [ALL_LEVERS]) plans.push({ backend: 'webgpu', threads: 1, gpu: { ...gpu } });
  else if (env.webgpu === 'software') skipped.push('WebGPU: software adapter only (add ?backend=webgpu to include it)');
  else skipped.push('WebGPU: not available in this browser');
  const threads = Math.max(1, Math.floor(env.threads));
  if (threads > 1 && env.isolated && env.sharedArrayBuffer) plans.push({ backend: 'wasm', threads });
  else if (!env.isolated) skipped.push('WASM threaded: page is not cross-origin isolated');
  else if (!env.sharedArrayBuffer)
    skipped.push('WASM threaded: this browser gives no SharedArrayBuffer (the page is cross-origin isolated)');
  else skipped.push('WASM threaded: only 1 core');
  plans.push({ backend: 'wasm', threads: 1 });
  return { plans, skipped };
}

export function planLabel(p: BackendPlan): string {
  if (p.backend === 'wasm') return `WASM ×${p.threads}`;
  return !p.gpu || leverLabel(p.gpu) === 'all levers' ? 'WebGPU' : `WebGPU (${leverLabel(p.gpu)})`;
}

/** Runs and warm-up runs per configuration, for the panel and `npm run bench` alike (dynamic-shape sessions need the warm-up). */
export const DEFAULT_RUNS = 15;
export const DEFAULT_WARMUP = 5;
