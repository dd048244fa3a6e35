/**
 * Synthetic video scenes with known identities, for the tracker's tests and
 * benchmark: each object has a true box per frame; the "detector" reports it
 * with seeded noise on the corners and score, and misses it where told.
 */
import type { Detection } from '../detect/detections.ts';
import type { Box } from './box.ts';
import { type Random, seededRandom } from './random.ts';

export interface SceneObject {
  /** The true identity (ground truth ID). */
  id: number;
  classId: number;
  label: string;
  /** True box at a 1-based frame, or null when the object is not in the scene. */
  box(frame: number): Box | null;
  /** Detector score at a frame before noise; 0.85 when not given. */
  score?(frame: number): number;
  /** Frames where the object is there but fully occluded: not detected and not in the ground truth. */
  hidden?(frame: number): boolean;
}

export interface SceneOptions {
  frames: number;
  width: number;
  height: number;
  seed: number;
  /** Standard deviation of the noise on each box corner, in pixels. */
  jitterPx?: number;
  /** Standard deviation of the noise on each score. */
  scoreJitter?: number;
  /** Chance that a visible object is not detected in a frame (it stays in the ground truth: a miss). */
  missRate?: number;
  /** Mean number of false boxes per frame (class 0, score 0.1–0.6), never in the ground truth. */
  falsePositives?: number;
}

/** One object of the ground truth in one frame. */
export interface TruthBox extends Box {
  id: number;
  classId: number;
}

export interface SceneFrame {
  /** 1-based. */
  frame: number;
  truth: TruthBox[];
  detections: Detection[];
}

function clip(b: Box, width: number, height: number): Box | null {
  const c = { x1: Math.max(0, b.x1), y1: Math.max(0, b.y1), x2: Math.min(width, b.x2), y2: Math.min(height, b.y2) };
  // Under 2 px visible on either side a detector would not report it.
  return c.x2 - c.x1 >= 2 && c.y2 - c.y1 >= 2 ? c : null;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** The frames of a scene: deterministic for a given seed. */
export function makeScene(objects: readonly SceneObject[], opts: SceneOptions): SceneFrame[] {
  const rng: Random = seededRandom(opts.seed);
  const jitter = opts.jitterPx ?? 1.5;
  const scoreJitter = opts.scoreJitter ?? 0.03;
  const missRate = opts.missRate ?? 0;
  const fpRate = opts.falsePositives ?? 0;
  const frames: SceneFrame[] = [];
  for (let f = 1; f <= opts.frames; f++) {
    const truth: TruthBox[] = [];
    const detections: Detection[] = [];
    for (const o of objects) {
      const raw = o.box(f);
      const b = raw && clip(raw, opts.width, opts.height);
      if (!b || o.hidden?.(f)) continue;
      truth.push({ ...b, id: o.id, classId: o.classId });
      if (rng.next() < missRate) continue;
      const noisy = clip(
        {
          x1: b.x1 + rng.gaussian(jitter),
          y1: b.y1 + rng.gaussian(jitter),
          x2: b.x2 + rng.gaussian(jitter),
          y2: b.y2 + rng.gaussian(jitter),
        },
        opts.width,
        opts.height,
      );
      if (!noisy) continue;
      const score = clamp01((o.score?.(f) ?? 0.85) + rng.gaussian(scoreJitter));
      detections.push({ ...noisy, score, classId: o.classId, label: o.label });
    }
    // Poisson-ish: whole part always, the fraction by chance.
    const fps = Math.floor(fpRate) + (rng.next() < fpRate % 1 ? 1 : 0);
    for (let k = 0; k < fps; k++) {
      const w = rng.uniform(10, 60);
      const h = rng.uniform(10, 60);
      const x = rng.uniform(0, opts.width - w);
      const y = rng.uniform(0, opts.height - h);
      detections.push({
        x1: x,
        y1: y,
        x2: x + w,
        y2: y + h,
        score: rng.uniform(0.1, 0.6),
        classId: 0,
        label: 'person',
      });
    }
    frames.push({ frame: f, truth, detections });
  }
  return frames;
}

export interface LinearPath {
  /** Box centre and size at frame `from`. */
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** Pixels per frame. */
  vx?: number;
  vy?: number;
  /** First and last frame in the scene (inclusive); all frames when not given. */
  from?: number;
  to?: number;
}

/** A box moving at constant velocity between two frames. */
export function linearPath(p: LinearPath): (frame: number) => Box | null {
  const from = p.from ?? 1;
  const to = p.to ?? Number.POSITIVE_INFINITY;
  return (f) => {
    if (f < from || f > to) return null;
    const cx = p.cx + (p.vx ?? 0) * (f - from);
    const cy = p.cy + (p.vy ?? 0) * (f - from);
    return { x1: cx - p.w / 2, y1: cy - p.h / 2, x2: cx + p.w / 2, y2: cy + p.h / 2 };
  };
}

/** x moving at speed v inside [0, span], bouncing off both ends (a triangle wave). */
function bounce(x: number, span: number): number {
  if (span <= 0) return 0;
  const period = 2 * span;
  const m = ((x % period) + period) % period;
  return m <= span ? m : period - m;
}

/**
 * `count` objects of four classes, 20–80 px, moving at up to 4 px a frame and
 * bouncing off the edges of the frame: a busy street for the benchmark.
 */
export function busyScene(count: number, frames: number, seed = 1, width = 1920, height = 1080): SceneFrame[] {
  const rng = seededRandom(seed);
  const labels = ['person', 'bicycle', 'car', 'motorcycle'];
  const objects: SceneObject[] = Array.from({ length: count }, (_, i) => {
    const w = rng.uniform(20, 80);
    const h = rng.uniform(20, 80) * 1.5;
    const x0 = rng.uniform(0, width - w);
    const y0 = rng.uniform(0, height - h);
    const vx = rng.uniform(-4, 4);
    const vy = rng.uniform(-4, 4);
    const classId = i % labels.length;
    return {
      id: i + 1,
      classId,
      label: labels[classId]!,
      box: (f: number) => {
        const x = bounce(x0 + vx * f, width - w);
        const y = bounce(y0 + vy * f, height - h);
        return { x1: x, y1: y, x2: x + w, y2: y + h };
      },
      score: () => 0.75,
    };
  });
  return makeScene(objects, {
    frames,
    width,
    height,
    seed: seed + 1,
    scoreJitter: 0.15,
    missRate: 0.05,
    falsePositives: 3,
  });
}
