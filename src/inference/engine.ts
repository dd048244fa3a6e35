import * as Comlink from 'comlink';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { abortError, isAbortError } from '../util/errors.ts';
import type { DetectResult, FrameSource, SessionInfo, WorkerInit, WorkerMemory } from '../worker/protocol.ts';
import { WorkerBridge } from './worker-bridge.ts';

export interface DetectOptions {
  /** Candidates with a score at or below this are not returned. */
  minScore: number;
  /** Aborting it discards the result: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * The owner of the inference worker: the model in use, and the one rule for
 * who may use the worker now.
 *
 * - A model load supersedes every detection in flight (their results would
 *   belong to the old model); detections asked for meanwhile wait for it.
 * - An image detection supersedes the previous image detection.
 * - A live frame runs only when nothing else does, and is declined otherwise,
 *   so the live loop never delays an image or a model switch.
 * - A sequence (video analysis, a batch of images) queues every picture and
 *   is never declined or superseded by another picture: its caller keeps a
 *   few in flight so the worker always has the next one ready.
 *
 * Superseded and cancelled work rejects with an AbortError; callers pass their
 * own AbortSignal to cancel theirs. The engine keeps the one main-thread copy
 * of the model bytes, to reload a restarted worker; each load transfers a copy.
 *
 * A load is a transaction with the worker: the worker stages the new model
 * (creates and warms up its session while the old one stays in use), and the
 * engine commits it only if the load is still wanted, in the same step where
 * it records the new model in use. So the engine's model in use and the
 * worker's are always the same one; a model onnxruntime refuses, or a load
 * superseded meanwhile, leaves both on the previous model.
 */
export class InferenceEngine {
  private readonly bridge: WorkerBridge;
  private model: { bytes: Uint8Array; config: RuntimeConfig } | null = null;
  /** Session in the live worker; null when the worker must (re)load the model first. */
  private session: SessionInfo | null = null;
  private loading: Promise<unknown> | null = null;
  /** Reloading the model in use into a fresh worker (after a crash, cancel or settings change). */
  private restoring: Promise<unknown> | null = null;
  /** Aborted when a load starts or on cancel: every detection in flight then. */
  private generation = new AbortController();
  private image: AbortController | null = null;
  private liveRunning = false;
  private sequenceInFlight = 0;
  private restartNote = '';

  constructor(init: WorkerInit) {
    this.bridge = new WorkerBridge(init, (why) => {
      this.session = null;
      this.restartNote = `The inference worker crashed (${why}) and has been restarted.`;
    });
  }

  /** The config of the model in use (the last one loaded successfully). */
  get config(): RuntimeConfig | null {
    return this.model?.config ?? null;
  }

  get busy(): boolean {
    return (
      this.loading !== null ||
      this.restoring !== null ||
      this.image !== null ||
      this.liveRunning ||
      this.sequenceInFlight > 0
    );
  }

