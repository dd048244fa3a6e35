/**
 * Percentiles for benchmark samples.
 *
 * Method: nearest rank. The p-th percentile of n samples is the sample at
 * 1-based rank ceil(p/100 * n) in ascending order (rank 1 for p = 0). We use
 * it rather than linear interpolation because N is small (3–30 runs): it
 * always reports a time that was actually observed, and with N = 10 the p95
 * is honestly the slowest run instead of a blend of the two slowest.
 */

export interface Summary {
  p50: number;
  p95: number;
}

export class EmptySampleError extends Error {
  constructor(what = 'samples') {
    super(`cannot take a percentile of no ${what}`);
    this.name = 'EmptySampleError';
  }
}

/** Nearest-rank percentile; `p` in [0, 100]. Does not mutate `samples`. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new EmptySampleError();
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  for (const s of samples) if (!Number.isFinite(s)) throw new RangeError(`sample ${s} is not a finite number`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Element-wise sums of per-run samples, e.g. worker postprocess + main-thread NMS of the same run. */
export function addSamples(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`sample lists differ in length (${a.length} vs ${b.length})`);
  return a.map((x, i) => x + b[i]!);
}

/** Rounds to 0.01 ms so JSON results stay readable; sub-10 µs is timer noise anyway. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export function roundSummary(s: Summary): Summary {
  return { p50: roundMs(s.p50), p95: roundMs(s.p95) };
}
