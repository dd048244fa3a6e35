import type * as Ort from 'onnxruntime-web';
import type { Backend } from './protocol.ts';
import { probeWebGpu, type WebGpuProbe } from './webgpu-probe.ts';

export type OrtModule = typeof Ort;

/**
 * What the worker needs from the outside world. The production worker uses
 * `realWorkerDeps`; the test build wraps them to inject faults, so no fault
 * check sits in the worker's own code.
 */
export interface WorkerDeps {
  probeWebGpu(): Promise<WebGpuProbe>;
  importOrt(backend: Backend): Promise<OrtModule>;
  createSession(
    ort: OrtModule,
    bytes: Uint8Array,
    options: Ort.InferenceSession.SessionOptions,
  ): Promise<Ort.InferenceSession>;
  /** Bytes of ORT's WebAssembly memory, where someone measures it (the test build); else null. */
  wasmMemoryBytes(): number | null;
}

export const realWorkerDeps: WorkerDeps = {
  probeWebGpu,
  // The WebGPU build (JSEP) is compiled with Asyncify, which slows its CPU
  // kernels; a worker that will run WASM loads the plain build.
  importOrt: (backend) => (backend === 'webgpu' ? import('onnxruntime-web') : import('onnxruntime-web/wasm')),
  createSession: (ort, bytes, options) => ort.InferenceSession.create(bytes, options),
  wasmMemoryBytes: () => null,
};
