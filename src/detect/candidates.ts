/**
 * Candidates: every output row whose best class score clears a floor, in
 * input-tensor pixels. Kept packed so they cross the worker boundary as one
 * transferable buffer and so slider moves can re-run only filter + NMS.
 */
import type { OutputFormat } from '../config/runtime-config.ts';

export const CANDIDATE_STRIDE = 6; // x1, y1, x2, y2, score, classId

export interface Candidates {
  /** Packed rows of CANDIDATE_STRIDE floats. */
  data: Float32Array;
  count: number;
}

/** Candidates plus the rows dropped because they held NaN or Infinity. */
export interface DecodedCandidates extends Candidates {
  /**
   * Rows dropped because a value that could make or shape a box was NaN or
   * ±Infinity (see each decoder for which rows are examined). They are never
   * drawn; the count is reported so a broken model does not look like an empty image.
   */
  nonFinite: number;
}

/** NaN and ±Infinity fail this; every finite number passes (x − x is 0 only for finite x). */
const finite = (x: number) => x - x === 0;

/** Packs candidates into a growing buffer, converting cx, cy, w, h to corners. */
class CandidateBuffer {
  private data: Float32Array;
  count = 0;

  constructor(rows: number) {
    this.data = new Float32Array(Math.max(1, Math.min(rows, 1024)) * CANDIDATE_STRIDE);
  }

  push(cx: number, cy: number, w: number, h: number, score: number, classId: number): void {
    if ((this.count + 1) * CANDIDATE_STRIDE > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const k = this.count * CANDIDATE_STRIDE;
    const hw = w / 2;
    const hh = h / 2;
    this.data[k] = cx - hw;
    this.data[k + 1] = cy - hh;
    this.data[k + 2] = cx + hw;
    this.data[k + 3] = cy + hh;
    this.data[k + 4] = score;
    this.data[k + 5] = classId;
    this.count++;
  }

  done(nonFinite: number): DecodedCandidates {
    return { data: this.data.slice(0, this.count * CANDIDATE_STRIDE), count: this.count, nonFinite };
  }
}

/**
 * Decodes a YOLOv5 output [1, rows, 5 + classes]: cx, cy, w, h, objectness,
 * class scores (already sigmoided). Score = objectness x best class score, as
 * upstream `non_max_suppression` with multi_label=False. A row whose
 * objectness is NaN or ±Infinity, or that passes the objectness floor with any
 * other value non-finite, is dropped and counted; a row below the floor is not
 * read further (it cannot become a box).
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
  const out = new CandidateBuffer(rows);
  let nonFinite = 0;
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    const obj = output[o + 4]!;
    // Class scores are <= 1, so a row whose objectness misses the floor cannot pass.
    // Written as !(obj > floor) so a NaN objectness does not slip through.
    if (!(obj > minScore)) {
      if (!finite(obj)) nonFinite++;
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
    if (!finite(sum)) {
      nonFinite++;
      continue;
    }
    const score = obj * bestScore;
    if (score <= minScore) continue;
    out.push(output[o]!, output[o + 1]!, output[o + 2]!, output[o + 3]!, score, best);
  }
  return out.done(nonFinite);
}

/**
 * Decodes a YOLOv8-family output [1, 4 + classes, anchors] (YOLOv8, v9, 11,
 * 12): rows cx, cy, w, h, then one score per class, already probabilities and
 * with no objectness, so a candidate's score is its best class score (ties
 * keep the lower class id, as in the YOLOv5 decoder). The tensor is
 * channel-major, so the best class is found one class row at a time: every
 * read is sequential. Every value is read, so every anchor with a NaN or
 * ±Infinity in its box or class scores is dropped and counted.
 */
export function extractCandidatesV8(
  output: Float32Array,
  channels: number,
  anchors: number,
  minScore: number,
): DecodedCandidates {
  if (channels < 5)
    throw new Error(`output has ${channels} channels; a YOLOv8-layout output needs 4 + at least one class`);
  if (output.length < channels * anchors)
    throw new Error(`output has ${output.length} values, expected ${channels} x ${anchors}`);
  const classes = channels - 4;
  const best = output.slice(4 * anchors, 5 * anchors);
  const bestClass = new Int32Array(anchors);
  // Sum of each anchor's values: non-finite exactly when one of them is (NaN propagates; +Inf + -Inf is NaN).
  const sums = new Float64Array(anchors);
  for (let c = 0; c < 4; c++) for (let a = 0; a < anchors; a++) sums[a]! += output[c * anchors + a]!;
  for (let a = 0; a < anchors; a++) sums[a]! += best[a]!;
  for (let c = 1; c < classes; c++) {
    const row = (4 + c) * anchors;
    for (let a = 0; a < anchors; a++) {
      const s = output[row + a]!;
      sums[a]! += s;
      if (s > best[a]!) {
        best[a] = s;
        bestClass[a] = c;
      }
    }
  }
  const out = new CandidateBuffer(anchors);
  let nonFinite = 0;
  for (let a = 0; a < anchors; a++) {
    if (!finite(sums[a]!)) {
      nonFinite++;
      continue;
    }
    const score = best[a]!;
    if (score <= minScore) continue;
    out.push(
      output[a]!,
      output[anchors + a]!,
      output[2 * anchors + a]!,
      output[3 * anchors + a]!,
      score,
      bestClass[a]!,
    );
  }
  return out.done(nonFinite);
}

/**
 * Decodes the YOLOv8-family layout transposed, [1, anchors, 4 + classes]
 * (exports that append a Transpose to the head): one row per anchor, cx, cy,
 * w, h, then one score per class, no objectness, so a candidate's score is
 * its best class score (ties keep the lower class id). The same candidates as
 * extractCandidatesV8 on the untransposed tensor: every value is read, and a
 * row with a NaN or ±Infinity anywhere is dropped and counted.
 */
export function extractCandidatesV8T(
  output: Float32Array,
  rows: number,
  cols: number,
  minScore: number,
): DecodedCandidates {
  if (cols < 5)
    throw new Error(`output rows have ${cols} values; a transposed YOLOv8-layout output needs 4 + at least one class`);
  if (output.length < rows * cols) throw new Error(`output has ${output.length} values, expected ${rows} x ${cols}`);
  const out = new CandidateBuffer(rows);
  let nonFinite = 0;
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    let best = 0;
    let bestScore = output[o + 4]!;
    let sum = bestScore + output[o]! + output[o + 1]! + output[o + 2]! + output[o + 3]!;
    for (let c = 5; c < cols; c++) {
      const s = output[o + c]!;
      sum += s;
      if (s > bestScore) {
        bestScore = s;
        best = c - 4;
      }
    }
    if (!finite(sum)) {
      nonFinite++;
      continue;
    }
    if (bestScore <= minScore) continue;
    out.push(output[o]!, output[o + 1]!, output[o + 2]!, output[o + 3]!, bestScore, best);
  }
  return out.done(nonFinite);
}

