import { readFileSync } from 'node:fs';
import { transposeOutput, withMetadata } from '../src/test-support/onnx-edit.ts';
import { type HeaderOptions, onnxHeader as header } from '../src/test-support/protobuf-writer.ts';

/** A YOLO-like ONNX header (no weights) for the model-check tests. */
export const onnxHeader = (
  outputShape: (number | string)[],
  size: number | (number | string)[] = 640,
  opts: HeaderOptions = {},
): Buffer => Buffer.from(header(outputShape, size, opts));

/** A real model file with its one output transposed by an appended Transpose node ([1, a, b] → [1, b, a]). */
export const transposedModel = (path: string): Buffer =>
  Buffer.from(transposeOutput(new Uint8Array(readFileSync(path))));

/** A real model file with some metadata_props replaced (e.g. `names`). */
export const modelWithMetadata = (path: string, metadata: Record<string, string>): Buffer =>
  Buffer.from(withMetadata(new Uint8Array(readFileSync(path)), metadata));
