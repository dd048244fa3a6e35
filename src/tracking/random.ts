/**
 * A seeded random source so synthetic scenes (tests, benchmark) are the same
 * on every run and every machine: Math.random cannot be seeded.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Normal with mean 0 and the given standard deviation. */
  gaussian(sd?: number): number;
}

/** mulberry32: 32-bit state, fast, and good enough for test data (not for anything secret). */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    // Box–Muller; 1 - next() keeps the logarithm's argument in (0, 1].
    gaussian: (sd = 1) => sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}
