/**
 * Times `ByteTracker.update` on a synthetic scene: a busy 1920x1080 street
 * of `objects` boxes of four classes bouncing around, with 5% misses, noisy
 * scores (some under the confidence, so both stages work) and 3 false boxes a
 * frame. `npm run bench` (the benchmark owner) and `scripts/bench-tracker.ts`
 * call it. Pure TypeScript: runs the same in Node and in a page.
 */
import { ByteTracker } from './byte-tracker.ts';
import { busyScene } from './synthetic.ts';

export interface TrackerBenchResult {
  frames: number;
  objects: number;
  /** Mean detections per frame given to the tracker (objects less misses, plus false boxes). */
  detectionsPerFrame: number;
  /** Milliseconds per `update`, nearest-rank percentiles over the timed frames. */
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /**
   * The same percentiles in CPU time of this process (Node only, else null):
   * on a machine shared with other work, wall-clock p95 measures the
   * scheduler's delays, CPU time what `update` itself costs.
   */
  cpuP50: number | null;
  cpuP95: number | null;
  /** IDs the tracker gave in the timed run (the scene has `objects` true identities). */
  idsIssued: number;
}

type CpuUsage = (since?: { user: number; system: number }) => { user: number; system: number };

/** Nearest rank, as src/bench/stats.ts: always a time that was observed. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/**
 * A warm-up run on another tracker over the whole scene lets the JIT compile
 * `update` and settles the shapes of the scene's detection objects (made all
 * at once before timing, some were made before V8 settled their fields' number
 * representation and must be migrated on first read; the app's detections are
 * made frame by frame by code that settled long before). Then a fresh tracker
 * is timed frame by frame on the same scene.
 */
export function benchTracker(frames = 1000, objects = 100): TrackerBenchResult {
  if (!(Number.isInteger(frames) && frames > 0 && Number.isInteger(objects) && objects >= 0)) {
    throw new RangeError(
      `benchTracker needs a whole number of frames above 0 and of objects, got ${frames} and ${objects}`,
    );
  }
  const scene = busyScene(objects, frames, 1);
  const warm = new ByteTracker();
  for (const f of scene) warm.update(f.detections);

  const cpuUsage = (globalThis as { process?: { cpuUsage?: CpuUsage } }).process?.cpuUsage;
  const tracker = new ByteTracker();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let detections = 0;
  for (const f of scene) {
    detections += f.detections.length;
    const c0 = cpuUsage?.();
    const t0 = performance.now();
    tracker.update(f.detections);
    times.push(performance.now() - t0);
    if (cpuUsage && c0) {
      const c = cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSorted = cpuTimes.sort((a, b) => a - b);
  return {
    frames,
    objects,
    detectionsPerFrame: detections / frames,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1]!,
    mean: times.reduce((s, x) => s + x, 0) / frames,
    cpuP50: cpuSorted.length ? percentile(cpuSorted, 50) : null,
    cpuP95: cpuSorted.length ? percentile(cpuSorted, 95) : null,
    idsIssued: tracker.idsIssued,
  };
}
