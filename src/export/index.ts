/**
 * Dataset exports shared by the browser's batch run and `npm run detect`:
 * pure writers (no DOM, no Node APIs) that take image results one at a time.
 * See docs/datasets.md for the formats.
 */
export { COCO_FILE_NAME, cocoCategoryId, cocoDataset, cocoWriter, type CocoOptions } from './coco.ts';
export { CSV_FILE_NAME, CSV_HEADER, csvWriter } from './detections-csv.ts';
export { type ExportOptions, ExportError, type ImageResult } from './image-result.ts';
export { collectChunks, type DatasetWriter, type ExportChunk, exportChunks } from './writer.ts';
export type { RenamedLabel } from './yolo-labels.ts';
export {
  MAX_ZIP_IMAGES,
  YOLO_ZIP_FILE_NAME,
  type YoloZipOptions,
  type YoloZipWriter,
  yoloZipWriter,
} from './yolo-zip.ts';
