/**
 * Candidates: every output row whose best class score clears a floor, in
 * input-tensor pixels. Kept packed so they cross the worker boundary as one
 * transferable buffer and so slider moves can re-run only filter + NMS.
 */
export const CANDIDATE_STRIDE = 6; // x1, y1, x2, y2, score, classId

export interface Candidates {
  /** Packed rows of CANDIDATE_STRIDE floats. */
  data: Float32Array;
  count: number;
}

/** Candidates plus the rows dropped because they held NaN or Infinity. */
export interface DecodedCandidates extends Candidates {
  /**
   * Rows that could have become a box (objectness not below the floor) but held
   * NaN or ±Infinity in their box, objectness or class scores. They are never
   * drawn; the count is reported so a broken model does not look like an empty image.
   */
  nonFinite: number;
}

/**
 * Decodes a YOLOv5 output [1, rows, 5 + classes]: cx, cy, w, h, objectness,
 * class scores (already sigmoided). Score = objectness x best class score, as
 * upstream `non_max_suppression` with multi_label=False.
 */
export function extractCandidates(
  output: Float32Array,
  rows: number,
  cols: number,
  minScore: number,
): DecodedCandidates {
  if (cols < 6) throw new Error(`output rows have ${cols} values; a YOLOv5 output needs 5 + at least one class`);
  if (output.length < rows * cols) throw new Error(`output has ${output.length} values, expected ${rows} x ${cols}`);
  const classes = cols - 5;
  let data = new Float32Array(Math.min(rows, 1024) * CANDIDATE_STRIDE);
  let count = 0;
  let nonFinite = 0;
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    const obj = output[o + 4]!;
    // Class scores are <= 1, so a row whose objectness misses the floor cannot pass.
    // Written as !(obj > floor) so a NaN objectness does not slip through.
    if (!(obj > minScore)) {
      if (!Number.isFinite(obj)) nonFinite++;
      continue;
    }
    let best = 0;
    let bestScore = output[o + 5]!;
    // Any NaN or Infinity makes the sum non-finite (NaN propagates; +Inf + -Inf is NaN).
    let sum = obj + bestScore + output[o]! + output[o + 1]! + output[o + 2]! + output[o + 3]!;
    for (let c = 1; c < classes; c++) {
      const s = output[o + 5 + c]!;
      sum += s;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    if (!Number.isFinite(sum)) {
      nonFinite++;
      continue;
    }
    const score = obj * bestScore;
    if (score <= minScore) continue;
    if ((count + 1) * CANDIDATE_STRIDE > data.length) {
      const grown = new Float32Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    const cx = output[o]!;
    const cy = output[o + 1]!;
    const hw = output[o + 2]! / 2;
    const hh = output[o + 3]! / 2;
    const k = count * CANDIDATE_STRIDE;
    data[k] = cx - hw;
    data[k + 1] = cy - hh;
    data[k + 2] = cx + hw;
    data[k + 3] = cy + hh;
    data[k + 4] = score;
    data[k + 5] = best;
    count++;
  }
  return { data: data.slice(0, count * CANDIDATE_STRIDE), count, nonFinite };
}
