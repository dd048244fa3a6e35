/**
 * Which detection layout an output shape is, read from the ONNX header alone:
 * yolov5 [batch, anchors, 5 + classes], yolov8 [batch, 4 + classes, anchors],
 * yolov8-transposed [batch, anchors, 4 + classes], or a shape this app does not
 * decode (final boxes of an NMS-free export, DETR-style query boxes). Used to
 * write a config for a model dropped alone and to check a config's
 * `model.output.format`. A shape is decoded only when one layout explains it;
 * see docs/model-shapes.md for the rules and why.
 */
import type { OutputFormat } from '../config/runtime-config.ts';
import { type OnnxDim, quoteName } from './onnx-info.ts';

/** One way to read a rank-3 output as a layout this app decodes. */
export interface Reading {
  kind: OutputFormat;
  anchors: OnnxDim;
  classes: number;
  /**
   * How far the shape alone supports it:
   * - 'shape': the prediction count is one this layout writes (YOLOv5: three
   *   per grid cell; YOLOv8: one or three; transposed: one), or the dims allow no other layout;
   * - 'names': the shape allows it, but so does another layout; taken when the
   *   names metadata has exactly its class count;
   * - 'config': only with a prediction count this layout does not write; taken
   *   only when a config names the layout, with a warning.
   */
  support: 'shape' | 'names' | 'config';
  /** Why the shape reads so, for messages: `8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32`. */
  why: string;
}

/** Shapes refused whatever a config says. */
export type Undecodable =
  | { kind: 'nms-free'; boxes: number }
  | { kind: 'detr'; queries: number; classes: number }
  | { kind: 'unknown'; why: string };

export type OutputLayout =
  | Reading
  | Undecodable
  /** The shape allows several layouts and nothing (no names metadata, or names that fit each) tells which. */
  | { kind: 'ambiguous'; readings: Reading[] }
  /**
   * The names metadata's class count fits no layout the shape allows:
   * `readings`, best supported first, and a layout that fits the names only
   * with a prediction count it does not write (`alternative`).
   */
  | { kind: 'names-mismatch'; names: number; readings: Reading[]; alternative: Reading | null };

/** Ultralytics heads predict at strides 8, 16, 32; P6 models add 64, P2 models add 4. */
const STRIDE_SETS = [
  [8, 16, 32],
  [8, 16, 32, 64],
  [4, 8, 16, 32],
];

/** NMS-free exports keep at most max_det boxes (300 by default), DETR-style ones 100 to 900 queries; more is a prediction count. */
const MAX_FINAL_BOXES = 1000;

interface Grid {
  width: number;
  height: number;
}

function gridOf(input: readonly OnnxDim[] | null): Grid | null {
  const h = input?.[2];
  const w = input?.[3];
  return typeof h === 'number' && typeof w === 'number' && h > 0 && w > 0 ? { width: w, height: h } : null;
}

function cells(grid: Grid, strides: readonly number[]): number {
  return strides.reduce((sum, s) => sum + Math.ceil(grid.height / s) * Math.ceil(grid.width / s), 0);
}

/**
 * Prediction counts a YOLO head has for a fixed input: one per grid cell
 * (YOLOv8 family) and three (YOLOv5's anchor boxes), per stride set.
 * Empty when the input size is not fixed.
 */
export function expectedAnchors(input: readonly OnnxDim[] | null): number[] {
  const grid = gridOf(input);
  if (!grid) return [];
  return STRIDE_SETS.flatMap((strides) => [cells(grid, strides), 3 * cells(grid, strides)]);
}

interface Fit {
  perCell: 1 | 3;
  strides: readonly number[];
}

function fits(n: number, grid: Grid): Fit[] {
  const out: Fit[] = [];
  for (const strides of STRIDE_SETS) {
    const c = cells(grid, strides);
    if (n === c) out.push({ perCell: 1, strides });
    if (n === 3 * c) out.push({ perCell: 3, strides });
  }
  return out;
}

const at = (grid: Grid) => `the ${grid.width}x${grid.height} input`;

function fitWhy(n: number, fit: Fit, grid: Grid): string {
  const per = fit.perCell === 1 ? 'one prediction' : 'three predictions';
  return `${n} = ${per} per grid cell of ${at(grid)} at strides ${fit.strides.join(', ')}`;
}

