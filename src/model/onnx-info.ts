/**
 * Reads the interface of an ONNX model (inputs, outputs, opset, metadata)
 * straight from the protobuf bytes. No onnxruntime session: this runs before a
 * session exists, so a wrong file is explained in words instead of failing
 * deep inside the runtime, and it costs milliseconds on an 8 MB model.
 */
import { fields, ProtobufError, readString, WIRE_LEN, WIRE_VARINT, type ProtoField } from './protobuf.ts';
import { parseNamesMetadata, parseStrideMetadata } from './ultralytics-metadata.ts';

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
  /** `names` metadata parsed to labels in class order; null when absent or unparsable. */
  names: string[] | null;
}

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
  return ELEM_TYPES[code] ?? `type${code}`;
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
        const [k, v] = readKeyValue(bytes, f);
        metadata[k] = v;
        break;
      }
    }
  }

  if (irVersion === null && graph === null)
    throw new OnnxReadError('not a protobuf ModelProto (no ir_version and no graph)');
  if (graph === null) throw new OnnxReadError('no graph');
  if (irVersion === null) throw new OnnxReadError('ir_version missing');

  const { inputs, outputs } = readGraph(bytes, graph);
  return {
    irVersion,
    opsetVersion,
    producer,
    inputs,
    outputs,
    metadata,
    stride: parseStrideMetadata(metadata['stride']),
    names: metadata['names'] === undefined ? null : parseNamesMetadata(metadata['names']),
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
    if (f.field === 1 && f.wireType === WIRE_LEN) key = readString(bytes, f);
    else if (f.field === 2 && f.wireType === WIRE_LEN) value = readString(bytes, f);
  }
  return [key, value];
}

function readGraph(bytes: Uint8Array, graph: ProtoField): { inputs: OnnxTensorInfo[]; outputs: OnnxTensorInfo[] } {
  const inputs: OnnxTensorInfo[] = [];
  const outputs: OnnxTensorInfo[] = [];
  const initializerNames = new Set<string>();
  for (const f of fields(bytes, graph.start, graph.end)) {
    if (f.wireType !== WIRE_LEN) continue;
    if (f.field === 11) inputs.push(readValueInfo(bytes, f));
    else if (f.field === 12) outputs.push(readValueInfo(bytes, f));
    else if (f.field === 5) initializerNames.add(readTensorName(bytes, f));
    else if (f.field === 15) initializerNames.add(readSparseTensorName(bytes, f));
  }
  // Old exporters (IR < 4) list every weight as a graph input too; those are not inputs a caller feeds.
  return { inputs: inputs.filter((i) => !initializerNames.has(i.name)), outputs };
}

/** TensorProto.name is field 8; the raw_data payload around it is skipped, not copied. */
function readTensorName(bytes: Uint8Array, msg: ProtoField): string {
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 8 && f.wireType === WIRE_LEN) return readString(bytes, f);
  }
  return '';
}

function readSparseTensorName(bytes: Uint8Array, msg: ProtoField): string {
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 1 && f.wireType === WIRE_LEN) return readTensorName(bytes, f);
  }
  return '';
}

function readValueInfo(bytes: Uint8Array, msg: ProtoField): OnnxTensorInfo {
  let name = '';
  let elemType = 'non-tensor';
  let shape: OnnxDim[] | null = null;
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field === 1 && f.wireType === WIRE_LEN) name = readString(bytes, f);
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
  return { name, elemType, shape };
}

function readShape(bytes: Uint8Array, msg: ProtoField): OnnxDim[] {
  const dims: OnnxDim[] = [];
  for (const f of fields(bytes, msg.start, msg.end)) {
    if (f.field !== 1 || f.wireType !== WIRE_LEN) continue;
    let dim: OnnxDim = null;
    for (const d of fields(bytes, f.start, f.end)) {
      if (d.field === 1 && d.wireType === WIRE_VARINT) dim = d.value;
      else if (d.field === 2 && d.wireType === WIRE_LEN) dim = readString(bytes, d);
    }
    dims.push(dim);
  }
  return dims;
}
