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
  // The WebGPU build (ORT's WebGPU EP) is compiled with Asyncify, which slows its CPU
  // kernels; a worker that will run WASM loads the plain build. The JSEP build
  // (`onnxruntime-web`) is not used: it leaves up to 16 dispatches unsubmitted when a
  // run returns GPU-resident outputs, so a pass of ours reading them could see stale data.
  importOrt: (backend) => (backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm')),
  createSession: (ort, bytes, options) => ort.InferenceSession.create(bytes, options),
  wasmMemoryBytes: () => null,
};
