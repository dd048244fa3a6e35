import type { RuntimeConfig } from '../config/runtime-config.ts';
import { CANDIDATE_STRIDE, type Candidates } from './candidates.ts';
import { boxToImage } from './letterbox.ts';
import { nonMaxSuppression, type NmsOptions } from './nms.ts';

export interface Detection {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classId: number;
  label: string;
}

export interface FrameGeometry {
  /** Image size as displayed (after EXIF orientation). */
  width: number;
  height: number;
  inputWidth: number;
  inputHeight: number;
}

/** Filter + NMS + map back to image pixels: all a slider move needs to redo. */
export function selectDetections(
  c: Candidates,
  geo: FrameGeometry,
  labels: readonly string[],
  opts: NmsOptions,
): Detection[] {
  return nonMaxSuppression(c, opts).map((i) => {
    const k = i * CANDIDATE_STRIDE;
    const d = c.data;
    const classId = d[k + 5]!;
    const box = boxToImage(
      { x1: d[k]!, y1: d[k + 1]!, x2: d[k + 2]!, y2: d[k + 3]! },
      geo.width,
      geo.height,
      geo.inputWidth,
      geo.inputHeight,
    );
    return { ...box, score: d[k + 4]!, classId, label: labels[classId] ?? `class ${classId}` };
  });
}

/** The worker drops candidates at or below this; the confidence slider cannot go lower. */
export const CANDIDATE_FLOOR = 0.01;

/** Floor for one bundle: lower when its own default confidence is below 0.01. */
export function candidateFloor(config: RuntimeConfig): number {
  return Math.min(CANDIDATE_FLOOR, config.confidence);
}

/** Detections at the given slider values, with the bundle's NMS settings: images, live frames and the benchmark all use this. */
export function detectionsAt(
  c: Candidates,
  geo: FrameGeometry,
  config: RuntimeConfig,
  conf: number,
  iou: number,
): Detection[] {
  return selectDetections(c, geo, config.labels, {
    confidence: conf,
    iou,
    maxDetections: config.maxDetections,
    classAgnostic: config.classAgnostic,
  });
}
