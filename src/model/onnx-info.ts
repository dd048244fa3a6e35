/**
 * Reads the interface of an ONNX model (inputs, outputs, opset, metadata)
 * straight from the protobuf bytes. No onnxruntime session: this runs before a
 * session exists, so a wrong file is explained in words instead of failing
 * deep inside the runtime, and it costs milliseconds on an 8 MB model.
 */
import { fields, ProtobufError, readString, WIRE_LEN, WIRE_VARINT, type ProtoField } from './protobuf.ts';
import { parseNamesEntries, parseNamesMetadata, parseStrideMetadata } from './ultralytics-metadata.ts';

export type OnnxDim = number | string | null; // dim_value, dim_param, or unknown
export interface OnnxTensorInfo {
  name: string;
  /** 'float32', 'float16', 'int64', … from TensorProto.DataType; 'non-tensor' for sequence/map types. */
  elemType: string;
  shape: OnnxDim[] | null;
}
export interface OnnxInfo {
  irVersion: number;
  opsetVersion: number | null;
  producer: string;
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
  metadata: Record<string, string>;
  /** `stride` metadata as a number; null when absent or not a positive integer. */
  stride: number | null;
  /** `names` metadata parsed to labels in class order; null when absent, unparsable, or with a gap in its keys. */
  names: string[] | null;
  /** `names` metadata by class id, gaps allowed; null when absent or unparsable. */
  namesByClass: Map<number, string> | null;
  /** Weights stored outside the file (TensorProto.data_location = EXTERNAL): how many, and the first few names. */
  externalData: { count: number; names: string[] };
}

/**
 * Bounds on what a header may declare. A detection export has one input, a
 * few outputs, rank ≤ 4 and short names; these limits are far above any real
 * model and far below what would make the reader or its messages blow up.
 */
export const ONNX_LIMITS = {
  /** Graph inputs (weights excluded) and graph outputs, each. */
  tensors: 64,
  /** Value infos read at all, weights listed as inputs by old exporters included. */
  valueInfos: 100_000,
  rank: 16,
  nameBytes: 4096,
  metadataEntries: 1024,
  metadataValueBytes: 1024 * 1024,
} as const;

export class OnnxReadError extends Error {
  constructor(readonly reason: string) {
    super(`not a readable ONNX model: ${reason}`);
    this.name = 'OnnxReadError';
  }
}

// TensorProto.DataType, index = enum value.
const ELEM_TYPES = [
  'undefined',
  'float32',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'float64',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'uint4',
  'int4',
  'float4e2m1',
];

function elemTypeName(code: number): string {
  return ELEM_TYPES[code] ?? (code <= 0xffff ? `type${code}` : 'an unknown type');
}

export function readOnnxInfo(bytes: Uint8Array): OnnxInfo {
  if (bytes.length === 0) throw new OnnxReadError('file is empty');
  try {
    return readModel(bytes);
  } catch (e) {
    if (e instanceof OnnxReadError) throw e;
    if (e instanceof ProtobufError) {
      throw new OnnxReadError(e.kind === 'truncated' ? e.message : `not a protobuf ModelProto (${e.message})`);
    }
    throw e;
  }
}

