/**
 * `detections.coco.json`: COCO object detection, as pycocotools' `COCO()`
 * and CVAT's importer (Datumaro) read it.
 *
 * - Category ids are 1-based in label order: `category_id = classId + 1`
 *   (COCO reserves 0, and Datumaro reads category 0 as "no label").
 * - Image ids are 1-based in input order; annotation ids 1-based in the order
 *   written. Every image is listed, with or without detections.
 * - bbox is `[x, y, width, height]` in pixels with 2 decimals: the corners are
 *   rounded first and the size taken from them, so `x + width` is the CSV's
 *   x2. area = width × height (2 decimals), score 4 decimals.
 * - Each annotation has `segmentation: []` (Datumaro requires the key; an
 *   empty list means "box only") and `iscrowd: 0`.
 * - `images` comes last, so annotations can be written as results arrive
 *   (JSON key order carries no meaning).
 */
import { rounded } from './decimals.ts';
import { type ExportOptions, exportedDetections, type ImageResult } from './image-result.ts';
import type { DatasetWriter, ExportChunk } from './writer.ts';

export const COCO_FILE_NAME = 'detections.coco.json';

/** COCO's category id for a class id. */
export const cocoCategoryId = (classId: number) => classId + 1;

export interface CocoOptions extends ExportOptions {
  /**
   * Written into `info` after its standard fields (`description`, `version`,
   * `year`, `date_created`): the model, thresholds, class filter.
   */
  info?: Record<string, string | number | boolean | readonly (string | number)[]>;
  /** When the dataset was made (`info.date_created`, `info.year`); now by default. */
  date?: Date;
}

export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0;
  segmentation: [];
  score: number;
}

export interface CocoCategory {
  id: number;
  name: string;
  supercategory: string;
}

/** The annotations of one image, ids from `firstId` on. */
export function cocoAnnotations(
  r: ImageResult,
  imageId: number,
  firstId: number,
  opts: ExportOptions,
): CocoAnnotation[] {
  return exportedDetections(r, opts).map((d, i) => {
    const x = rounded(d.x1, 2);
    const y = rounded(d.y1, 2);
    const w = rounded(rounded(d.x2, 2) - x, 2);
    const h = rounded(rounded(d.y2, 2) - y, 2);
    return {
      id: firstId + i,
      image_id: imageId,
      category_id: cocoCategoryId(d.classId),
      bbox: [x, y, w, h],
      area: rounded(w * h, 2),
      iscrowd: 0,
      segmentation: [],
      score: rounded(d.score, 4),
    };
  });
}

export function cocoCategories(labels: readonly string[]): CocoCategory[] {
  // An empty supercategory is what CVAT writes; Datumaro would make any other value a parent label.
  return labels.map((name, i) => ({ id: cocoCategoryId(i), name, supercategory: '' }));
}

/** One JSON value per line inside a list: readable, diffable, and written as it comes. */
const item = (first: boolean, value: unknown) => `${first ? '\n' : ',\n'}${JSON.stringify(value)}`;

export function cocoWriter(opts: CocoOptions): DatasetWriter {
  const date = opts.date ?? new Date();
  const images: CocoImage[] = [];
  let nextAnnotation = 1;
  let started = false;
  let ended = false;

  const head = (): ExportChunk => {
    started = true;
    const info = {
      description: 'Object detections',
      version: '1.0',
      year: date.getUTCFullYear(),
      date_created: date.toISOString(),
      ...opts.info,
    };
    const categories = cocoCategories(opts.labels)
      .map((c, i) => item(i === 0, c))
      .join('');
    return `{"info":${JSON.stringify(info)},\n"licenses":[],\n"categories":[${categories}],\n"annotations":[`;
  };

  return {
    fileName: COCO_FILE_NAME,
    mimeType: 'application/json',
    add(r) {
      if (ended) throw new Error('the COCO writer has ended');
      const out: ExportChunk[] = started ? [] : [head()];
      const imageId = images.length + 1;
      const anns = cocoAnnotations(r, imageId, nextAnnotation, opts);
      images.push({ id: imageId, file_name: r.file, width: r.width, height: r.height });
      if (anns.length) out.push(anns.map((a) => item(a.id === 1, a)).join(''));
      nextAnnotation += anns.length;
      return out;
    },
    end() {
      if (ended) throw new Error('the COCO writer has ended');
      ended = true;
      const out: ExportChunk[] = started ? [] : [head()];
      out.push(`],\n"images":[${images.map((img, i) => item(i === 0, img)).join('')}]}\n`);
      return out;
    },
  };
}

/** The whole document as a value (tests, small exports). */
export function cocoDataset(results: Iterable<ImageResult>, opts: CocoOptions): unknown {
  const w = cocoWriter(opts);
  const parts: ExportChunk[] = [];
  for (const r of results) parts.push(...w.add(r));
  parts.push(...w.end());
  return JSON.parse(parts.join(''));
}
