/**
 * `detections.csv`: one row per box, `image,width,height,class_id,label,
 * score,x1,y1,x2,y2`, RFC 4180 (CRLF line ends; a field with a comma, quote,
 * CR or LF is quoted, quotes doubled), UTF-8 without a byte-order mark.
 * Score has 4 decimals, coordinates 2 (corners in image pixels). An image
 * with no box (or none left by the class filter) still has one row, with the
 * class, label, score and coordinate fields empty, so every processed image
 * is in the file.
 *
 * Spreadsheet formulas: a text field (image path or label) that starts with
 * `=`, `+`, `-`, `@`, a tab or a CR is written with a leading `'`, so Excel,
 * LibreOffice and Google Sheets show it as text instead of running it
 * (OWASP's advice for CSV injection). Such a path is then not the file's
 * exact name: tools that join by file name should read the COCO or YOLO export.
 */
import { fixed } from './decimals.ts';
import { type ExportOptions, exportedDetections, type ImageResult } from './image-result.ts';
import type { DatasetWriter } from './writer.ts';

export const CSV_FILE_NAME = 'detections.csv';
export const CSV_HEADER = 'image,width,height,class_id,label,score,x1,y1,x2,y2';

/** A field as RFC 4180 writes it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Outside text that a spreadsheet would read as a formula gets a leading apostrophe. */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const textField = (s: string) => csvField(spreadsheetSafe(s));

/** The rows of one image, each ending with CRLF. */
export function csvRows(r: ImageResult, opts: ExportOptions): string {
  const image = `${textField(r.file)},${r.width},${r.height}`;
  const detections = exportedDetections(r, opts);
  if (detections.length === 0) return `${image},,,,,,,\r\n`;
  return detections
    .map(
      (d) =>
        `${image},${d.classId},${textField(opts.labels[d.classId]!)},${fixed(d.score, 4)},${[d.x1, d.y1, d.x2, d.y2].map((v) => fixed(v, 2)).join(',')}\r\n`,
    )
    .join('');
}

export function csvWriter(opts: ExportOptions): DatasetWriter {
  let started = false;
  let ended = false;
  return {
    fileName: CSV_FILE_NAME,
    mimeType: 'text/csv',
    add(r) {
      if (ended) throw new Error('the CSV writer has ended');
      const rows = csvRows(r, opts);
      if (started) return [rows];
      started = true;
      return [`${CSV_HEADER}\r\n`, rows];
    },
    end() {
      if (ended) throw new Error('the CSV writer has ended');
      ended = true;
      return started ? [] : [`${CSV_HEADER}\r\n`];
    },
  };
}