  /**
   * Loads a model; it becomes the model in use once its session exists. The
   * engine takes ownership of `bytes` (the caller must not change them).
   */
  async load(bytes: Uint8Array, config: RuntimeConfig, signal?: AbortSignal): Promise<SessionInfo> {
    this.supersedeAll();
    const gen = this.generation.signal;
    const wanted = signal ? AbortSignal.any([gen, signal]) : gen;
    let committed = false;
    const tracked = this.stageAndCommit(bytes, config, wanted, () => {
      committed = true;
    }).finally(() => {
      if (this.loading === tracked) this.loading = null;
    });
    this.loading = tracked;
    tracked.catch(() => undefined);
    // Until the commit, aborting rejects at once (the staged model is discarded when it arrives);
    // after it, the model is in use and the caller must hear so, abort or not.
    return new Promise<SessionInfo>((resolve, reject) => {
      const onAbort = () => {
        if (!committed) reject(wanted.reason);
      };
      if (wanted.aborted) onAbort();
      wanted.addEventListener('abort', onAbort, { once: true });
      tracked.then(
        (session) => {
          wanted.removeEventListener('abort', onAbort);
          resolve(session);
        },
        (e) => {
          wanted.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  /** Backend or thread changes need a fresh worker; reloads the model in use there. */
  async reconfigure(init: WorkerInit): Promise<SessionInfo | null> {
    this.supersedeAll();
    this.bridge.reconfigure(init);
    this.session = null;
    const model = this.model;
    return model ? this.load(model.bytes, model.config) : null;
  }

  /** Detects objects in one image; supersedes the previous image detection. Takes ownership of `bitmap`. */
  async detect(bitmap: ImageBitmap, opts: DetectOptions): Promise<DetectResult> {
    this.image?.abort(abortError('a newer image was asked for'));
    const mine = new AbortController();
    this.image = mine;
    const signals = [mine.signal, this.generation.signal, ...(opts.signal ? [opts.signal] : [])];
    try {
      return await this.runDetect(bitmap, opts.minScore, AbortSignal.any(signals));
    } finally {
      if (this.image === mine) this.image = null;
    }
  }

  /**
   * Detects one picture of a sequence (a video's frames, a batch of images):
   * queued behind the worker's other jobs in call order, never declined, and
   * not superseded by other pictures; a model load, cancel or `opts.signal`
   * aborts it. Several may be in flight at once. Takes ownership of `source`.
   */
  async detectSequential(source: FrameSource, opts: DetectOptions): Promise<DetectResult> {
    this.sequenceInFlight++;
    const signals = [this.generation.signal, ...(opts.signal ? [opts.signal] : [])];
    try {
      return await this.runDetect(source, opts.minScore, AbortSignal.any(signals));
    } finally {
      this.sequenceInFlight--;
    }
  }

  /**
   * Runs a live frame if the worker is free; resolves null (and closes the
   * bitmap) when a load, an image or another frame has it.
   */
  async detectLive(bitmap: ImageBitmap, opts: DetectOptions): Promise<DetectResult | null> {
    if (this.busy || !this.model) {
      bitmap.close();
      return null;
    }
    this.liveRunning = true;
    const signals = [this.generation.signal, ...(opts.signal ? [opts.signal] : [])];
    try {
      return await this.runDetect(bitmap, opts.minScore, AbortSignal.any(signals));
    } finally {
      this.liveRunning = false;
    }
  }

  /**
   * Stops everything at once: the worker is killed (a long inference cannot be
   * interrupted otherwise) and restarted on the next request with the model in use.
   */
  cancel(): void {
    this.supersedeAll('cancelled');
    this.loading = null;
    this.restoring = null;
    this.session = null;
    this.bridge.stop('cancelled');
  }

  memory(): Promise<WorkerMemory> {
    return this.bridge.call((api) => api.memory());
  }

  dispose(): void {
    this.supersedeAll('disposed');
    this.model = null;
    this.restoring = null;
    this.session = null;
    this.bridge.stop('disposed');
  }

  private supersedeAll(why = 'superseded by a model load'): void {
    this.generation.abort(abortError(why));
    this.generation = new AbortController();
    this.image = null;
  }

  /**
   * Stages the model in the worker (a copy of the bytes is transferred), then
   * commits it unless `wanted` fired meanwhile. The check and the commit
   * happen in one synchronous step, together with recording the model in use,
   * and the worker runs the commit before anything sent after it.
   */
  private async stageAndCommit(
    bytes: Uint8Array,
    config: RuntimeConfig,
    wanted: AbortSignal,
    onCommit: () => void = () => undefined,
  ): Promise<SessionInfo> {
    const copy = bytes.slice().buffer;
    const staged = await this.bridge.call((api) =>
      api.stageModel(Comlink.transfer({ modelBytes: copy, config }, [copy])),
    );
    if (wanted.aborted) {
      this.bridge.call((api) => api.discardModel(staged.token)).catch(() => undefined);
      throw wanted.reason;
    }
    const committed = this.bridge.call((api) => api.commitModel(staged.token));
    onCommit();
    this.model = { bytes, config };
    const { token: _token, ...session } = staged;
    this.session = session;
    // A failed commit means the worker died meanwhile: the next request reloads this model, now in use.
    committed.catch(() => {
      if (this.session === session) this.session = null;
    });
    return session;
  }

  /** Puts the model in use back into a fresh worker; concurrent callers share one reload. */
  private restore(model: { bytes: Uint8Array; config: RuntimeConfig }): Promise<unknown> {
    if (this.restoring) return this.restoring;
    const never = new AbortController().signal;
    const p = this.stageAndCommit(model.bytes, model.config, never).finally(() => {
      if (this.restoring === p) this.restoring = null;
    });
    this.restoring = p;
    return p;
  }

  private async runDetect(bitmap: FrameSource, minScore: number, signal: AbortSignal): Promise<DetectResult> {
    try {
      while (this.loading) await this.loading.catch(() => undefined);
      if (signal.aborted) throw signal.reason;
      const model = this.model;
      if (!model) throw new Error('no model loaded');
      if (!this.session) await this.settle(this.restore(model), signal);
    } catch (e) {
      bitmap.close();
      throw e;
    }
    const result = await this.settle(
      this.bridge.call((api) => api.detect(Comlink.transfer(bitmap, [bitmap]), { minScore })),
      signal,
    );
    if (this.restartNote) {
      result.note = [this.restartNote, result.note].filter(Boolean).join(' ');
      this.restartNote = '';
    }
    return result;
  }

  /** Resolves with `work`, or rejects with the abort reason once `signal` fires (the work's result is discarded). */
  private settle<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) reject(signal.reason);
          else resolve(v);
        },
        (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(signal.aborted && !isAbortError(e) ? signal.reason : e);
        },
      );
    });
  }
}
