import type { RuntimeConfig } from '../config/runtime-config.ts';

/**
 * A valid YOLOv5n-shaped runtime config for tests that need one but are about
 * something else (model checks, GPU passes); each test overrides what it tests.
 */
export function runtimeConfig(over: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return {
    id: 'test',
    name: 'test',
    schemaVersion: 2,
    modelFile: 'm.onnx',
    inputName: 'images',
    outputName: 'output0',
    outputFormat: 'yolov5',
    input: { kind: 'static', width: 640, height: 640 },
    stride: 32,
    padValue: 114,
    confidence: 0.25,
    iou: 0.45,
    maxDetections: 300,
    classAgnostic: false,
    labels: Array.from({ length: 80 }, (_, i) => `class ${i}`),
    ...over,
  };
}
