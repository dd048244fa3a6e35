import { type HeaderOptions, onnxHeader as header } from '../src/test-support/protobuf-writer.ts';

/** A YOLO-like ONNX header (no weights) for the model-check tests. */
export const onnxHeader = (
  outputShape: (number | string)[],
  size: number | (number | string)[] = 640,
  opts: HeaderOptions = {},
): Buffer => Buffer.from(header(outputShape, size, opts));
