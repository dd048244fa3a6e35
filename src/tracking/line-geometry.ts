/**
 * Geometry of the counting line, and its direction convention.
 *
 * The line goes from A = (x1, y1) to B = (x2, y2), in image pixels (y grows
 * downwards). "In" is crossing from the left of A→B to its right as seen on
 * screen: for a line drawn left to right, moving down; for a line drawn top to
 * bottom, moving right to left. The UI's arrow for "in" is `inNormal(line)`.
 */
export interface CountLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export type Direction = 'in' | 'out';

/** The convention in words, as written into counts.json. */
export const DIRECTION_CONVENTION =
  'The line runs from A = (x1, y1) to B = (x2, y2) in image pixels, y downwards. A track counts "in" when its box ' +
  'centre crosses the segment AB from the left of A→B to its right as seen on screen (for a line drawn left to ' +
  'right: moving down), and "out" the other way. Each track counts at most once per direction.';

/** Throws a RangeError saying what is wrong with a line and what to do. */
export function checkLine(line: CountLine): void {
  for (const k of ['x1', 'y1', 'x2', 'y2'] as const) {
    if (!Number.isFinite(line[k])) {
      throw new RangeError(`the counting line's ${k} is ${String(line[k])}: give both ends as numbers of pixels`);
    }
  }
  if (line.x1 === line.x2 && line.y1 === line.y2) {
    throw new RangeError(
      `the counting line has no length: both ends are at (${line.x1}, ${line.y1}); draw it between two different points`,
    );
  }
}

export function lineLength(line: CountLine): number {
  return Math.hypot(line.x2 - line.x1, line.y2 - line.y1);
}

/** Unit vector perpendicular to the line, pointing to its "in" side (the right of A→B on screen). */
export function inNormal(line: CountLine): { x: number; y: number } {
  const len = lineLength(line);
  return { x: (line.y1 - line.y2) / len, y: (line.x2 - line.x1) / len };
}

/** Signed distance in pixels from the line's infinite extension: > 0 on the "in" side, < 0 on the "out" side. */
export function signedDistance(line: CountLine, x: number, y: number): number {
  const dx = line.x2 - line.x1;
  const dy = line.y2 - line.y1;
  return (dx * (y - line.y1) - dy * (x - line.x1)) / Math.hypot(dx, dy);
}

/** Where along the segment (0 at A, 1 at B) the point's projection falls. */
export function alongLine(line: CountLine, x: number, y: number): number {
  const dx = line.x2 - line.x1;
  const dy = line.y2 - line.y1;
  return ((x - line.x1) * dx + (y - line.y1) * dy) / (dx * dx + dy * dy);
}
