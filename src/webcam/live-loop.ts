import type { ActiveBundle } from '../store/app-store.ts';
import type { DetectResult } from '../worker/protocol.ts';
import { FrameBuffers } from './frame-buffers.ts';
import { watchFrames } from './frame-clock.ts';
import { LatestWinsScheduler } from './latest-wins.ts';
import { isAbortError } from '../util/errors.ts';
import { ImageInputError } from '../image/image-error.ts';
import { sizeProblem } from '../image/limits.ts';

/** A result together with the exact frame it was computed on. */
export interface LiveResult {
  frame: OffscreenCanvas;
  width: number;
  height: number;
  result: DetectResult;
  /** The bundle object (not just its id) that was loaded when the frame was sent. */
  bundle: ActiveBundle;
  /** performance.now() when the frame was copied off the video. */
  capturedAt: number;
  /** ms to copy the frame and make the bitmap for the worker. */
  captureMs: number;
}

export interface LoopDeps {
  /** Resolves null when the frame was declined (the worker is busy with something else). */
  detect(bitmap: ImageBitmap, minScore: number): Promise<DetectResult | null>;
  /** The bundle loaded now: frames are sent under it, and a result computed under another one is dropped. */
  currentBundle(): ActiveBundle | null;
  minScore(bundle: ActiveBundle): number;
  onResult(r: LiveResult): void;
  onError(e: unknown): void;
}

/**
 * Frames from a <video> to the worker and back. Each new video frame offers
 * a ticket; the frame itself is copied only when its ticket runs, so frames
 * replaced while the worker is busy cost nothing.
 */
export class LiveLoop {
  private readonly buffers = new FrameBuffers();
  private readonly scheduler: LatestWinsScheduler<null>;
  private stopWatching: (() => void) | null = null;
  private running = false;
  private paused = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly deps: LoopDeps,
  ) {
    this.scheduler = new LatestWinsScheduler<null>(
      () => this.process(),
      undefined,
      (e) => deps.onError(e),
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopWatching = watchFrames(this.video, () => {
      if (!this.paused) this.scheduler.offer(null);
    });
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    // Process the frame the video stopped on, so the still picture and its boxes agree.
    if (paused && this.running) this.scheduler.offer(null);
  }

  /** Runs the current frame once more, e.g. after a model or slider change while paused. */
  refresh(): void {
    if (this.running) this.scheduler.offer(null);
  }

  stop(): void {
    this.running = false;
    this.stopWatching?.();
    this.stopWatching = null;
    this.scheduler.clear();
    this.buffers.release();
  }

  private async process(): Promise<void> {
    if (!this.running) return;
    const bundle = this.deps.currentBundle();
    const v = this.video;
    if (!bundle || v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !v.videoWidth) return;
    const width = v.videoWidth;
    const height = v.videoHeight;
    // Checked on every frame, before it is copied: a stream can change resolution mid-way.
    const problem = sizeProblem(width, height);
    if (problem) throw new ImageInputError(`the video frame ${problem}; use a smaller resolution.`);
    const capturedAt = performance.now();
    const slot = this.buffers.capture(v, width, height);
    // Copied from our canvas, not the video, so the kept frame and the sent one are the same pixels.
    const bitmap = await createImageBitmap(this.buffers.canvas(slot));
    const captureMs = performance.now() - capturedAt;
    let result: DetectResult | null;
    try {
      result = await this.deps.detect(bitmap, this.deps.minScore(bundle));
    } catch (e) {
      if (isAbortError(e)) return; // superseded by a model load: the frame belongs to the old model
      throw e;
    }
    if (!result || !this.running || this.deps.currentBundle() !== bundle) return;
    this.buffers.show(slot);
    this.deps.onResult({ frame: this.buffers.canvas(slot), width, height, result, bundle, capturedAt, captureMs });
  }
}
