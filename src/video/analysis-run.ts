import type { RuntimeConfig } from '../config/runtime-config.ts';
import { candidateFloor } from '../detect/detections.ts';
import { TrackRecorder } from '../export/track-recorder.ts';
import type { FractionLine } from '../store/video-analysis-store.ts';
import type { TrackedDetection } from '../tracking/byte-tracker.ts';
import { errorText } from '../util/errors.ts';
import type { DetectResult } from '../worker/protocol.ts';
import { type AnnotatedFormat, AnnotatedEncoder, chooseAnnotatedFormat } from './annotated-encoder.ts';
import { drawCountLine, drawTrackedFrame, type LineCounts } from './annotate.ts';
import { BoundedQueue } from './bounded-queue.ts';
import { newTracker, trackerInput } from './frame-detections.ts';
import { analysedFrameCount, isAnalysed } from './frame-step.ts';
import { lineInPixels } from './line-param.ts';
import { ProgressMeter, type ProgressReading } from './progress.ts';
import { type OpenedVideo, VideoInputError } from './video-input.ts';

/** Decoded frames waiting for the model: enough that it never waits for the decoder, few enough to hold little. */
export const DECODE_AHEAD = 3;
/** Frames at the worker at once: one running, one ready to start the moment it ends. */
export const IN_FLIGHT = 2;

/** Inference times kept for the median: the last ones only, so a long video keeps nothing more per frame. */
const TIMINGS_KEPT = 1000;

export interface AnalysisOptions {
  video: OpenedVideo;
  every: number;
  line: FractionLine | null;
  config: RuntimeConfig;
  modelId: string;
  conf: number;
  iou: number;
  hiddenClasses: ReadonlySet<number>;
  /** Write the annotated video (off in the memory benchmark's long loops). */
  encode: boolean;
  /** Detects one frame; takes ownership of it (the worker closes it). */
  detect(frame: VideoFrame, minScore: number, signal: AbortSignal): Promise<DetectResult>;
  /** After each analysed frame, with the annotated picture on `canvas`. */
  onFrame?(f: AnalysedFrame): void;
}

export interface AnalysedFrame {
  /** 1-based frame number in the video. */
  frame: number;
  canvas: OffscreenCanvas;
  tracked: readonly TrackedDetection[];
  counts: LineCounts | null;
  progress: ProgressReading;
  idsIssued: number;
}

export interface AnalysisResult {
  recorder: TrackRecorder;
  annotated: Blob | null;
  format: AnnotatedFormat | null;
  /** Why there is no annotated video, when there is none. */
  annotatedNote: string;
  framesAnalysed: number;
  idsIssued: number;
  /** Wall time from the start of the run to its last frame encoded. */
  elapsedMs: number;
  /** The worker's inference time per frame, median over the last frames: the rate the model allows is 1000 / this. */
  inferenceP50Ms: number | null;
  /** The worker's time on the run's frames per stage, summed: over `elapsedMs`, how busy the model was kept. */
  workerMs: { preprocess: number; inference: number; postprocess: number };
}

interface QueuedFrame {
  number: number;
  frame: VideoFrame;
  timestamp: number;
}

/**
 * One analysis of a whole video: every frame (or every Nth) decoded in
 * order, none dropped, detected, tracked, counted, recorded, drawn and
 * encoded. The decoder runs ahead into a small queue, IN_FLIGHT frames are at
 * the worker at once, and each frame is closed as soon as it is drawn.
 */
export class AnalysisRun {
  readonly done: Promise<AnalysisResult>;
  private readonly abort = new AbortController();
  private pausedGate: { promise: Promise<void>; open: () => void } | null = null;
  private readonly meter = new ProgressMeter();

  constructor(private readonly o: AnalysisOptions) {
    this.done = this.run();
    this.done.catch(() => undefined);
  }

  get paused(): boolean {
    return this.pausedGate !== null;
  }

  /** No new frame goes to the worker; those already there finish and are drawn. */
  pause(): void {
    if (this.pausedGate) return;
    const { promise, resolve } = Promise.withResolvers<void>();
    this.pausedGate = { promise, open: resolve };
  }

  resume(): void {
    const g = this.pausedGate;
    this.pausedGate = null;
    this.meter.restart();
    g?.open();
  }

  /** Stops at once: frames in flight are discarded, every frame held is closed, `done` rejects with `reason`. */
  cancel(reason: unknown): void {
    this.abort.abort(reason);
    this.resume();
  }