function readModel(bytes: Uint8Array): OnnxInfo {
  let irVersion: number | null = null;
  let producer = '';
  let opsetVersion: number | null = null;
  let graph: ProtoField | null = null;
  const metadata: Record<string, string> = {};
  let metadataCount = 0;

  for (const f of fields(bytes)) {
    switch (f.field) {
      case 1:
        expectWire(f, WIRE_VARINT, 'ir_version');
        irVersion = f.value;
        break;
      case 2:
        expectWire(f, WIRE_LEN, 'producer_name');
        producer = readString(bytes, f);
        break;
      case 7:
        expectWire(f, WIRE_LEN, 'graph');
        graph = f;
        break;
      case 8: {
        expectWire(f, WIRE_LEN, 'opset_import');
        const op = readOpset(bytes, f);
        // The default domain is spelled '' or 'ai.onnx'; custom domains don't define the opset.
        if (op.domain === '' || op.domain === 'ai.onnx') opsetVersion = op.version;
        break;
      }
      case 14: {
        expectWire(f, WIRE_LEN, 'metadata_props');
        if (++metadataCount > ONNX_LIMITS.metadataEntries)
          throw new OnnxReadError(`more than ${ONNX_LIMITS.metadataEntries} metadata entries; not a model export`);
        const [k, v] = readKeyValue(bytes, f);
        // Own-property writes only: a key named __proto__ must stay a key.
        Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true });
        break;
      }
    }
  }

  if (irVersion === null && graph === null)
    throw new OnnxReadError('not a protobuf ModelProto (no ir_version and no graph)');
  if (graph === null) throw new OnnxReadError('no graph');
  if (irVersion === null) throw new OnnxReadError('ir_version missing');

  const { inputs, outputs, externalData } = readGraph(bytes, graph);
  return {
    externalData,
    irVersion,
    opsetVersion,
    producer,
    inputs,
    outputs,
    metadata,
    stride: parseStrideMetadata(metadata['stride']),
    names: metadata['names'] === undefined ? null : parseNamesMetadata(metadata['names']),
    namesByClass: metadata['names'] === undefined ? null : parseNamesEntries(metadata['names']),
  };
}

/** A known field with the wrong wire type means these bytes are some other message (or not protobuf at all). */
function expectWire(f: ProtoField, wire: number, name: string): void {
  if (f.wireType !== wire) {
    throw new OnnxReadError(`not a protobuf ModelProto (${name} has wire type ${f.wireType}, expected ${wire})`);
  }
}

function readOpset(bytes: Uint8Array, msg: ProtoField): { domain: string; version: number } {
  let domain = '';
  let version = 0;
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 1 && f.wireType === WIRE_LEN) domain = readString(bytes, f);
    else if (f.field === 2 && f.wireType === WIRE_VARINT) version = f.value;
  }
  return { domain, version };
}

function readKeyValue(bytes: Uint8Array, msg: ProtoField): [string, string] {
  let key = '';
  let value = '';
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 1 && f.wireType === WIRE_LEN)
      key = boundedString(bytes, f, ONNX_LIMITS.nameBytes, 'a metadata key');
    else if (f.field === 2 && f.wireType === WIRE_LEN)
      value = boundedString(bytes, f, ONNX_LIMITS.metadataValueBytes, 'a metadata value');
  }
  return [key, value];
}

/** A string field no longer than `limit` bytes; longer means a damaged file (and would make megabyte messages). */
function boundedString(bytes: Uint8Array, f: ProtoField, limit: number, what: string): string {
  const n = f.end - f.start;
  if (n > limit) throw new OnnxReadError(`${what} is ${n} bytes long (limit ${limit}); not a model export`);
  return readString(bytes, f);
}

function readGraph(
  bytes: Uint8Array,
  graph: ProtoField,
): { inputs: OnnxTensorInfo[]; outputs: OnnxTensorInfo[]; externalData: OnnxInfo['externalData'] } {
  const inputs: OnnxTensorInfo[] = [];
  const outputs: OnnxTensorInfo[] = [];
  const initializerNames = new Set<string>();
  const externalData = { count: 0, names: [] as string[] };
  const weight = (t: { name: string; external: boolean }) => {
    initializerNames.add(t.name);
    if (!t.external) return;
    externalData.count++;
    if (externalData.names.length < 3) externalData.names.push(t.name);
  };
  for (const f of fields(bytes, graph.start, graph.end)) {
    if (f.wireType !== WIRE_LEN) continue;
    if (f.field === 11 || f.field === 12) {
      if (inputs.length + outputs.length >= ONNX_LIMITS.valueInfos)
        throw new OnnxReadError(
          `the graph declares more than ${ONNX_LIMITS.valueInfos} inputs and outputs; not a model export`,
        );
      (f.field === 11 ? inputs : outputs).push(readValueInfo(bytes, f));
    } else if (f.field === 5) weight(readTensorHeader(bytes, f));
    else if (f.field === 15) weight(readSparseTensorHeader(bytes, f));
  }
  // Old exporters (IR < 4) list every weight as a graph input too; those are not inputs a caller feeds.
  const fed = inputs.filter((i) => !initializerNames.has(i.name));
  for (const [list, what] of [
    [fed, 'inputs'],
    [outputs, 'outputs'],
  ] as const) {
    if (list.length > ONNX_LIMITS.tensors)
      throw new OnnxReadError(
        `the graph has ${list.length} ${what} (limit ${ONNX_LIMITS.tensors}); a detection model has one or a few`,
      );
  }
  return { inputs: fed, outputs, externalData };
}

