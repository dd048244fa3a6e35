import type { Box } from './letterbox.ts';

export interface ScoredBox extends Box {
  score: number;
  classId: number;
}

/** The documented tolerance of a faithful pipeline (../shared/README.md). */
export const GOLDEN_TOLERANCE = { minIou: 0.85, maxScoreDiff: 0.05, optionalBelow: 0.35 };

export function boxIou(a: Box, b: Box): number {
  const iw = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const ih = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

/**
 * Every golden box must be matched one-to-one by a box of the same class with
 * IoU >= 0.85 and |score difference| <= 0.05; boxes scoring below 0.35 in
 * either list may be missing or extra. Returns the problems, empty when it passes.
 */
export function compareWithGolden(
  ours: readonly ScoredBox[],
  golden: readonly ScoredBox[],
  tol = GOLDEN_TOLERANCE,
): string[] {
  const problems: string[] = [];
  const used = new Set<number>();
  const fmt = (b: ScoredBox) =>
    `class ${b.classId} score ${b.score.toFixed(3)} [${[b.x1, b.y1, b.x2, b.y2].map((v) => v.toFixed(1)).join(', ')}]`;
  for (const g of [...golden].sort((a, b) => b.score - a.score)) {
    let best = -1;
    let bestIou = 0;
    ours.forEach((o, i) => {
      if (used.has(i) || o.classId !== g.classId) return;
      const iou = boxIou(o, g);
      if (iou > bestIou) {
        bestIou = iou;
        best = i;
      }
    });
    const o = best >= 0 ? ours[best]! : null;
    if (o && bestIou >= tol.minIou && Math.abs(o.score - g.score) <= tol.maxScoreDiff) {
      used.add(best);
    } else if (g.score >= tol.optionalBelow && !(o && o.score < tol.optionalBelow && bestIou >= tol.minIou)) {
      problems.push(
        o
          ? `golden ${fmt(g)}: best match ${fmt(o)} has IoU ${bestIou.toFixed(3)}, score diff ${Math.abs(o.score - g.score).toFixed(3)}`
          : `golden ${fmt(g)}: no box of that class`,
      );
    }
  }
  ours.forEach((o, i) => {
    if (!used.has(i) && o.score >= tol.optionalBelow) problems.push(`extra ${fmt(o)} not in golden`);
  });
  return problems;
}
