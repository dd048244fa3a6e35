import { onnxHeader as header } from '../src/test-support/protobuf-writer.ts';

/** A YOLOv5-like ONNX header (no weights) for the model-check tests. */
export const onnxHeader = (outputShape: number[], size = 640): Buffer => Buffer.from(header(outputShape, size));
