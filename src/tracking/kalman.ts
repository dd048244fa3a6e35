/**
 * Constant-velocity Kalman filter on a box: state (cx, cy, w, h, vcx, vcy,
 * vw, vh), measurement (cx, cy, w, h), noise proportional to the box's width
 * (for cx, w) and height (for cy, h). This is BoT-SORT's form (also
 * Ultralytics' `KalmanFilterXYWH`); ByteTrack's original tracks the aspect
 * ratio w/h with a tiny fixed noise instead, which cannot follow a box whose
 * shape changes fast, as one entering the frame from the side does (the
 * filter keeps it narrow, IoU falls, and the object gets a second ID).
 *
 * The reference code writes it with 8x8 matrices. With its diagonal start
 * covariance, diagonal process and measurement noise and a transition that
 * only mixes each quantity with its own velocity, the covariance never couples
 * two quantities: it is four independent 2x2 blocks, (value, velocity) of cx,
 * cy, w and h. We keep just those blocks, which gives the same numbers as the
 * 8x8 form (kalman.test.ts checks it against a matrix reference) with a tenth
 * of the arithmetic and no allocation per frame.
 */

/** Position and velocity uncertainty per pixel of box size, per frame (SORT/ByteTrack/BoT-SORT's weights). */
export const STD_WEIGHT_POSITION = 1 / 20;
export const STD_WEIGHT_VELOCITY = 1 / 160;

export interface KalmanState {
  /** cx, cy, w, h, then their velocities (per frame). */
  readonly mean: Float64Array;
  /**
   * Per quantity k (cx, cy, w, h): [3k] variance of the value, [3k+1] the
   * value–velocity covariance, [3k+2] variance of the velocity.
   */
  readonly cov: Float64Array;
}

function sq(x: number): number {
  return x * x;
}

/** A new track from its first measurement: zero velocity, wide uncertainty on it. */
export function kalmanInitiate(xywh: readonly [number, number, number, number]): KalmanState {
  const mean = new Float64Array(8);
  const cov = new Float64Array(12);
  for (let k = 0; k < 4; k++) {
    mean[k] = xywh[k]!;
    // Width scales the noise of cx and w, height that of cy and h.
    const s = k % 2 === 0 ? xywh[2] : xywh[3];
    // Twice the usual position noise and ten times the velocity noise: the speed is not known yet.
    cov[3 * k] = sq(2 * STD_WEIGHT_POSITION * s);
    cov[3 * k + 2] = sq(10 * STD_WEIGHT_VELOCITY * s);
  }
  return { mean, cov };
}

/** One frame ahead, in place: x += v, P = F P Fᵀ + Q (Q from the size before the step). */
export function kalmanPredict(s: KalmanState): void {
  const { mean, cov } = s;
  const w = mean[2]!;
  const h = mean[3]!;
  for (let k = 0; k < 4; k++) {
    const size = k % 2 === 0 ? w : h;
    const sp = STD_WEIGHT_POSITION * size;
    const sv = STD_WEIGHT_VELOCITY * size;
    mean[k] = mean[k]! + mean[k + 4]!;
    const a = cov[3 * k]!;
    const b = cov[3 * k + 1]!;
    const c = cov[3 * k + 2]!;
    cov[3 * k] = a + 2 * b + c + sq(sp);
    cov[3 * k + 1] = b + c;
    cov[3 * k + 2] = c + sq(sv);
  }
}

/** Correct with a measurement, in place: the standard update with gain K = P Hᵀ S⁻¹. */
export function kalmanUpdate(s: KalmanState, xywh: readonly [number, number, number, number]): void {
  const { mean, cov } = s;
  const w = mean[2]!;
  const h = mean[3]!;
  for (let k = 0; k < 4; k++) {
    const r = sq(STD_WEIGHT_POSITION * (k % 2 === 0 ? w : h));
    const a = cov[3 * k]!;
    const b = cov[3 * k + 1]!;
    const c = cov[3 * k + 2]!;
    const innovationVar = a + r;
    const kp = a / innovationVar;
    const kv = b / innovationVar;
    const innovation = xywh[k]! - mean[k]!;
    mean[k] = mean[k]! + kp * innovation;
    mean[k + 4] = mean[k + 4]! + kv * innovation;
    cov[3 * k] = a - kp * a;
    cov[3 * k + 1] = b - kp * b;
    cov[3 * k + 2] = c - kv * b;
  }
}
