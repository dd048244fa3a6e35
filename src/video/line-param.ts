import type { FractionLine } from '../store/video-analysis-store.ts';
import type { CountLine } from '../tracking/line-geometry.ts';

const KEYS = ['x1', 'y1', 'x2', 'y2'] as const;

/**
 * `?line=x1,y1,x2,y2` in fractions of the width and height (0–1). Returns
 * the line, or a problem sentence saying what is wrong and what to write.
 */
export function parseLineParam(raw: string | null): { line: FractionLine | null; problem: string | null } {
  if (raw === null) return { line: null, problem: null };
  const refuse = (why: string) => ({
    line: null,
    problem: `?line=${raw} is not a counting line: ${why}; write ?line=x1,y1,x2,y2 with fractions of the width and height, e.g. ?line=0,0.5,1,0.5 for a horizontal line across the middle.`,
  });
  const parts = raw.split(',');
  if (parts.length !== 4) return refuse(`it has ${parts.length} number${parts.length === 1 ? '' : 's'}, not 4`);
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const bad = nums.findIndex((n) => !Number.isFinite(n));
  if (bad >= 0) return refuse(`${KEYS[bad]} (${parts[bad]}) is not a number`);
  const out = nums.findIndex((n) => n < 0 || n > 1);
  if (out >= 0) return refuse(`${KEYS[out]} = ${nums[out]} is outside 0–1`);
  const [x1, y1, x2, y2] = nums as [number, number, number, number];
  if (x1 === x2 && y1 === y2) return refuse('both ends are the same point, so it has no length');
  return { line: { x1, y1, x2, y2 }, problem: null };
}

/** The line as `?line=` writes it (4 decimals), so a run can be repeated. */
export function formatLineParam(line: FractionLine): string {
  return KEYS.map((k) => String(Math.round(line[k] * 10_000) / 10_000)).join(',');
}

/** The line in a frame's pixels, as the counter and the files use it. */
export function lineInPixels(line: FractionLine, width: number, height: number): CountLine {
  return { x1: line.x1 * width, y1: line.y1 * height, x2: line.x2 * width, y2: line.y2 * height };
}

/** Whether the line still has a length once in pixels (two ends apart by at least one pixel). */
export function lineUsable(line: FractionLine, width: number, height: number): boolean {
  const p = lineInPixels(line, width, height);
  return Math.hypot(p.x2 - p.x1, p.y2 - p.y1) >= 1;
}
