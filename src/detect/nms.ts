import { CANDIDATE_STRIDE, type Candidates } from './candidates.ts';

export interface NmsOptions {
  confidence: number;
  iou: number;
  maxDetections: number;
  classAgnostic: boolean;
}

function iouAt(d: Float32Array, a: number, b: number): number {
  const ax1 = d[a]!,
    ay1 = d[a + 1]!,
    ax2 = d[a + 2]!,
    ay2 = d[a + 3]!;
  const bx1 = d[b]!,
    by1 = d[b + 1]!,
    bx2 = d[b + 2]!,
    by2 = d[b + 3]!;
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Greedy NMS as torchvision's: candidates with score > confidence, highest
 * first (ties keep output order), a box is dropped when its IoU with a kept
 * box of the same class (any class when agnostic) is > iou. Returns indices
 * of kept candidates, best first, at most maxDetections.
 */
export function nonMaxSuppression(c: Candidates, opts: NmsOptions): number[] {
  const d = c.data;
  const order: number[] = [];
  for (let i = 0; i < c.count; i++) if (d[i * CANDIDATE_STRIDE + 4]! > opts.confidence) order.push(i);
  order.sort((a, b) => d[b * CANDIDATE_STRIDE + 4]! - d[a * CANDIDATE_STRIDE + 4]! || a - b);
  const kept: number[] = [];
  const suppressed = new Uint8Array(c.count);
  for (let oi = 0; oi < order.length && kept.length < opts.maxDetections; oi++) {
    const i = order[oi]!;
    if (suppressed[i]) continue;
    kept.push(i);
    const ki = i * CANDIDATE_STRIDE;
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj]!;
      if (suppressed[j]) continue;
      const kj = j * CANDIDATE_STRIDE;
      if (!opts.classAgnostic && d[ki + 5] !== d[kj + 5]) continue;
      if (iouAt(d, ki, kj) > opts.iou) suppressed[j] = 1;
    }
  }
  return kept;
}
