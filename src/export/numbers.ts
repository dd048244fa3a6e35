/**
 * How the track files write numbers: box coordinates to 0.01 px (far below
 * a detector's precision, and it keeps a row short), scores to 0.0001 (so a
 * score next to a threshold keeps its side of it). Rounding is Math.round's
 * (halves go up, towards +∞), the same in CSV and JSON; -0 is written as 0.
 */

export const PIXEL_DECIMALS = 2;
export const SCORE_DECIMALS = 4;

export function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

/** Fixed decimals, for CSV columns. */
export function fixed(v: number, decimals: number): string {
  return round(v, decimals).toFixed(decimals);
}
