/**
 * CLEAR MOT (MOTA) and identity (IDF1) metrics, computed as py-motmetrics and
 * TrackEval do with an IoU threshold:
 *
 * - Per frame, a ground-truth object and a hypothesis may match when their IoU
 *   is at least the threshold (0.5). Pairs matched in the previous frame are
 *   kept while still valid; the rest are matched by a minimum-cost assignment
 *   on 1 - IoU that first maximises the number of matches.
 * - An ID switch: an object matched to a different hypothesis than the one it
 *   was last matched to (at any earlier frame).
 * - MOTA = 1 - (FN + FP + IDSW) / GT, where GT counts object-frames.
 * - IDF1: one global one-to-one matching of object IDs to hypothesis IDs that
 *   maximises the frames they share (IoU ≥ threshold); IDTP is those frames,
 *   IDF1 = 2·IDTP / (2·IDTP + IDFP + IDFN) = 2·IDTP / (GT + hypotheses).
 */
import { minCostAssignment } from './assignment.ts';
import { type Box, iou } from './box.ts';

export interface MotObject extends Box {
  id: number;
}

export interface MotMetrics {
  frames: number;
  /** Ground-truth object-frames. */
  gt: number;
  /** Hypothesis object-frames. */
  hyp: number;
  matches: number;
  fp: number;
  fn: number;
  idsw: number;
  /** NaN when there is no ground truth. */
  mota: number;
  /** Mean IoU of the matches (py-motmetrics reports 1 minus it as MOTP); NaN without matches. */
  meanIou: number;
  idtp: number;
  idfp: number;
  idfn: number;
  /** NaN when there is neither ground truth nor a hypothesis. */
  idf1: number;
  gtIds: number;
  hypIds: number;
}

function checkFrames(name: string, frames: readonly (readonly MotObject[])[]): void {
  frames.forEach((objs, f) => {
    const seen = new Set<number>();
    for (const o of objs) {
      if (seen.has(o.id))
        throw new RangeError(`${name} frame ${f + 1} has ID ${o.id} twice: each ID may appear once a frame`);
      seen.add(o.id);
    }
  });
}

/**
 * `gt[f]` and `hyp[f]` are the objects of frame f + 1; both lists need one
 * entry per frame (empty where a frame has none).
 */
export function evaluateMot(
  gt: readonly (readonly MotObject[])[],
  hyp: readonly (readonly MotObject[])[],
  iouThreshold = 0.5,
): MotMetrics {
  if (gt.length !== hyp.length) {
    throw new RangeError(
      `ground truth has ${gt.length} frames and the hypotheses ${hyp.length}: give both one list per frame`,
    );
  }
  if (!(iouThreshold > 0 && iouThreshold <= 1)) {
    throw new RangeError(`the IoU threshold is ${iouThreshold}: it must be above 0 and at most 1`);
  }
  checkFrames('ground truth', gt);
  checkFrames('hypotheses', hyp);

  let nGt = 0;
  let nHyp = 0;
  let matches = 0;
  let idsw = 0;
  let iouSum = 0;
  let previous = new Map<number, number>();
  const lastMatch = new Map<number, number>();
  // Frames each (object ID, hypothesis ID) pair overlaps, for IDF1.
  const shared = new Map<number, Map<number, number>>();
  const gtIds = new Set<number>();
  const hypIds = new Set<number>();

  for (let f = 0; f < gt.length; f++) {
    const os = gt[f]!;
    const hs = hyp[f]!;
    nGt += os.length;
    nHyp += hs.length;
    for (const o of os) gtIds.add(o.id);
    for (const h of hs) hypIds.add(h.id);
    const ious = os.map((o) => hs.map((h) => iou(o, h)));
    for (let i = 0; i < os.length; i++) {
      for (let j = 0; j < hs.length; j++) {
        if (ious[i]![j]! < iouThreshold) continue;
        let row = shared.get(os[i]!.id);
        if (!row) {
          row = new Map();
          shared.set(os[i]!.id, row);
        }
        row.set(hs[j]!.id, (row.get(hs[j]!.id) ?? 0) + 1);
      }
    }

    const current = new Map<number, number>();
    const oTaken = new Uint8Array(os.length);
    const hTaken = new Uint8Array(hs.length);
    const hIndex = new Map(hs.map((h, j) => [h.id, j]));
    const match = (i: number, j: number) => {
      oTaken[i] = 1;
      hTaken[j] = 1;
      current.set(os[i]!.id, hs[j]!.id);
      lastMatch.set(os[i]!.id, hs[j]!.id);
      matches++;
      iouSum += ious[i]![j]!;
    };
    // Keep last frame's pairs that are still valid.
    for (let i = 0; i < os.length; i++) {
      const h = previous.get(os[i]!.id);
      const j = h === undefined ? undefined : hIndex.get(h);
      if (j !== undefined && ious[i]![j]! >= iouThreshold) match(i, j);
    }
    // The rest: most matches first, then the least total distance.
    const rs = os.flatMap((_, i) => (oTaken[i] ? [] : [i]));
    const cs = hs.flatMap((_, j) => (hTaken[j] ? [] : [j]));
    if (rs.length > 0 && cs.length > 0) {
      const forbidden = Math.min(rs.length, cs.length) + 1;
      const cost = new Float64Array(rs.length * cs.length);
      rs.forEach((i, a) => {
        cs.forEach((j, b) => {
          const v = ious[i]![j]!;
          cost[a * cs.length + b] = v >= iouThreshold ? 1 - v : forbidden;
        });
      });
      const solved = minCostAssignment({ rows: rs.length, cols: cs.length, cost });
      rs.forEach((i, a) => {
        const b = solved[a]!;
        if (b < 0) return;
        const j = cs[b]!;
        if (ious[i]![j]! < iouThreshold) return;
        const before = lastMatch.get(os[i]!.id);
        if (before !== undefined && before !== hs[j]!.id) idsw++;
        match(i, j);
      });
    }
    previous = current;
  }

  // IDF1: the global ID matching that shares the most frames.
  const gList = [...gtIds];
  const hList = [...hypIds];
  let idtp = 0;
  if (gList.length > 0 && hList.length > 0) {
    const cost = new Float64Array(gList.length * hList.length);
    gList.forEach((g, a) => {
      const row = shared.get(g);
      hList.forEach((h, b) => {
        cost[a * hList.length + b] = -(row?.get(h) ?? 0);
      });
    });
    const solved = minCostAssignment({ rows: gList.length, cols: hList.length, cost });
    solved.forEach((b, a) => {
      if (b >= 0) idtp -= cost[a * hList.length + b]!;
    });
  }
  const fn = nGt - matches;
  const fp = nHyp - matches;
  return {
    frames: gt.length,
    gt: nGt,
    hyp: nHyp,
    matches,
    fp,
    fn,
    idsw,
    mota: nGt === 0 ? Number.NaN : 1 - (fn + fp + idsw) / nGt,
    meanIou: matches === 0 ? Number.NaN : iouSum / matches,
    idtp,
    idfp: nHyp - idtp,
    idfn: nGt - idtp,
    idf1: nGt + nHyp === 0 ? Number.NaN : (2 * idtp) / (nGt + nHyp),
    gtIds: gtIds.size,
    hypIds: hypIds.size,
  };
}
