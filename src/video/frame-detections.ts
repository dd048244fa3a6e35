import type { RuntimeConfig } from '../config/runtime-config.ts';
import { type Detection, detectionsAt } from '../detect/detections.ts';
import { filterByClass } from '../store/class-filter-store.ts';
import { ByteTracker } from '../tracking/byte-tracker.ts';
import { DEFAULT_LOW_THRESHOLD } from '../tracking/tracker-options.ts';
import type { DetectResult } from '../worker/protocol.ts';

/**
 * What the tracker gets from one frame: detections down to its low floor
 * (0.1, or the slider when it is lower), since the low-score boxes keep a
 * track alive through partial occlusion, with the classes the user hid left
 * out, so hidden classes are neither tracked, drawn, counted nor exported.
 */
export function trackerInput(
  r: DetectResult,
  config: RuntimeConfig,
  conf: number,
  iou: number,
  hidden: ReadonlySet<number>,
): Detection[] {
  const floor = Math.min(conf, DEFAULT_LOW_THRESHOLD);
  const all = detectionsAt(
    { data: r.candidates, count: r.count },
    { width: r.width, height: r.height, inputWidth: r.inputWidth, inputHeight: r.inputHeight },
    config,
    floor,
    iou,
  );
  return [...filterByClass(all, hidden)];
}

/** One tracker for a source: the slider's confidence is its high threshold, `frameRate` the rate of frames given to it. */
export function newTracker(conf: number, frameRate: number): ByteTracker {
  return new ByteTracker({ highThreshold: conf, frameRate });
}
