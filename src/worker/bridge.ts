import * as Comlink from 'comlink';
import type { RuntimeConfig } from '../config/runtime-config';
import type { DetectRequest, DetectResult, InferenceWorkerApi, SessionInfo, WorkerInit } from './protocol';

/** Thrown when the worker died (crash, termination, cancel) while a call was in flight. */
export class WorkerGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerGoneError';
  }
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<InferenceWorkerApi>;
  /** Rejects when the worker errors or is terminated, so no call waits forever. */
  gone: Promise<never>;
  kill: (reason: string) => void;
}

/**
 * The one way the main thread talks to the inference worker. It owns the
 * worker's life: starts it lazily, restarts it after a crash (reloading the
 * last model), and discards results of superseded detect calls.
 */
export class InferenceBridge {
  private live: Live | null = null;
  private model: { bytes: ArrayBuffer; config: RuntimeConfig } | null = null;
  private session: SessionInfo | null = null;
  private detectSeq = 0;
  private restartNote = '';

  constructor(private init: WorkerInit) {}

  /** Backend or thread changes need a fresh worker: ORT fixes them per instance. */
  reconfigure(init: WorkerInit): void {
    this.init = init;
    this.stop('settings changed');
  }

  async loadModel(bytes: ArrayBuffer, config: RuntimeConfig): Promise<SessionInfo> {
    this.model = { bytes, config };
    this.session = null;
    this.detectSeq++; // a result from the previous model must never show under this one
    const live = await this.ensure();
    this.session = await this.call(live, (api) => api.loadModel({ modelBytes: bytes, config }));
    return this.session;
  }

  /** Resolves null when a newer detect call superseded this one. */
  async detect(bitmap: ImageBitmap, req: DetectRequest): Promise<DetectResult | null> {
    const seq = ++this.detectSeq;
    let live: Live;
    try {
      live = await this.ensure();
      if (!this.session) {
        if (!this.model) throw new Error('no model loaded');
        this.session = await this.call(live, (api) =>
          api.loadModel({ modelBytes: this.model!.bytes, config: this.model!.config }),
        );
      }
    } catch (e) {
      bitmap.close();
      throw e;
    }
    if (seq !== this.detectSeq) {
      bitmap.close();
      return null;
    }
    const result = await this.call(live, (api) => api.detect(Comlink.transfer(bitmap, [bitmap]), req));
    if (seq !== this.detectSeq) return null;
    if (this.restartNote) {
      result.note = [this.restartNote, result.note].filter(Boolean).join(' ');
      this.restartNote = '';
    }
    return result;
  }

  /**
   * Stops a long inference or session creation at once: the worker is killed
   * and restarted on the next request with `model` (the caller's last good one,
   * which may differ from a model whose load was cancelled).
   */
  cancel(model: { bytes: ArrayBuffer; config: RuntimeConfig } | null): void {
    this.detectSeq++;
    this.stop('cancelled');
    this.model = model;
  }

  async memory() {
    const live = await this.ensure();
    return this.call(live, (api) => api.memory());
  }

  dispose(): void {
    this.model = null;
    this.stop('disposed');
  }

  /** Test hook: terminates the worker as a crash would, without telling anyone. */
  simulateTermination(): void {
    const live = this.live;
    if (!live) return;
    this.live = null;
    this.session = null;
    this.restartNote = 'The inference worker was terminated and has been restarted.';
    live.kill('terminated');
  }

  private stop(reason: string): void {
    const live = this.live;
    this.live = null;
    this.session = null;
    live?.kill(reason);
  }

  private async ensure(): Promise<Live> {
    if (this.live) return this.live;
    const worker = new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });
    let kill!: (reason: string) => void;
    const gone = new Promise<never>((_, reject) => {
      kill = (reason) => {
        worker.terminate();
        reject(new WorkerGoneError(`inference worker stopped: ${reason}`));
      };
    });
    gone.catch(() => undefined);
    const live: Live = { worker, api: Comlink.wrap<InferenceWorkerApi>(worker), gone, kill };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      if (this.live === live) {
        this.live = null;
        this.session = null;
        this.restartNote = `The inference worker crashed (${ev.message || 'unknown error'}) and was restarted.`;
      }
      live.kill(`crashed: ${ev.message || 'unknown error'}`);
    });
    this.live = live;
    await this.call(live, (api) => api.init(this.init));
    // An injected crash is one-shot, so the restarted worker can prove recovery.
    this.init = { ...this.init, faults: this.init.faults.filter((f) => f !== 'crash-on-detect') };
    return live;
  }

  private call<T>(live: Live, fn: (api: Comlink.Remote<InferenceWorkerApi>) => Promise<T>): Promise<T> {
    return Promise.race([fn(live.api), live.gone]);
  }
}
