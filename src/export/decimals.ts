/**
 * A number written with exactly `digits` decimals, as every export writes
 * coordinates and scores (2 decimals for pixels, 4 for scores, 6 for YOLO's
 * normalised values). Half-way cases follow the binary value (`toFixed`), and
 * a value that rounds to zero from below is written "0.00", never "-0.00".
 */
export function fixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a number with ${digits} decimals`);
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** The same rounding as a JSON number: `fixed` read back, so JSON and text exports agree digit for digit. */
export function rounded(value: number, digits: number): number {
  return Number(fixed(value, digits));
}
