import type { Box } from '../detect/letterbox.ts';

/** A label's rectangle: top-left corner and size, in the drawing's pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One label to place: its box and text size in the drawing's pixels, and its detection's score. */
export interface LabelRequest {
  box: Box;
  width: number;
  height: number;
  score: number;
}

export interface Area {
  width: number;
  height: number;
}

/**
 * Rectangles closer than this count as touching, not overlapping: positions
 * are sums and differences of the inputs, and float rounding must not turn a
 * label placed flush against another into an "overlap".
 */
const EPS = 1e-6;

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS
  );
}

/** The box clipped to the area, so a box running off the drawing still gets a label on it. */
function clipToArea(b: Box, area: Area): Box {
  const x1 = Math.min(Math.max(b.x1, 0), area.width);
  const y1 = Math.min(Math.max(b.y1, 0), area.height);
  return {
    x1,
    y1,
    x2: Math.min(Math.max(b.x2, x1), area.width),
    y2: Math.min(Math.max(b.y2, y1), area.height),
  };
}

/** A label this size fits inside its box; otherwise it must stay outside, or it would hide the object. */
export function fitsInside(req: LabelRequest): boolean {
  return req.width <= req.box.x2 - req.box.x1 && req.height <= req.box.y2 - req.box.y1;
}

/**
 * Where a label may go: its rectangle on the area and touching its box (so
 * it reads as that box's label). As the range of its top-left corner, or
 * null when the label is larger than the area.
 */
function allowedCorners(req: LabelRequest, box: Box, area: Area) {
  const { width: w, height: h } = req;
  if (w > area.width || h > area.height) return null;
  return {
    x0: Math.max(0, box.x1 - w),
    x1: Math.min(area.width - w, box.x2),
    y0: Math.max(0, box.y1 - h),
    y1: Math.min(area.height - h, box.y2),
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/**
 * The spot a label wants: flush above its box's top-left corner, moved onto
 * the area where that is off it (a box at the top edge gets its label inside
 * its top, a box at the right edge gets it shifted left).
 */
export function anchorRect(req: LabelRequest, area: Area): Rect | null {
  const box = clipToArea(req.box, area);
  const r = allowedCorners(req, box, area);
  if (!r) return null;
  return {
    x: clamp(box.x1, r.x0, r.x1),
    y: clamp(box.y1 - req.height, r.y0, r.y1),
    width: req.width,
    height: req.height,
  };
}

/**
 * The free spot nearest (straight-line distance) to the anchor, among all
 * top-left corners in the allowed range where the label overlaps no
 * obstacle, or null when there is none.
 *
 * Exhaustive, and exact: the free corners form a union of rectangles whose
 * y edges are the range's ends or an obstacle's top minus the label height
 * or its bottom, so the nearest free corner lies on one of those rows or on
 * the anchor's row. On each such row the obstacles crossing it block open
 * x intervals; the free x segments between them are exact, and the nearest
 * x in a segment is the anchor's x clamped into it. Rows are visited by
 * distance from the anchor's row, stopping when no nearer spot can remain.
 */
function nearestFreeCorner(
  anchor: { x: number; y: number },
  w: number,
  h: number,
  range: { x0: number; x1: number; y0: number; y1: number },
  obstacles: readonly Rect[],
): { x: number; y: number } | null {
  const rows = [anchor.y, range.y0, range.y1];
  for (const o of obstacles) rows.push(o.y - h, o.y + o.height);
  const ys = [...new Set(rows.filter((y) => y >= range.y0 - EPS && y <= range.y1 + EPS))]
    .map((y) => clamp(y, range.y0, range.y1))
    .sort((a, b) => Math.abs(a - anchor.y) - Math.abs(b - anchor.y) || a - b);
  const byX = [...obstacles].sort((a, b) => a.x - b.x);
  let best: { x: number; y: number } | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const y of ys) {
    const dy2 = (y - anchor.y) ** 2;
    if (dy2 >= bestCost) break;
    for (const [lo, hi] of freeSegments(y, h, w, range, byX)) {
      const x = clamp(anchor.x, lo, hi);
      const cost = (x - anchor.x) ** 2 + dy2;
      if (cost < bestCost) {
        bestCost = cost;
        best = { x, y };
      }
    }
  }
  return best;
}

/**
 * The x ranges [lo, hi] where a label's corner may sit on row y: the allowed
 * range less the open interval (o.x - w, o.x + o.width) of each obstacle
 * that crosses the row. `byX` is sorted by x, so one pass merges them.
 */
function freeSegments(
  y: number,
  h: number,
  w: number,
  range: { x0: number; x1: number },
  byX: readonly Rect[],
): [number, number][] {
  const out: [number, number][] = [];
  let cursor = range.x0;
  for (const o of byX) {
    if (!(y < o.y + o.height - EPS && o.y < y + h - EPS)) continue;
    const hi = Math.min(o.x - w, range.x1);
    if (cursor <= hi + EPS) out.push([cursor, Math.max(cursor, hi)]);
    cursor = Math.max(cursor, o.x + o.width);
    if (cursor > range.x1 + EPS) return out;
  }
  out.push([cursor, range.x1]);
  return out;
}

/**
 * Places every label so that none overlaps another, all stay on the area,
 * and each touches its box. Labels are placed one at a time, most confident
 * first (ties: the earlier one), each at the free spot nearest its anchor
 * (`anchorRect`: above the box's top-left corner). A label that fits inside
 * its box may go over the box (inside its top, typically); a label larger
 * than its box (a tiny box) is kept outside it, so the object stays visible.
 *
 * Guarantees: placed labels never overlap one another; a label is left out
 * (null) only when no spot on the area touching its box is free of the
 * labels placed before it: that search is exhaustive. It is greedy by score,
 * so a low-score label may be left out where another arrangement of the
 * higher ones would have made room (finding that arrangement is NP-hard);
 * the labels left out are always the least confident ones in their crowd.
 * Deterministic: the same input gives the same layout.
 *
 * @returns one rectangle per request, in the same order; null = left out.
 */
export function layoutLabels(requests: readonly LabelRequest[], area: Area): (Rect | null)[] {
  const order = requests.map((_, i) => i).sort((a, b) => scoreOf(requests[b]!) - scoreOf(requests[a]!) || a - b);
  const placed: Rect[] = [];
  const out: (Rect | null)[] = requests.map(() => null);
  for (const i of order) {
    const rect = placeOne(requests[i]!, placed, area);
    if (rect) {
      placed.push(rect);
      out[i] = rect;
    }
  }
  return out;
}

const scoreOf = (r: LabelRequest) => (Number.isFinite(r.score) ? r.score : Number.NEGATIVE_INFINITY);

function placeOne(req: LabelRequest, placed: readonly Rect[], area: Area): Rect | null {
  const box = clipToArea(req.box, area);
  const range = allowedCorners(req, box, area);
  const anchor = anchorRect(req, area);
  if (!range || !anchor) return null;
  const { width: w, height: h } = req;
  // Only obstacles that can touch a label in the allowed range matter.
  const near = placed.filter(
    (o) => o.x < range.x1 + w && o.x + o.width > range.x0 && o.y < range.y1 + h && o.y + o.height > range.y0,
  );
  const obstacles = fitsInside({ ...req, box })
    ? near
    : [...near, { x: box.x1, y: box.y1, width: box.x2 - box.x1, height: box.y2 - box.y1 }];
  const corner = nearestFreeCorner(anchor, w, h, range, obstacles);
  return corner ? { x: corner.x, y: corner.y, width: w, height: h } : null;
}
