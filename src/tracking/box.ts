/**
 * Box maths of the tracker. Boxes are corners in image pixels, as the
 * detector gives them; the Kalman filter works on centre and size.
 */

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Intersection over union; 0 when either box is empty (never NaN). */
export function iou(a: Box, b: Box): number {
  const iw = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const ih = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

/** A box the tracker can use: finite corners and a positive width and height. */
export function isUsableBox(b: Box): boolean {
  return (
    Number.isFinite(b.x1) &&
    Number.isFinite(b.y1) &&
    Number.isFinite(b.x2) &&
    Number.isFinite(b.y2) &&
    b.x2 > b.x1 &&
    b.y2 > b.y1
  );
}

/** Centre x, centre y, width, height: the Kalman filter's measurement. */
export function boxToXywh(b: Box): [number, number, number, number] {
  const w = b.x2 - b.x1;
  const h = b.y2 - b.y1;
  return [b.x1 + w / 2, b.y1 + h / 2, w, h];
}

export function xywhToBox(cx: number, cy: number, w: number, h: number): Box {
  return { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 };
}

export function boxCentre(b: Box): { x: number; y: number } {
  return { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
}
