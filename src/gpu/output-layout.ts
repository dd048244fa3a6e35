/**
 * Where the numbers of one prediction sit in a YOLO output tensor.
 * - 'yolov5': [1, anchors, 5 + C], rows cx, cy, w, h, objectness, class scores;
 *   score = objectness × best class.
 * - 'yolov8': [1, 4 + C, anchors] (YOLOv8/9/11/12 detection exports), channels
 *   cx, cy, w, h, class scores; score = best class.
 * - 'yolov8-transposed': the same values as [1, anchors, 4 + C], one row per anchor.
 */
export type OutputLayout = 'yolov5' | 'yolov8' | 'yolov8-transposed';

export interface OutputShape {
  layout: OutputLayout;
  /** Predictions (anchors). */
  rows: number;
  classes: number;
}

/** The layout a config's output format names; an unknown format is refused rather than decoded as YOLOv5. */
export function layoutOfFormat(format: string): OutputLayout {
  if (format === 'yolov5' || format === 'yolov8' || format === 'yolov8-transposed') return format;
  throw new Error(`output format "${format}" has no GPU decoder (known: yolov5, yolov8, yolov8-transposed)`);
}

/** Reads rows and classes from the output's dims under a layout, refusing shapes that cannot be that layout. */
export function outputShape(layout: OutputLayout, dims: readonly number[]): OutputShape {
  if (dims.length !== 3 || dims[0] !== 1)
    throw new Error(`expected an output of shape [1, a, b], got [${dims.join(', ')}]`);
  const a = Number(dims[1]);
  const b = Number(dims[2]);
  if (layout === 'yolov5') {
    if (b < 6) throw new Error(`a YOLOv5 output needs 5 + at least one class per row, got ${b}`);
    return { layout, rows: a, classes: b - 5 };
  }
  if (layout === 'yolov8-transposed') {
    if (b < 5) throw new Error(`a transposed YOLOv8-layout output needs 4 + at least one class per row, got ${b}`);
    return { layout, rows: a, classes: b - 4 };
  }
  if (a < 5) throw new Error(`a YOLOv8-layout output needs 4 + at least one class channel, got ${a}`);
  return { layout, rows: b, classes: a - 4 };
}
