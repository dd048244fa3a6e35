import type { ActiveBundle } from '../store/app-store';
import type { DetectRequest, DetectResult } from '../worker/protocol';
import { FrameBuffers } from './frame-buffers';
import { watchFrames } from './frame-clock';
import { LatestWinsScheduler } from './latest-wins';

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
  detect(bitmap: ImageBitmap, req: DetectRequest): Promise<DetectResult | null>;
  /** The bundle to run, or null when frames must not be sent now (model loading, image detecting). */
  sendable(): ActiveBundle | null;
  /** The bundle loaded now, to refuse a result computed under another one. */
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

  get latestFrame(): OffscreenCanvas | null {
    return this.buffers.shown;
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
    const bundle = this.deps.sendable();
    const v = this.video;
    if (!bundle || v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !v.videoWidth) return;
    const width = v.videoWidth;
    const height = v.videoHeight;
    const capturedAt = performance.now();
    const slot = this.buffers.capture(v, width, height);
    // Copied from our canvas, not the video, so the kept frame and the sent one are the same pixels.
    const bitmap = await createImageBitmap(this.buffers.canvas(slot));
    const captureMs = performance.now() - capturedAt;
    const result = await this.deps.detect(bitmap, { minScore: this.deps.minScore(bundle) });
    if (!result || !this.running || this.deps.currentBundle() !== bundle) return;
    this.buffers.show(slot);
    this.deps.onResult({ frame: this.buffers.canvas(slot), width, height, result, bundle, capturedAt, captureMs });
  }
}