/** Per-prediction values of each layout, and where the class dimension sits in [1, d1, d2]. */
const LAYOUT_DIMS: Record<OutputFormat, { boxFields: number; classAxis: 1 | 2; want: (k: number) => string }> = {
  yolov5: { boxFields: 5, classAxis: 2, want: (k) => `[1, anchors, ${k}]` },
  yolov8: { boxFields: 4, classAxis: 1, want: (k) => `[1, ${k}, anchors]` },
  'yolov8-transposed': { boxFields: 4, classAxis: 2, want: (k) => `[1, anchors, ${k}]` },
};

/**
 * Decodes a rank-3 output tensor in the layout the config names (the
 * worker's one call). The class dimension must fit the labels: a model whose
 * shape the header left symbolic is checked here, at its first inference,
 * rather than decoded in the wrong layout.
 */
export function decodeOutput(
  format: OutputFormat,
  output: Float32Array,
  dims: readonly number[],
  minScore: number,
  classes: number,
): DecodedCandidates {
  const shape = `[${dims.join(', ')}]`;
  if (dims.length !== 3) throw new Error(`output is ${shape}, expected rank 3`);
  const d1 = Number(dims[1]);
  const d2 = Number(dims[2]);
  const { boxFields, classAxis, want } = LAYOUT_DIMS[format];
  const perPrediction = boxFields + classes;
  if ((classAxis === 1 ? d1 : d2) !== perPrediction) {
    throw new Error(
      `the model's output is ${shape}, not the ${format} layout for ${classes} labels (${want(perPrediction)}); check model.output.format and labels in the config`,
    );
  }
  switch (format) {
    case 'yolov5':
      return extractCandidates(output, d1, d2, minScore);
    case 'yolov8':
      return extractCandidatesV8(output, d1, d2, minScore);
    case 'yolov8-transposed':
      return extractCandidatesV8T(output, d1, d2, minScore);
  }
}
