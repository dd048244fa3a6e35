/**
 * Which detection layout an output shape is, read from the ONNX header alone:
 * yolov5 [batch, anchors, 5 + classes], yolov8 [batch, 4 + classes, anchors],
 * or final boxes from an NMS-free export [batch, boxes, 6]. Used to check a
 * config's `model.output.format` and to write a config for a model dropped alone.
 */
import type { OnnxDim } from './onnx-info.ts';

export type OutputLayout =
  | { kind: 'yolov5' | 'yolov8'; anchors: OnnxDim; classes: number }
  | { kind: 'nms-free'; boxes: number }
  | { kind: 'unknown'; why: string };

/** Ultralytics heads predict at strides 8, 16, 32 (P6 models add 64). */
const STRIDE_SETS = [
  [8, 16, 32],
  [8, 16, 32, 64],
];

/** NMS-free exports keep at most max_det boxes (300 by default); more is an anchor count. */
const MAX_FINAL_BOXES = 1000;

/**
 * Anchor counts a YOLO head has for a fixed input: one prediction per grid
 * cell (YOLOv8 family) or three (YOLOv5's anchor boxes), per stride set.
 * Empty when the input size is not fixed.
 */
export function expectedAnchors(input: readonly OnnxDim[] | null): number[] {
  const h = input?.[2];
  const w = input?.[3];
  if (typeof h !== 'number' || typeof w !== 'number') return [];
  const out: number[] = [];
  for (const strides of STRIDE_SETS) {
    const cells = strides.reduce((sum, s) => sum + Math.ceil(h / s) * Math.ceil(w / s), 0);
    out.push(cells, 3 * cells);
  }
  return out;
}

export function inferOutputLayout(output: readonly OnnxDim[] | null, input: readonly OnnxDim[] | null): OutputLayout {
  if (!output) return { kind: 'unknown', why: 'the output declares no shape' };
  if (output.length !== 3) return { kind: 'unknown', why: `the output has rank ${output.length}, not 3` };
  const d1 = output[1];
  const d2 = output[2];
  const n1 = typeof d1 === 'number' ? d1 : null;
  const n2 = typeof d2 === 'number' ? d2 : null;
  if (n1 !== null && n2 !== null) {
    // A fixed input tells which dimension is the anchor count.
    const anchors = expectedAnchors(input);
    if (anchors.includes(n1) && n2 >= 6) return { kind: 'yolov5', anchors: n1, classes: n2 - 5 };
    if (anchors.includes(n2) && n1 >= 5) return { kind: 'yolov8', anchors: n2, classes: n1 - 4 };
    if (n2 === 6 && n1 <= MAX_FINAL_BOXES) return { kind: 'nms-free', boxes: n1 };
    // Otherwise anchors outnumber the per-box values by far in both layouts.
    if (n1 > n2 && n2 >= 6) return { kind: 'yolov5', anchors: n1, classes: n2 - 5 };
    if (n2 > n1 && n1 >= 5) return { kind: 'yolov8', anchors: n2, classes: n1 - 4 };
    return { kind: 'unknown', why: `neither dimension (${n1}, ${n2}) reads as anchors and per-box values` };
  }
  // Dynamic exports make the anchor count symbolic; the fixed one holds the classes.
  if (n1 !== null && n1 >= 5) return { kind: 'yolov8', anchors: d2 ?? null, classes: n1 - 4 };
  if (n2 !== null && n2 >= 6) return { kind: 'yolov5', anchors: d1 ?? null, classes: n2 - 5 };
  return { kind: 'unknown', why: 'its class dimension is not fixed' };
}

/** `[1, 84, 8400]`, symbolic dims by name, unknown ones as `?`. */
export function formatShape(shape: readonly OnnxDim[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : 'of unknown shape';
}

/** What a layout is, for messages: `yolov8 layout: 4 + 80 classes, 8400 anchors`. */
export function describeLayout(layout: OutputLayout): string {
  const anchors = (a: OnnxDim) => (typeof a === 'number' ? `${a} anchors` : 'a dynamic number of anchors');
  switch (layout.kind) {
    case 'yolov5':
      return `yolov5 layout: ${anchors(layout.anchors)}, 5 + ${layout.classes} classes`;
    case 'yolov8':
      return `yolov8 layout: 4 + ${layout.classes} classes, ${anchors(layout.anchors)}`;
    case 'nms-free':
      return `final boxes of an NMS-free export: ${layout.boxes} boxes of x1, y1, x2, y2, score, class`;
    case 'unknown':
      return `unknown layout: ${layout.why}`;
  }
}

/** The refusal for an NMS-free output, shared by the model check and the config generator. */
export function nmsFreeMessage(outputName: string, shape: readonly OnnxDim[] | null, model: string): string {
  return `${outputName} of ${model} is ${formatShape(shape)}, final boxes of an NMS-free (end-to-end) export (x1, y1, x2, y2, score, class), which this app does not decode; export without built-in NMS so ${outputName} is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)`;
}
