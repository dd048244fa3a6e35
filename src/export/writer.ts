import type { ImageResult } from './image-result.ts';

/** A piece of an export file: text (UTF-8 when written) or bytes. Both go into a `Blob` or `fs.write` as they are. */
export type ExportChunk = string | Uint8Array<ArrayBuffer>;

/**
 * One export file written incrementally: results go in one at a time and
 * their part of the file comes out at once, so neither a browser tab nor the
 * CLI holds a whole large export (or all the results) in memory.
 */
export interface DatasetWriter {
  /** The file name the export is saved under, e.g. `detections.coco.json`. */
  readonly fileName: string;
  readonly mimeType: string;
  /** The chunks for one more image, in input order. Throws an `ExportError` for a result it cannot write. */
  add(result: ImageResult): ExportChunk[];
  /** The closing chunks; the writer takes nothing after this. */
  end(): ExportChunk[];
}

/**
 * A writer's whole file as a stream of chunks, from results that may arrive
 * over time (an async iterable: a batch run still in progress).
 */
export async function* exportChunks(
  writer: DatasetWriter,
  results: Iterable<ImageResult> | AsyncIterable<ImageResult>,
): AsyncGenerator<ExportChunk, void, undefined> {
  for await (const r of results) yield* writer.add(r);
  yield* writer.end();
}

/** Every chunk of the file, ready for `new Blob(parts, { type: writer.mimeType })`. */
export async function collectChunks(
  writer: DatasetWriter,
  results: Iterable<ImageResult> | AsyncIterable<ImageResult>,
): Promise<ExportChunk[]> {
  const parts: ExportChunk[] = [];
  for await (const c of exportChunks(writer, results)) parts.push(c);
  return parts;
}
