import type { Box } from '../detect/letterbox.ts';
import type { Rect } from './label-layout.ts';

const inside = (x: number, y: number, b: Box) => x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2;

/**
 * Which detection a pointer at (x, y) means, all in one coordinate space:
 * a drawn label names its box (labels never overlap, so at most one is hit);
 * otherwise the smallest box containing the point, because boxes nest (a tie
 * inside a person) and the inner one could not be picked any other way.
 * Equal areas: the earlier (more confident) one. Null: none.
 */
export function detectionAt(
  boxes: readonly Box[],
  labels: readonly (Rect | null)[],
  x: number,
  y: number,
): number | null {
  const label = labels.findIndex((r) => r && x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height);
  if (label >= 0) return label;
  let best: number | null = null;
  let bestArea = Number.POSITIVE_INFINITY;
  boxes.forEach((b, i) => {
    const area = (b.x2 - b.x1) * (b.y2 - b.y1);
    if (inside(x, y, b) && area < bestArea) {
      best = i;
      bestArea = area;
    }
  });
  return best;
}
