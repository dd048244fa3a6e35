import type { Detection } from '../detect/detections.ts';

/**
 * One detected image, as every dataset writer takes it: the browser's batch
 * run and `npm run detect` both produce these.
 */
export interface ImageResult {
  /** Path inside the folder, '/' separators, as given (e.g. `street/cam 1/0001.jpg`). */
  file: string;
  /** Size as displayed (after EXIF orientation), in pixels. */
  width: number;
  height: number;
  /** Boxes in image pixels (`Detection.label` is not read: names come from the bundle's labels). */
  detections: readonly Detection[];
}

export interface ExportOptions {
  /** The bundle's labels, in class order: every export lists all of them, so ids stay stable. */
  labels: readonly string[];
  /**
   * The class filter: ids to keep. A class not in the set is left out of the
   * annotations, label lines and rows, but still listed in the categories,
   * classes.txt and data.yaml. Absent: every class is kept.
   */
  keep?: ReadonlySet<number>;
}

/** A result the writers cannot turn into a dataset entry; the message names the file and the fix. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/**
 * The detections of one result that go into an export, after checking the
 * result: a size that is not a positive whole number, a class outside the
 * labels or a coordinate that is not a number would write a dataset other
 * tools refuse or misread, so the writer stops with the reason instead.
 */
export function exportedDetections(r: ImageResult, opts: ExportOptions): readonly Detection[] {
  if (typeof r.file !== 'string' || r.file === '') throw new ExportError('an image result has no file name');
  if (!(Number.isInteger(r.width) && r.width > 0 && Number.isInteger(r.height) && r.height > 0))
    throw new ExportError(`${r.file}: its size ${r.width}x${r.height} is not a positive whole number of pixels`);
  for (const d of r.detections) {
    if (!(Number.isInteger(d.classId) && d.classId >= 0 && d.classId < opts.labels.length))
      throw new ExportError(
        `${r.file}: a box has class ${d.classId}, but the model's labels have ids 0 to ${opts.labels.length - 1}; the labels do not belong to this model's results`,
      );
    if (![d.x1, d.y1, d.x2, d.y2, d.score].every(Number.isFinite))
      throw new ExportError(`${r.file}: a box of class ${d.classId} has a coordinate or score that is not a number`);
  }
  const keep = opts.keep;
  return keep ? r.detections.filter((d) => keep.has(d.classId)) : r.detections;
}
