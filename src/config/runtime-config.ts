/**
 * The single runtime shape of a model bundle's config. Every schema version's
 * builder produces exactly this; nothing else in the app reads raw YAML.
 */
/**
 * Longest input side a config may ask for, in pixels. A 4096x4096 float32
 * input is 192 MiB before the model's own activations; past that, a config
 * could make the worker try to allocate any amount of memory.
 */
export const MAX_INPUT_SIDE = 4096;

export type InputShape = { kind: 'static'; width: number; height: number } | { kind: 'dynamic'; maxSide: number };

/**
 * Layout of the detection output. yolov5: [batch, anchors, 5 + classes]
 * (cx, cy, w, h, objectness, class scores). yolov8 (YOLOv8, v9, 11, 12):
 * [batch, 4 + classes, anchors] (cx, cy, w, h, class scores; no objectness).
 * yolov8-transposed (schema v4): the yolov8 values as [batch, anchors, 4 + classes],
 * what exports that append a Transpose to the head write.
 */
export type OutputFormat = 'yolov5' | 'yolov8' | 'yolov8-transposed';

/** Every layout this app decodes, in the order messages list them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['yolov5', 'yolov8', 'yolov8-transposed'];

/** The first schema version that can name each output layout. */
export const FORMAT_SINCE: Readonly<Record<OutputFormat, number>> = { yolov5: 1, yolov8: 3, 'yolov8-transposed': 4 };

/** Largest `model.stride` a config may name. */
export const MAX_STRIDE = 256;

/** Class counts a bundle may have: one label per class. */
export const MAX_CLASSES = 1000;

export interface RuntimeConfig {
  /** Bundle id (folder name under public/models, or `custom`). */
  id: string;
  /** Display name; a v1 bundle has none, so its id is used. */
  name: string;
  /** Schema version of the source document (1, 2, …). */
  schemaVersion: number;
  /** Model path relative to the bundle folder; never absolute, never escaping. */
  modelFile: string;
  inputName: string;
  outputName: string;
  outputFormat: OutputFormat;
  input: InputShape;
  stride: number;
  /** Letterbox padding, 0..255. */
  padValue: number;
  confidence: number;
  iou: number;
  maxDetections: number;
  classAgnostic: boolean;
  labels: string[];
}

/** One problem found in a config or model. `path` uses dots and [i]: `postprocess.confidence`, `labels[3]`; '' for the whole file. */
export interface ConfigIssue {
  path: string;
  message: string;
  /** 1-based position in the YAML source when known. */
  line?: number;
  col?: number;
}

/** What happened while turning a document into a RuntimeConfig. */
export interface LoadReport {
  /** Schema version that matched. */
  schemaVersion: number;
  /** True for a legacy (v1) document. */
  legacy: boolean;
  /** Set when the document was converted from an older schema, e.g. 1. */
  migratedFrom: number | null;
  /** Each default applied, by its path in the matched version, e.g. `conf_threshold = 0.25`. */
  defaultsApplied: string[];
  warnings: string[];
}

export type ConfigResult =
  | { ok: true; config: RuntimeConfig; report: LoadReport }
  | { ok: false; issues: ConfigIssue[] };
