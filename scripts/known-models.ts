/**
 * The model files this project knows how to provision and what each must look
 * like. Provisioning checks every candidate against this before placing it, so
 * a mislabelled download (e.g. the 320 model saved as -640) never reaches the app.
 */
import {
  OnnxReadError,
  readOnnxInfo,
  type OnnxDim,
  type OnnxInfo,
  type OnnxTensorInfo,
} from '../src/model/onnx-info.ts';

/** A number must match exactly; 'symbolic' needs a dim_param (any name); 'any' accepts both. */
export type DimSpec = number | 'symbolic' | 'any';

export interface TensorSpec {
  name: string;
  elemType: string;
  shape: DimSpec[];
}

export interface KnownModel {
  file: string;
  description: string;
  input: TensorSpec;
  output: TensorSpec;
  /** Class count expected in the `names` metadata when present. */
  classes: number;
}

export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    file: 'yolov5n-640.onnx',
    description: 'YOLOv5n COCO, fixed 640x640 input',
    input: { name: 'images', elemType: 'float32', shape: [1, 3, 640, 640] },
    output: { name: 'output0', elemType: 'float32', shape: [1, 25200, 85] },
    classes: 80,
  },
  {
    file: 'yolov5n-320.onnx',
    description: 'YOLOv5n COCO, fixed 320x320 input',
    input: { name: 'images', elemType: 'float32', shape: [1, 3, 320, 320] },
    output: { name: 'output0', elemType: 'float32', shape: [1, 6300, 85] },
    classes: 80,
  },
  {
    file: 'yolov5n-dynamic.onnx',
    description: 'YOLOv5n COCO, dynamic batch/height/width',
    input: { name: 'images', elemType: 'float32', shape: ['symbolic', 3, 'symbolic', 'symbolic'] },
    // The upstream --dynamic export leaves even the class dim symbolic
    // ("Concatoutput0_dim_2"), so 85 cannot be required there; the names
    // metadata still pins the class count.
    output: { name: 'output0', elemType: 'float32', shape: ['symbolic', 'symbolic', 'any'] },
    classes: 80,
  },
];

export function findKnownModel(file: string): KnownModel | undefined {
  return KNOWN_MODELS.find((m) => m.file === file);
}

export type VerifyResult = { ok: true; info: OnnxInfo } | { ok: false; reason: string };

/**
 * Checks bytes against the table entry for `file`. An unknown file name only
 * has to be a readable ONNX model (a user's own bundle).
 */
export function verifyModelBytes(file: string, bytes: Uint8Array): VerifyResult {
  let info: OnnxInfo;
  try {
    info = readOnnxInfo(bytes);
  } catch (e) {
    if (e instanceof OnnxReadError) return { ok: false, reason: e.reason };
    throw e;
  }
  const known = findKnownModel(file);
  if (!known) return { ok: true, info };
  const problems = [
    checkTensor('input', known.input, info.inputs),
    checkTensor('output', known.output, info.outputs),
    info.names !== null && info.names.length !== known.classes
      ? `expected ${known.classes} classes in names metadata, found ${info.names.length}`
      : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) return { ok: false, reason: `not ${known.description}: ${problems.join('; ')}` };
  return { ok: true, info };
}

function checkTensor(kind: string, spec: TensorSpec, actual: OnnxTensorInfo[]): string | null {
  const t = actual.find((a) => a.name === spec.name);
  const expected = `${kind} "${spec.name}" ${spec.elemType} ${fmtSpec(spec.shape)}`;
  if (!t) return `expected ${expected}, found ${actual.map((a) => describeTensor(kind, a)).join(', ') || `no ${kind}`}`;
  const shapeOk =
    t.shape !== null &&
    t.shape.length === spec.shape.length &&
    spec.shape.every((d, i) => dimMatches(d, t.shape![i] ?? null));
  if (t.elemType !== spec.elemType || !shapeOk) return `expected ${expected}, found ${describeTensor(kind, t)}`;
  return null;
}

function dimMatches(spec: DimSpec, dim: OnnxDim): boolean {
  if (spec === 'any') return true;
  if (spec === 'symbolic') return typeof dim === 'string' || dim === null;
  return dim === spec;
}

function describeTensor(kind: string, t: OnnxTensorInfo): string {
  const shape = t.shape ? `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(',')}]` : '[?]';
  return `${kind} "${t.name}" ${t.elemType} ${shape}`;
}

function fmtSpec(shape: DimSpec[]): string {
  return `[${shape.map((d) => (d === 'symbolic' ? 'sym' : d === 'any' ? '*' : String(d))).join(',')}]`;
}
