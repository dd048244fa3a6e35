import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { GpuLevers } from '../gpu/levers.ts';

/** Types shared by the inference worker and its bridge: the whole contract between them. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

export interface WorkerInit {
  /** URL prefix (ending in /) that serves ORT's ort-wasm-*.mjs/.wasm files. */
  ortBase: string;
  backend: BackendChoice;
  /** null = automatic: the cores reported, at most 4, where the worker has SharedArrayBuffer; else 1 (thread-plan.ts). */
  threads: number | null;
  /** WebGPU levers to use when the backend is WebGPU (`?gpu=`); absent = all on. */
  gpu?: GpuLevers;
}

export interface LoadModelRequest {
  modelBytes: ArrayBuffer;
  config: RuntimeConfig;
}

export interface SessionInfo {
  backend: Backend;
  threads: number;
  /** Fallbacks and single-thread notices, in words; '' when nothing to say. */
  note: string;
  /** Milliseconds to create the session and run it once (the warm-up). */
  createMs: number;
  /** WebGPU levers this session runs with; absent on WASM. */
  gpu?: GpuLevers;
}

/** A model created and warmed up in the worker, not yet in use: commit or discard it by `token`. */
export interface StagedModel extends SessionInfo {
  token: number;
}

export interface StageTimings {
  decode: number;
  preprocess: number;
  inference: number;
  postprocess: number;
}

/**
 * A picture the worker can detect in: a decoded image, or a video frame (WebCodecs), which
 * goes to the GPU letterbox as it is on WebGPU. The worker closes it when done.
 */
export type FrameSource = ImageBitmap | VideoFrame;

export interface DetectRequest {
  /** Candidates with a score at or below this are not returned. */
  minScore: number;
}

export interface DetectResult {
  /** Packed candidates, see detect/candidates.ts. */
  candidates: Float32Array;
  count: number;
  inputWidth: number;
  inputHeight: number;
  /** Image size as the worker received it (already EXIF-oriented). */
  width: number;
  height: number;
  timings: Omit<StageTimings, 'decode'>;
  /** Output rows dropped because they held NaN or Infinity (never drawn; see detect/candidates.ts). */
  nonFiniteRows: number;
  /** Backend that produced this result (may differ from the session's after a fallback). */
  backend: Backend;
  note: string;
  /** WebGPU only: the levers that ran for this result, bytes read back from the GPU, and whether the candidate buffer overflowed. */
  gpu?: GpuLevers;
  readbackBytes?: number;
  overflow?: boolean;
}

export interface WorkerMemory {
  /** Bytes of the worker's JS heap, when the browser reports it. */
  jsHeapBytes: number | null;
  /** Bytes of ORT's WebAssembly memory. */
  wasmBytes: number | null;
  /** Sessions alive in this worker: more than one means a leak. */
  sessions: number;
  /** Sessions ever created by this worker: a refused bundle must not add one. */
  sessionsCreated: number;
  /** GPU buffers and textures held by the WebGPU path (0 after a fallback to WASM). */
  gpuResources: number;
}

export interface InferenceWorkerApi {
  init(init: WorkerInit): Promise<void>;
  /**
   * Creates a session for the model and runs it once; the model in use stays.
   * Rejects with a ModelRefusedError (name kept across the boundary) when
   * onnxruntime cannot create or run it, saying why in words.
   */
  stageModel(req: LoadModelRequest): Promise<StagedModel>;
  /** Makes the staged model the one in use and releases the previous one. */
  commitModel(token: number): Promise<void>;
  /** Releases the staged model (a newer load superseded it). */
  discardModel(token: number): Promise<void>;
  detect(source: FrameSource, req: DetectRequest): Promise<DetectResult>;
  dispose(): Promise<void>;
  memory(): Promise<WorkerMemory>;
}