/**
 * TensorProto.name is field 8 and data_location (1 = EXTERNAL) field 14; the
 * raw_data payload around them is skipped, not copied.
 */
function readTensorHeader(bytes: Uint8Array, msg: ProtoField): { name: string; external: boolean } {
  let name = '';
  let external = false;
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 8 && f.wireType === WIRE_LEN)
      name = boundedString(bytes, f, ONNX_LIMITS.nameBytes, 'a tensor name');
    else if (f.field === 14 && f.wireType === WIRE_VARINT) external = f.value === 1;
  }
  return { name, external };
}

function readSparseTensorHeader(bytes: Uint8Array, msg: ProtoField): { name: string; external: boolean } {
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 1 && f.wireType === WIRE_LEN) return readTensorHeader(bytes, f);
  }
  return { name: '', external: false };
}

function readValueInfo(bytes: Uint8Array, msg: ProtoField): OnnxTensorInfo {
  let name = '';
  let elemType = 'non-tensor';
  let shape: OnnxDim[] | null = null;
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 1 && f.wireType === WIRE_LEN)
      name = boundedString(bytes, f, ONNX_LIMITS.nameBytes, 'a tensor name');
    else if (f.field === 2 && f.wireType === WIRE_LEN) {
      for (const t of fields(bytes, f.start, f.end)) {
        if (t.field !== 1 || t.wireType !== WIRE_LEN) continue; // sequence/map/optional types
        elemType = 'undefined';
        for (const tt of fields(bytes, t.start, t.end)) {
          if (tt.field === 1 && tt.wireType === WIRE_VARINT) elemType = elemTypeName(tt.value);
          else if (tt.field === 2 && tt.wireType === WIRE_LEN) shape = readShape(bytes, tt);
        }
      }
    }
  }
  const bad = shape?.find((d) => typeof d === 'number' && d > Number.MAX_SAFE_INTEGER);
  if (bad !== undefined) {
    throw new OnnxReadError(
      `tensor ${quoteName(name)} has a dimension beyond 2^53 or a negative one; the file is damaged or not a model export`,
    );
  }
  return { name, elemType, shape };
}

/** A tensor name for a message, cut short: names come from the file. */
export function quoteName(name: string, max = 60): string {
  return JSON.stringify(name.length > max ? `${name.slice(0, max - 3)}...` : name);
}

function readShape(bytes: Uint8Array, msg: ProtoField): OnnxDim[] {
  const dims: OnnxDim[] = [];
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field !== 1 || f.wireType !== WIRE_LEN) continue;
    if (dims.length >= ONNX_LIMITS.rank)
      throw new OnnxReadError(`a tensor shape has more than ${ONNX_LIMITS.rank} dimensions; not a model export`);
    let dim: OnnxDim = null;
    for (const d of fields(bytes, f.start, f.end)) {
      if (d.field === 1 && d.wireType === WIRE_VARINT) dim = d.value;
      else if (d.field === 2 && d.wireType === WIRE_LEN)
        dim = boundedString(bytes, d, ONNX_LIMITS.nameBytes, 'a dimension name');
    }
    dims.push(dim);
  }
  return dims;
}
