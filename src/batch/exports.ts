import {
  cocoWriter,
  collectChunks,
  csvWriter,
  type DatasetWriter,
  type ExportOptions,
  type ImageResult,
  yoloZipWriter,
} from '../export/index.ts';
import type { BatchItem, BatchRunInfo } from '../store/batch-store.ts';

export type BatchExportKind = 'coco' | 'yolo' | 'csv';

/** The class filter as the writers take it: the ids kept, or absent when every class is. */
export function keptClasses(labels: readonly string[], hidden: ReadonlySet<number>): ReadonlySet<number> | undefined {
  if (hidden.size === 0) return undefined;
  return new Set(labels.map((_, i) => i).filter((i) => !hidden.has(i)));
}

/** The COCO `info` the CLI writes too: model, thresholds, the classes kept. */
export function exportInfo(run: BatchRunInfo, keep: ReadonlySet<number> | undefined) {
  return {
    model: run.model,
    model_name: run.modelName,
    confidence: run.conf,
    iou: run.iou,
    ...(keep ? { classes_kept: [...keep].sort((a, b) => a - b).map((i) => run.labels[i]!) } : {}),
  };
}

function writerFor(kind: BatchExportKind, run: BatchRunInfo, keep: ReadonlySet<number> | undefined): DatasetWriter {
  const opts: ExportOptions = { labels: run.labels, ...(keep ? { keep } : {}) };
  if (kind === 'coco') return cocoWriter({ ...opts, info: exportInfo(run, keep) });
  if (kind === 'yolo') return yoloZipWriter(opts);
  return csvWriter(opts);
}

function* imageResults(items: readonly BatchItem[]): Generator<ImageResult> {
  for (const it of items) yield { file: it.name, width: it.width, height: it.height, detections: it.detections };
}

/**
 * One export of a batch's results, through the writers the CLI uses
 * (docs/datasets.md), with the class filter applied. Each image's chunks are
 * made as it is reached (the zip deflates one label file at a time), so the
 * file is held once, as the Blob's parts.
 */
export async function batchExport(
  kind: BatchExportKind,
  items: readonly BatchItem[],
  run: BatchRunInfo,
  hidden: ReadonlySet<number>,
): Promise<{ fileName: string; blob: Blob }> {
  const writer = writerFor(kind, run, keptClasses(run.labels, hidden));
  const parts = await collectChunks(writer, imageResults(items));
  return { fileName: writer.fileName, blob: new Blob(parts, { type: writer.mimeType }) };
}
