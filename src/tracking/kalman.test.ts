import { describe, expect, it } from 'vitest';
import { kalmanInitiate, kalmanPredict, kalmanUpdate, type KalmanState } from './kalman.ts';
import { seededRandom } from './random.ts';

/**
 * BoT-SORT's filter (KalmanFilterXYWH) written out with full 8x8 matrices,
 * the reference the block form must reproduce.
 */
type Mat = number[][];
const zeros = (r: number, c: number): Mat => Array.from({ length: r }, () => new Array<number>(c).fill(0));
const mul = (a: Mat, b: Mat): Mat => a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const tr = (a: Mat): Mat => a[0]!.map((_, j) => a.map((row) => row[j]!));
const add = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((x, j) => x + b[i]![j]!));
const sub = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((x, j) => x - b[i]![j]!));
const diag = (d: number[]): Mat => d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
/** Gauss–Jordan inverse of a small matrix. */
function inv(m: Mat): Mat {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...diag(new Array<number>(n).fill(1))[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pv = a[c]![c]!;
    a[c] = a[c]!.map((x) => x / pv);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      a[r] = a[r]!.map((x, j) => x - f * a[c]![j]!);
    }
  }
  return a.map((row) => row.slice(n));
}

const wp = 1 / 20;
const wv = 1 / 160;
const F: Mat = (() => {
  const f = diag(new Array<number>(8).fill(1));
  for (let i = 0; i < 4; i++) f[i]![4 + i] = 1;
  return f;
})();
const H: Mat = (() => {
  const h = zeros(4, 8);
  for (let i = 0; i < 4; i++) h[i]![i] = 1;
  return h;
})();

interface Ref {
  mean: Mat; // 8x1
  cov: Mat; // 8x8
}
function refInitiate(z: number[]): Ref {
  const [, , w, h] = z as [number, number, number, number];
  const std = [2 * wp * w, 2 * wp * h, 2 * wp * w, 2 * wp * h, 10 * wv * w, 10 * wv * h, 10 * wv * w, 10 * wv * h];
  return { mean: [...z, 0, 0, 0, 0].map((x) => [x]), cov: diag(std.map((s) => s * s)) };
}
function refPredict(s: Ref): Ref {
  const w = s.mean[2]![0]!;
  const h = s.mean[3]![0]!;
  const std = [wp * w, wp * h, wp * w, wp * h, wv * w, wv * h, wv * w, wv * h];
  return { mean: mul(F, s.mean), cov: add(mul(mul(F, s.cov), tr(F)), diag(std.map((x) => x * x))) };
}
function refUpdate(s: Ref, z: number[]): Ref {
  const w = s.mean[2]![0]!;
  const h = s.mean[3]![0]!;
  const r = diag([wp * w, wp * h, wp * w, wp * h].map((x) => x * x));
  const projMean = mul(H, s.mean);
  const S = add(mul(mul(H, s.cov), tr(H)), r);
  const K = mul(mul(s.cov, tr(H)), inv(S));
  const innovation = z.map((x, i) => [x - projMean[i]![0]!]);
  return { mean: add(s.mean, mul(K, innovation)), cov: sub(s.cov, mul(mul(K, S), tr(K))) };
}

function expectSame(ours: KalmanState, ref: Ref): void {
  for (let i = 0; i < 8; i++) {
    expect(ours.mean[i]).toBeCloseTo(ref.mean[i]![0]!, 8);
  }
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      const k = i % 4;
      const sameQuantity = j % 4 === k;
      let v = 0;
      if (sameQuantity) {
        if (i < 4 && j < 4) v = ours.cov[3 * k]!;
        else if (i >= 4 && j >= 4) v = ours.cov[3 * k + 2]!;
        else v = ours.cov[3 * k + 1]!;
      }
      // The reference's off-block entries must stay zero: that is what makes the block form exact.
      expect(v).toBeCloseTo(ref.cov[i]![j]!, 8);
    }
  }
}

describe('Kalman filter (block form against the 8x8 reference)', () => {
  it('starts at the measurement with zero velocity and BoT-SORT’s variances', () => {
    const s = kalmanInitiate([100, 50, 40, 80]);
    expect(Array.from(s.mean)).toEqual([100, 50, 40, 80, 0, 0, 0, 0]);
    // cx: sd 2 * 40 / 20 = 4 -> 16, velocity sd 10 * 40 / 160 = 2.5 -> 6.25. cy: 8 -> 64 and 5 -> 25.
    expect(s.cov[0]).toBeCloseTo(16, 12);
    expect(s.cov[2]).toBeCloseTo(6.25, 12);
    expect(s.cov[3]).toBeCloseTo(64, 12);
    expect(s.cov[5]).toBeCloseTo(25, 12);
    expectSame(s, refInitiate([100, 50, 40, 80]));
  });

  it('matches the reference over 60 noisy steps with gaps (predict without update)', () => {
    const rng = seededRandom(3);
    let z = [200, 120, 36, 90];
    const ours = kalmanInitiate(z as [number, number, number, number]);
    let ref = refInitiate(z);
    for (let t = 0; t < 60; t++) {
      kalmanPredict(ours);
      ref = refPredict(ref);
      // The width grows as for a box entering the frame: the case that made us track w, not w/h.
      z = [200 + 3 * t + rng.gaussian(2), 120 - t + rng.gaussian(2), 36 + t + rng.gaussian(1), 90 + rng.gaussian(1)];
      if (t % 7 !== 3) {
        kalmanUpdate(ours, z as [number, number, number, number]);
        ref = refUpdate(ref, z);
      }
      expectSame(ours, ref);
    }
  });

  it('learns a constant velocity and coasts with it', () => {
    const s = kalmanInitiate([0, 0, 50, 100]);
    for (let t = 1; t <= 30; t++) {
      kalmanPredict(s);
      kalmanUpdate(s, [4 * t, -2 * t, 50, 100]);
    }
    expect(s.mean[4]).toBeCloseTo(4, 1);
    expect(s.mean[6]).toBeCloseTo(0, 1);
    expect(s.mean[5]).toBeCloseTo(-2, 1);
    for (let t = 0; t < 10; t++) kalmanPredict(s);
    expect(s.mean[0]).toBeCloseTo(160, 0);
    expect(s.mean[1]).toBeCloseTo(-80, 0);
  });

  it('follows a box growing wider (entering the frame from the side)', () => {
    const s = kalmanInitiate([5, 100, 10, 100]);
    for (let t = 1; t <= 20; t++) {
      kalmanPredict(s);
      kalmanUpdate(s, [5 + 2.5 * t, 100, 10 + 5 * t, 100]);
    }
    // It learns most of the 5 px a frame (a constant-velocity filter lags a little behind a ramp)...
    expect(s.mean[6]).toBeGreaterThan(4);
    kalmanPredict(s);
    // ...and its prediction stays within 2% of the next true width (115): the IoU with it stays high.
    expect(Math.abs(s.mean[2]! - 115)).toBeLessThan(2.3);
  });
});