/** What a count that fits nothing is compared with: the grid of the usual strides. */
function usualCounts(grid: Grid): string {
  const c = cells(grid, STRIDE_SETS[0]!);
  return `which has ${c} grid cells at strides 8, 16, 32 (${c} predictions at one per cell, ${3 * c} at three)`;
}

/**
 * Every layout this app decodes that the shape allows, or why it allows
 * none. With a fixed input the prediction count is checked against the grid;
 * with a dynamic one the symbolic dimension is the prediction count.
 */
export function outputReadings(
  output: readonly OnnxDim[] | null,
  input: readonly OnnxDim[] | null,
): Reading[] | Undecodable {
  if (!output) return { kind: 'unknown', why: 'the output declares no shape' };
  if (output.length !== 3) return { kind: 'unknown', why: `the output has rank ${output.length}, not 3` };
  const d1 = typeof output[1] === 'number' ? output[1] : null;
  const d2 = typeof output[2] === 'number' ? output[2] : null;
  const name = (d: OnnxDim | undefined) => (typeof d === 'string' ? quoteName(d) : '?');
  const grid = gridOf(input);

  if (d1 === null && d2 === null) return { kind: 'unknown', why: 'its class dimension is not fixed' };
  if (d1 === null) {
    // [batch, predictions, values]: YOLOv5 rows or transposed YOLOv8 rows, which only the class count tells apart.
    const why = `the prediction count ${name(output[1])} is dynamic, and ${rowValues(d2!)}`;
    return orUnknown(rows(output[1] ?? null, d2!, 'names', 'names', why, why), d2!);
  }
  if (d2 === null) {
    if (d1 < 5) return { kind: 'unknown', why: `${d1} values per prediction leave no class after the 4 box values` };
    return [
      {
        kind: 'yolov8',
        anchors: output[2] ?? null,
        classes: d1 - 4,
        support: 'shape',
        why: `the prediction count ${name(output[2])} is dynamic, and ${d1} = 4 + ${d1 - 4} classes`,
      },
    ];
  }

  // Both fixed. Few predictions of few values are final boxes or query boxes, not a grid.
  const final = (): Undecodable | null => {
    if (d1 > MAX_FINAL_BOXES || (grid && fits(d1, grid).length > 0)) return null;
    if (d2 === 6) return { kind: 'nms-free', boxes: d1 };
    if (d2 >= 5 && d1 >= d2) return { kind: 'detr', queries: d1, classes: d2 - 4 };
    return null;
  };
  if (!grid) {
    const refused = final();
    if (refused) return refused;
    // A dynamic input with fixed output dims: the prediction count cannot be checked; it is the larger dimension.
    const why = `the input is dynamic, so the prediction count cannot be checked against it`;
    if (d2 > d1) {
      if (d1 < 5) return { kind: 'unknown', why: `${d1} values per prediction leave no class after the 4 box values` };
      return [
        {
          kind: 'yolov8',
          anchors: d2,
          classes: d1 - 4,
          support: 'shape',
          why: `${why}; ${d1} = 4 + ${d1 - 4} classes`,
        },
      ];
    }
    return orUnknown(rows(d1, d2, 'names', 'names', why, why), d2);
  }

  const out: Reading[] = [];
  for (const fit of fits(d2, grid)) {
    if (d1 >= 5)
      out.push({ kind: 'yolov8', anchors: d2, classes: d1 - 4, support: 'shape', why: fitWhy(d2, fit, grid) });
  }
  for (const fit of fits(d1, grid)) {
    const why = fitWhy(d1, fit, grid);
    // YOLOv5 writes three per cell; one per cell is the YOLOv8 family's count (transposed by some exports).
    if (fit.perCell === 3) out.push(...rows(d1, d2, 'shape', 'names', why, why));
    else out.push(...rows(d1, d2, 'config', 'shape', `${why}; YOLOv5 writes three per cell (${3 * d1})`, why));
  }
  if (out.length > 0) return dedupe(out);
  const refused = final();
  if (refused) return refused;
  const why = `neither ${d1} nor ${d2} is a prediction count of ${at(grid)}, ${usualCounts(grid)}`;
  if (d2 > MAX_FINAL_BOXES && d1 >= 5)
    return [{ kind: 'yolov8', anchors: d2, classes: d1 - 4, support: 'config', why }];
  if (d1 > MAX_FINAL_BOXES) {
    const r = rows(d1, d2, 'config', 'config', why, why);
    if (r.length > 0) return r;
  }
  return { kind: 'unknown', why };
}

