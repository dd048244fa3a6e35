/**
 * counts.json: the counting line, the direction convention in words, counts
 * per class and direction, totals, and each counted crossing.
 *
 * {
 *   "format": "counts/1",
 *   "video": "street.webm", "width": 768, "height": 576, "fps": 10, "every": 1, "frames": 100,
 *   "model": "yolov5n-320",
 *   "line": { "pixels": { "x1": 0, "y1": 288, "x2": 768, "y2": 288 },
 *             "fractions": { "x1": 0, "y1": 0.5, "x2": 1, "y2": 0.5 } },
 *   "deadZonePx": 15.36,
 *   "direction": "The line runs from A = (x1, y1) to B = (x2, y2) …",
 *   "counts": { "person": { "in": 3, "out": 1 } },
 *   "totals": { "in": 3, "out": 1 },
 *   "crossings": [{ "trackId": 4, "classId": 0, "label": "person", "direction": "in", "frame": 37, "time": 3.6 }]
 * }
 *
 * `frame` is the 1-based video frame at which the crossing was confirmed and
 * `time` its start in seconds, (frame - 1) / fps. Counts are keyed by label
 * (in increasing class ID); two classes with one label get "label (classId)".
 */
import type { ClassCounts, Crossing, DirectionCounts } from '../tracking/line-counter.ts';
import { type CountLine, DIRECTION_CONVENTION } from '../tracking/line-geometry.ts';
import { PIXEL_DECIMALS, round } from './numbers.ts';
import type { VideoMeta } from './track-rows.ts';

export const COUNTS_FORMAT = 'counts/1';

/** What the line counter knows, as `LineCounter` gives it. */
export interface CountsSnapshot {
  line: CountLine;
  deadZonePx: number;
  counts: readonly ClassCounts[];
  totals: DirectionCounts;
  crossings: readonly Crossing[];
}

/** Labels as keys, made unique when two classes share one. */
function countKeys(counts: readonly ClassCounts[]): Map<number, string> {
  const uses = new Map<string, number>();
  for (const c of counts) uses.set(c.label, (uses.get(c.label) ?? 0) + 1);
  return new Map(counts.map((c) => [c.classId, (uses.get(c.label) ?? 0) > 1 ? `${c.label} (${c.classId})` : c.label]));
}

export function countsJson(meta: VideoMeta, s: CountsSnapshot): string {
  const px = (v: number) => round(v, PIXEL_DECIMALS);
  const frac = (v: number, size: number) => round(v / size, 4);
  const keys = countKeys(s.counts);
  const counts: Record<string, DirectionCounts> = {};
  for (const c of [...s.counts].sort((a, b) => a.classId - b.classId)) {
    counts[keys.get(c.classId)!] = { in: c.in, out: c.out };
  }
  const doc = {
    format: COUNTS_FORMAT,
    video: meta.video,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    every: meta.every,
    frames: meta.frames,
    model: meta.model,
    line: {
      pixels: { x1: px(s.line.x1), y1: px(s.line.y1), x2: px(s.line.x2), y2: px(s.line.y2) },
      fractions: {
        x1: frac(s.line.x1, meta.width),
        y1: frac(s.line.y1, meta.height),
        x2: frac(s.line.x2, meta.width),
        y2: frac(s.line.y2, meta.height),
      },
    },
    deadZonePx: px(s.deadZonePx),
    direction: DIRECTION_CONVENTION,
    counts,
    totals: { in: s.totals.in, out: s.totals.out },
    crossings: s.crossings.map((c) => ({
      trackId: c.trackId,
      classId: c.classId,
      label: c.label,
      direction: c.direction,
      frame: c.frame,
      time: round((c.frame - 1) / meta.fps, 3),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