  private async run(): Promise<AnalysisResult> {
    const { video, every, config } = this.o;
    const signal = this.abort.signal;
    const startedAt = performance.now();
    const inferenceMs = new Float64Array(TIMINGS_KEPT);
    const workerMs = { preprocess: 0, inference: 0, postprocess: 0 };
    const { width, height } = video;
    const frameRate = video.fps / every;
    const total = analysedFrameCount(video.frameCount, every);
    const recorder = new TrackRecorder(
      {
        video: video.name,
        width,
        height,
        fps: video.fps,
        every,
        frames: video.frameCount,
        model: this.o.modelId,
      },
      this.o.line ? lineInPixels(this.o.line, width, height) : null,
    );
    const tracker = newTracker(this.o.conf, frameRate);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gave no 2D canvas to draw the frames on');
    let encoder: AnnotatedEncoder | null = null;
    let annotatedNote = '';
    if (this.o.encode) {
      const format = await chooseAnnotatedFormat(width, height);
      if (format) encoder = await AnnotatedEncoder.create(canvas, format, frameRate);
      else annotatedNote = `this browser cannot encode H.264, VP9 or VP8 video at ${width}x${height}`;
    }
    const queue = new BoundedQueue<QueuedFrame>(DECODE_AHEAD, (q) => q.frame.close());
    const pending: { item: QueuedFrame; result: Promise<DetectResult> }[] = [];
    let produced = 0;
    let producerError: unknown = null;
    const producer = (async () => {
      let index = 0;
      try {
        for await (const sample of video.samples()) {
          const i = index++;
          if (signal.aborted || !isAnalysed(i, every)) {
            sample.close();
            if (signal.aborted) break;
            continue;
          }
          const frame = sample.toVideoFrame();
          const timestamp = sample.timestamp;
          sample.close();
          produced++;
          if (!(await queue.push({ number: i + 1, frame, timestamp }))) break;
        }
      } catch (e) {
        if (!signal.aborted) {
          producerError = new VideoInputError(
            `${video.name}: frame ${index} could not be decoded (${errorText(e)}); the file may be damaged or cut short.`,
          );
        }
      } finally {
        queue.close();
      }
    })();

    const minScore = candidateFloor(config);
    const fill = async (): Promise<void> => {
      while (pending.length < IN_FLIGHT) {
        while (this.pausedGate && !signal.aborted) await this.pausedGate.promise;
        if (signal.aborted) return;
        const item = await queue.take();
        if (!item) return;
        const result = this.o.detect(item.frame.clone(), minScore, signal);
        result.catch(() => undefined);
        pending.push({ item, result });
      }
    };

    let t0: number | null = null;
    let analysed = 0;
    try {
      for (;;) {
        await fill();
        if (signal.aborted) throw signal.reason;
        const next = pending.shift();
        if (!next) break;
        const { item } = next;
        try {
          const r = await next.result;
          if (signal.aborted) throw signal.reason;
          inferenceMs[analysed % TIMINGS_KEPT] = r.timings.inference;
          workerMs.preprocess += r.timings.preprocess;
          workerMs.inference += r.timings.inference;
          workerMs.postprocess += r.timings.postprocess;
          const detections = trackerInput(r, config, this.o.conf, this.o.iou, this.o.hiddenClasses);
          const tracked = tracker.update(detections);
          recorder.add(item.number, tracked);
          drawTrackedFrame(ctx, item.frame, width, height, tracked);
          const c = recorder.counter;
          const counts = c ? { totals: c.totals(), counts: c.counts() } : null;
          if (c) drawCountLine(ctx, c.line, width, height, counts ?? undefined);
          t0 ??= item.timestamp;
          item.frame.close();
          if (encoder) await encoder.add(Math.max(0, item.timestamp - t0), every / video.fps);
          analysed++;
          const progress = this.meter.update(analysed, Math.max(total, analysed), performance.now());
          this.o.onFrame?.({ frame: item.number, canvas, tracked, counts, progress, idsIssued: tracker.idsIssued });
        } finally {
          item.frame.close();
        }
      }
      if (producerError) throw producerError;
      if (produced === 0)
        throw new VideoInputError(`${video.name} gave no frames when decoded; there is nothing to analyse.`);
      let annotated: Blob | null = null;
      if (encoder) {
        try {
          annotated = await encoder.finish();
        } catch (e) {
          annotatedNote = `the annotated video could not be finished (${errorText(e)})`;
        }
      }
      return {
        recorder,
        annotated,
        format: annotated ? (encoder?.format ?? null) : null,
        annotatedNote,
        framesAnalysed: analysed,
        idsIssued: tracker.idsIssued,
        elapsedMs: performance.now() - startedAt,
        workerMs,
        inferenceP50Ms: median(inferenceMs.subarray(0, Math.min(analysed, TIMINGS_KEPT))),
      };
    } catch (e) {
      encoder?.cancel();
      throw e;
    } finally {
      queue.cancel();
      for (const p of pending.splice(0)) p.item.frame.close();
      video.dispose();
      await producer;
    }
  }
}

function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