/** `85 values per prediction are 5 + 80 classes (yolov5) or 4 + 81 (yolov8-transposed)`, or the one that applies. */
function rowValues(values: number): string {
  const five = `5 + ${values - 5} classes (yolov5)`;
  const four = `4 + ${values - 4} ${values >= 6 ? '' : 'classes '}(yolov8-transposed)`;
  return `${values} values per prediction are ${values >= 6 ? `${five} or ${four}` : four}`;
}

/** The readings of [batch, anchors, values]: YOLOv5 (5 + classes) and transposed YOLOv8 (4 + classes). */
function rows(
  anchors: OnnxDim,
  values: number,
  v5: Reading['support'],
  v8t: Reading['support'],
  whyV5: string,
  whyV8t: string,
): Reading[] {
  const out: Reading[] = [];
  if (values >= 6) out.push({ kind: 'yolov5', anchors, classes: values - 5, support: v5, why: whyV5 });
  if (values >= 5) out.push({ kind: 'yolov8-transposed', anchors, classes: values - 4, support: v8t, why: whyV8t });
  return out;
}

/** Rows too short to hold a class are no layout. */
function orUnknown(readings: Reading[], values: number): Reading[] | Undecodable {
  return readings.length > 0
    ? readings
    : { kind: 'unknown', why: `${values} values per prediction leave no class after the 4 box values` };
}

const RANK: Record<Reading['support'], number> = { shape: 0, names: 1, config: 2 };

/** One reading per layout, the best-supported one when a count fits several stride sets. */
function dedupe(readings: Reading[]): Reading[] {
  const best = new Map<OutputFormat, Reading>();
  for (const r of readings) {
    const seen = best.get(r.kind);
    if (!seen || RANK[r.support] < RANK[seen.support]) best.set(r.kind, r);
  }
  return [...best.values()].sort((a, b) => RANK[a.support] - RANK[b.support]);
}

/**
 * The layout of an output for a model without a config: the one reading the
 * shape supports, or the one whose class count the names metadata has
 * (`namesCount`, null without usable names metadata). Anything else is
 * undecided (ambiguous, disagreeing with the names, or undecodable), never guessed.
 */
export function inferOutputLayout(
  output: readonly OnnxDim[] | null,
  input: readonly OnnxDim[] | null,
  namesCount: number | null = null,
): OutputLayout {
  const read = outputReadings(output, input);
  if (!Array.isArray(read)) return read;
  const usable = read.filter((r) => r.support !== 'config');
  if (usable.length === 0) return { kind: 'unknown', why: read[0]!.why };
  if (namesCount !== null) {
    const fit = usable.filter((r) => r.classes === namesCount);
    if (fit.length === 1) return fit[0]!;
    if (fit.length > 1) return { kind: 'ambiguous', readings: fit };
    const alternative = read.find((r) => r.support === 'config' && r.classes === namesCount) ?? null;
    return { kind: 'names-mismatch', names: namesCount, readings: usable, alternative };
  }
  const strong = usable.filter((r) => r.support === 'shape');
  if (strong.length === 1) return strong[0]!;
  return { kind: 'ambiguous', readings: strong.length > 1 ? strong : usable };
}

/** `[1, 84, 8400]`, symbolic dims by name, unknown ones as `?`. */
export function formatShape(shape: readonly OnnxDim[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : 'of unknown shape';
}

/** What a reading is, for messages: `yolov8 layout: 4 + 80 classes, 8400 anchors`. */
export function describeLayout(layout: Reading): string {
  const anchors = (a: OnnxDim) => (typeof a === 'number' ? `${a} anchors` : 'a dynamic number of anchors');
  switch (layout.kind) {
    case 'yolov5':
      return `yolov5 layout: ${anchors(layout.anchors)}, 5 + ${layout.classes} classes`;
    case 'yolov8':
      return `yolov8 layout: 4 + ${layout.classes} classes, ${anchors(layout.anchors)}`;
    case 'yolov8-transposed':
      return `yolov8-transposed layout: ${anchors(layout.anchors)}, 4 + ${layout.classes} classes`;
  }
}

/** True for the layouts this app decodes. */
export function isReading(layout: OutputLayout): layout is Reading {
  return layout.kind === 'yolov5' || layout.kind === 'yolov8' || layout.kind === 'yolov8-transposed';
}
