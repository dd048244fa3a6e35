import { errorText, isAbortError } from '../util/errors.ts';

export type QueueState = 'running' | 'paused' | 'cancelled' | 'done';

export interface QueueSteps<I, D, R> {
  /** Reads one item (on the main thread, or a decoder's); a throw is that item's failure. */
  decode(item: I, signal: AbortSignal): Promise<D>;
  /** Detects in a decoded item (takes ownership of it); a throw is that item's failure, an AbortError stops the run. */
  detect(decoded: D, item: I, signal: AbortSignal): Promise<R>;
  /** A decoded item that will not be detected because the run stopped. */
  discard?(decoded: D): void;
}

export interface QueueEvents<I, R> {
  result(item: I, result: R, index: number): void;
  failure(item: I, message: string, index: number): void;
  state?(state: QueueState): void;
  /** Items being decoded or detected now: 0 while paused means the pause has taken effect. */
  busy?(items: number): void;
}

/**
 * A batch's queue: items are decoded one at a time and detected with up to
 * `inFlight` detections outstanding, so decoding the next item overlaps the
 * detection of the current one and the detector never waits for a decode.
 * Each item is read only when its turn comes. A failed item is reported and
 * the run goes on; an AbortError from a step (the engine cancelled, a model
 * load) stops the whole run, as `cancel()` does.
 *
 * Pause stops taking new items; those already in flight finish and are
 * reported. Cancel stops at once: results still in flight are dropped.
 */
export class BatchQueue<I, D, R> {
  private current: QueueState = 'running';
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  private working = 0;
  /** Why the run stopped early, in words; empty unless cancelled. */
  stopReason = '';

  constructor(
    private readonly items: readonly I[],
    private readonly steps: QueueSteps<I, D, R>,
    private readonly events: QueueEvents<I, R>,
    private readonly inFlight = 2,
  ) {
    if (!(inFlight >= 1)) throw new Error('a queue needs at least one detection in flight');
  }

  get state(): QueueState {
    return this.current;
  }

  pause(): void {
    if (this.current === 'running') this.set('paused');
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.set('running');
    this.wake?.();
  }

  cancel(reason = 'cancelled'): void {
    if (this.current === 'cancelled' || this.current === 'done') return;
    this.stopReason = reason;
    this.set('cancelled');
    this.abort.abort(new DOMException(reason, 'AbortError'));
    this.wake?.();
  }

  /** Runs to the end or until cancelled; resolves with how it ended. */
  async run(): Promise<QueueState> {
    const { signal } = this.abort;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < this.items.length; i++) {
      while (this.current === 'paused') await new Promise<void>((res) => (this.wake = res));
      this.wake = null;
      if (this.current === 'cancelled') break;
      const item = this.items[i]!;
      let decoded: D;
      this.work(1);
      try {
        decoded = await this.steps.decode(item, signal);
      } catch (e) {
        this.work(-1);
        if (this.stoppedBy(e)) break;
        this.events.failure(item, errorText(e), i);
        continue;
      }
      if (this.cancelled()) {
        this.work(-1);
        this.steps.discard?.(decoded);
        break;
      }
      pending.push(
        this.steps
          .detect(decoded, item, signal)
          .then(
            (r) => {
              if (this.current !== 'cancelled') this.events.result(item, r, i);
            },
            (e) => {
              if (!this.stoppedBy(e)) this.events.failure(item, errorText(e), i);
            },
          )
          .finally(() => this.work(-1)),
      );
      while (pending.length >= this.inFlight) await pending.shift();
    }
    await Promise.all(pending);
    if (this.current !== 'cancelled') this.set('done');
    return this.current;
  }

  /** An abort (ours, or the engine's) stops the run; anything else is one item's failure. */
  private stoppedBy(e: unknown): boolean {
    if (this.current === 'cancelled') return true;
    if (!isAbortError(e)) return false;
    this.cancel(errorText(e));
    return true;
  }

  private work(delta: number): void {
    this.working += delta;
    this.events.busy?.(this.working);
  }

  /** Read through a call: the state changes across awaits, which narrowing would not see. */
  private cancelled(): boolean {
    return this.current === 'cancelled';
  }

  private set(s: QueueState): void {
    this.current = s;
    this.events.state?.(s);
  }
}
