/**
 * Edits a real ONNX model's bytes for tests, so a runnable model can have an
 * output layout or metadata no exporter we have writes: the graph output
 * transposed by one appended Transpose node, or its metadata_props replaced.
 * Every field not edited is copied byte for byte (weights included).
 */
import { readOnnxInfo } from '../model/onnx-info.ts';
import { fields, type ProtoField, readString, WIRE_LEN } from '../model/protobuf.ts';
import { lField, valueInfo, varint, vField } from './protobuf-writer.ts';

/** A field as it was written: its tag, its length for LEN fields, then its payload. */
function rawField(bytes: Uint8Array, f: ProtoField): Uint8Array[] {
  const head = varint(f.field * 8 + f.wireType);
  if (f.wireType === WIRE_LEN) head.push(...varint(f.end - f.start));
  return [Uint8Array.from(head), bytes.subarray(f.start, f.end)];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A LEN field around a payload that may be megabytes (no spreading into number arrays). */
function lenField(field: number, payload: Uint8Array): Uint8Array[] {
  return [Uint8Array.from([...varint(field * 8 + WIRE_LEN), ...varint(payload.length)]), payload];
}

/** Node output names (NodeProto field 2) renamed by `rename`. */
function renameNodeOutputs(bytes: Uint8Array, node: ProtoField, rename: (name: string) => string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields(bytes, node.start, node.end)) {
    if (f.field === 2 && f.wireType === WIRE_LEN) parts.push(Uint8Array.from(lField(2, rename(readString(bytes, f)))));
    else parts.push(...rawField(bytes, f));
  }
  return concat(parts);
}

/**
 * The model with its one graph output [n, a, b] transposed to [n, b, a] by
 * a Transpose node (perm 0, 2, 1) appended to the graph. The output keeps its
 * name; the tensor it was is renamed `<name>_untransposed`. Applied to the
 * shared yolov8-layout models it gives the YOLOv8 layout transposed,
 * [1, anchors, 4 + classes], with the same weights and metadata.
 */
export function transposeOutput(model: Uint8Array): Uint8Array {
  const info = readOnnxInfo(model);
  if (info.outputs.length !== 1) throw new Error(`expected one graph output, got ${info.outputs.length}`);
  const { name, shape } = info.outputs[0]!;
  if (shape?.length !== 3) throw new Error(`expected a rank-3 output, got ${JSON.stringify(shape)}`);
  const inner = `${name}_untransposed`;
  const graphParts: Uint8Array[] = [];
  let modelParts: Uint8Array[] = [];
  for (const top of fields(model)) {
    if (top.field !== 7 || top.wireType !== WIRE_LEN) {
      modelParts.push(...rawField(model, top));
      continue;
    }
    for (const g of fields(model, top.start, top.end)) {
      if (g.field === 1 && g.wireType === WIRE_LEN) {
        // A node: the producer of the output now writes the inner tensor.
        const body = renameNodeOutputs(model, g, (o) => (o === name ? inner : o));
        graphParts.push(...lenField(1, body));
      } else if (g.field === 12 && g.wireType === WIRE_LEN) {
        graphParts.push(Uint8Array.from(lField(12, valueInfo(name, [shape[0]!, shape[2]!, shape[1]!].map(dimOf)))));
      } else graphParts.push(...rawField(model, g));
    }
    const perm = [...lField(1, 'perm'), ...vField(20, 7), ...[0, 2, 1].flatMap((p) => vField(8, p))];
    const transpose = [
      ...lField(1, inner),
      ...lField(2, name),
      ...lField(3, 'transpose_output'),
      ...lField(4, 'Transpose'),
      ...lField(5, perm),
    ];
    graphParts.push(Uint8Array.from(lField(1, transpose)));
    modelParts = [...modelParts, ...lenField(7, concat(graphParts))];
  }
  return concat(modelParts);
}

/** A symbolic or unknown dim as the writer takes it. */
function dimOf(d: number | string | null): number | string {
  return d ?? 'unknown';
}

/**
 * The model with the given metadata_props set: each key given replaces the
 * model's entry of that name (or is added); the other entries stay.
 */
export function withMetadata(model: Uint8Array, metadata: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const top of fields(model)) {
    if (top.field === 14 && top.wireType === WIRE_LEN) {
      let key = '';
      for (const e of fields(model, top.start, top.end)) if (e.field === 1) key = readString(model, e);
      if (Object.hasOwn(metadata, key)) continue;
    }
    parts.push(...rawField(model, top));
  }
  for (const [k, v] of Object.entries(metadata))
    parts.push(Uint8Array.from(lField(14, [...lField(1, k), ...lField(2, v)])));
  return concat(parts);
}
