import * as Comlink from 'comlink';
import type { InferenceWorkerApi, WorkerInit } from '../worker/protocol.ts';
import { InFlightCalls } from '../util/in-flight-calls.ts';
import { startWorker } from './worker-factory.ts';

/** Thrown when the worker died (crash, termination, cancel) while a call was in flight. */
export class WorkerGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerGoneError';
  }
}

type Api = Comlink.Remote<InferenceWorkerApi>;

interface Live {
  worker: Worker;
  api: Api;
  /** Rejected when the worker errors or is stopped, so no call waits forever. */
  calls: InFlightCalls;
  kill: (reason: string) => void;
}

/**
 * The inference worker's life and nothing else: started lazily, initialised,
 * every call raced against its death. It knows no model; the engine reloads one
 * after `onCrash` says the worker was lost.
 */
export class WorkerBridge {
  private live: Live | null = null;

  constructor(
    private init: WorkerInit,
    private readonly onCrash: (note: string) => void,
  ) {}

  get running(): boolean {
    return this.live !== null;
  }

  /** Backend or thread changes need a fresh worker: ORT fixes them per instance. */
  reconfigure(init: WorkerInit): void {
    this.init = init;
    this.stop('settings changed');
  }

  /** Starts the worker if needed, then calls into it; rejects with WorkerGoneError if it dies meanwhile. */
  async call<T>(fn: (api: Api) => Promise<T>): Promise<T> {
    const live = await this.ensure();
    return live.calls.run(fn(live.api));
  }

  stop(reason: string): void {
    const live = this.live;
    this.live = null;
    live?.kill(reason);
  }

  private async ensure(): Promise<Live> {
    if (this.live) return this.live;
    const worker = startWorker();
    const calls = new InFlightCalls();
    const kill = (reason: string) => {
      worker.terminate();
      calls.stop(new WorkerGoneError(`inference worker stopped: ${reason}`));
    };
    const live: Live = { worker, api: Comlink.wrap<InferenceWorkerApi>(worker), calls, kill };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      const why = ev.message || 'unknown error';
      if (this.live === live) {
        this.live = null;
        this.onCrash(why);
      }
      live.kill(`crashed: ${why}`);
    });
    this.live = live;
    await calls.run(live.api.init(this.init));
    return live;
  }
}
