import type { FractionLine } from '../store/video-analysis-store.ts';

export type LineEnd = 'a' | 'b';

/** A line across the middle, left to right: "in" is moving down. Offered when none is drawn yet. */
export const DEFAULT_LINE: FractionLine = { x1: 0.1, y1: 0.5, x2: 0.9, y2: 0.5 };

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** The line with one end moved to (x, y), clamped to the frame. */
export function placeEnd(line: FractionLine, end: LineEnd, x: number, y: number): FractionLine {
  return end === 'a' ? { ...line, x1: clamp01(x), y1: clamp01(y) } : { ...line, x2: clamp01(x), y2: clamp01(y) };
}

/** Arrow keys move an end handle by 1% of the frame, 10% with Shift; other keys: null. */
export function keyMove(key: string, shift: boolean): { dx: number; dy: number } | null {
  const s = shift ? 0.1 : 0.01;
  switch (key) {
    case 'ArrowLeft':
      return { dx: -s, dy: 0 };
    case 'ArrowRight':
      return { dx: s, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -s };
    case 'ArrowDown':
      return { dx: 0, dy: s };
    default:
      return null;
  }
}

/** Moves an end by a step, clamped; a move that would put both ends on one point is refused (the line keeps its length). */
export function nudgeEnd(line: FractionLine, end: LineEnd, dx: number, dy: number): FractionLine {
  const x = (end === 'a' ? line.x1 : line.x2) + dx;
  const y = (end === 'a' ? line.y1 : line.y2) + dy;
  const next = placeEnd(line, end, round4(x), round4(y));
  return next.x1 === next.x2 && next.y1 === next.y2 ? line : next;
}

/** Swaps A and B: the same line counting the other way round. */
export function reverseLine(line: FractionLine): FractionLine {
  return { x1: line.x2, y1: line.y2, x2: line.x1, y2: line.y1 };
}

/** A pointer at (clientX, clientY) over a box on screen, as fractions of it. */
export function pointerFraction(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
): { x: number; y: number } {
  return {
    x: clamp01(rect.width > 0 ? (clientX - rect.left) / rect.width : 0),
    y: clamp01(rect.height > 0 ? (clientY - rect.top) / rect.height : 0),
  };
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
