/**
 * Runs a tracker over a synthetic scene and scores it: what the scene tests,
 * the benchmark and anyone tuning options share.
 */
import { iou } from './box.ts';
import { ByteTracker, type TrackedDetection } from './byte-tracker.ts';
import { evaluateMot, type MotMetrics, type MotObject } from './mot-metrics.ts';
import type { SceneFrame } from './synthetic.ts';
import type { TrackerOptions } from './tracker-options.ts';

export interface SceneRun {
  outputs: TrackedDetection[][];
  metrics: MotMetrics;
  /** Metrics of one class alone. */
  perClass(classId: number): MotMetrics;
}

export function runScene(scene: readonly SceneFrame[], options: Partial<TrackerOptions> = {}): SceneRun {
  const tracker = new ByteTracker(options);
  const outputs = scene.map((f) => tracker.update(f.detections));
  const asHyp = (out: TrackedDetection[]): MotObject[] =>
    out.map(({ trackId, x1, y1, x2, y2 }) => ({ id: trackId, x1, y1, x2, y2 }));
  const truth = scene.map((f) => f.truth);
  return {
    outputs,
    metrics: evaluateMot(truth, outputs.map(asHyp)),
    perClass: (c) =>
      evaluateMot(
        truth.map((fr) => fr.filter((o) => o.classId === c)),
        outputs.map((fr) => asHyp(fr.filter((o) => o.classId === c))),
      ),
  };
}

/** Each track ID with the frames (1-based) it was reported in. */
export function framesById(outputs: readonly (readonly TrackedDetection[])[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  outputs.forEach((fr, i) => {
    for (const t of fr) {
      let l = m.get(t.trackId);
      if (!l) {
        l = [];
        m.set(t.trackId, l);
      }
      l.push(i + 1);
    }
  });
  return m;
}

/**
 * For each true object, the track IDs that covered it (IoU ≥ 0.5 with a box
 * of its class, best first): a tracker that keeps identities gives one ID
 * per object and a different one to each object.
 */
export function idsPerObject(
  scene: readonly SceneFrame[],
  outputs: readonly (readonly TrackedDetection[])[],
): Map<number, Set<number>> {
  const m = new Map<number, Set<number>>();
  scene.forEach((f, i) => {
    const taken = new Set<number>();
    for (const o of f.truth) {
      let best: TrackedDetection | null = null;
      let bestIou = 0.5;
      for (const t of outputs[i] ?? []) {
        if (t.classId !== o.classId || taken.has(t.trackId)) continue;
        const v = iou(o, t);
        if (v >= bestIou) {
          best = t;
          bestIou = v;
        }
      }
      if (!best) continue;
      taken.add(best.trackId);
      let s = m.get(o.id);
      if (!s) {
        s = new Set();
        m.set(o.id, s);
      }
      s.add(best.trackId);
    }
  });
  return m;
}
