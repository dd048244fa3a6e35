/** Minimal protobuf writer so tests can build ONNX files the exporters we have don't produce. */
export function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
export const vField = (f: number, v: number) => [...varint(f * 8), ...varint(v)];
export const lField = (f: number, payload: number[] | string) => {
  const bytes = typeof payload === 'string' ? [...new TextEncoder().encode(payload)] : payload;
  return [...varint(f * 8 + 2), ...varint(bytes.length), ...bytes];
};
const dim = (d: number | string) => lField(1, typeof d === 'number' ? vField(1, d) : lField(2, d));
/** TensorProto.DataType values the tests use. */
export const ELEM = { float32: 1, float16: 10 } as const;

/** ValueInfoProto of a tensor, float32 unless `elemType` says otherwise. */
export const valueInfo = (name: string, shape: (number | string)[], elemType: number = ELEM.float32) => [
  ...lField(1, name),
  ...lField(2, lField(1, [...vField(1, elemType), ...lField(2, shape.flatMap(dim))])),
];

export interface HeaderOptions {
  /** metadata_props, as exporters write them (Ultralytics: names, stride, imgsz, task, …). */
  metadata?: Record<string, string>;
  /** More graph outputs after output0 (segmentation exports have two). */
  extraOutputs?: { name: string; shape: (number | string)[] }[];
  /** Element types of images and output0 (TensorProto.DataType; default float32). */
  inputType?: number;
  outputType?: number;
}

/**
 * A YOLO-like ModelProto header (no weights): input images [1,3,size,size]
 * (or the given input shape), output output0 of the given shape.
 */
export function onnxHeader(
  outputShape: (number | string)[],
  size: number | (number | string)[] = 640,
  opts: HeaderOptions = {},
): Uint8Array {
  const inputShape = typeof size === 'number' ? [1, 3, size, size] : size;
  const graph = [
    ...lField(2, 'g'),
    ...lField(11, valueInfo('images', inputShape, opts.inputType)),
    ...lField(12, valueInfo('output0', outputShape, opts.outputType)),
    ...(opts.extraOutputs ?? []).flatMap((o) => lField(12, valueInfo(o.name, o.shape))),
  ];
  const metadata = Object.entries(opts.metadata ?? {}).flatMap(([k, v]) =>
    lField(14, [...lField(1, k), ...lField(2, v)]),
  );
  return Uint8Array.from([
    ...vField(1, 7),
    ...lField(2, 'pytorch'),
    ...lField(7, graph),
    ...lField(8, vField(2, 12)),
    ...metadata,
  ]);
}

const int64le = (values: number[]) =>
  values.flatMap((v) => {
    const out: number[] = [];
    let big = BigInt.asUintN(64, BigInt(v));
    for (let i = 0; i < 8; i++) {
      out.push(Number(big & 0xffn));
      big >>= 8n;
    }
    return out;
  });

/** TensorProto of int64 values (data_type 7) in raw_data; `external` stores it "outside the file" instead. */
export function int64Tensor(name: string, values: number[], external = false): number[] {
  const head = [...vField(1, values.length), ...vField(2, 7), ...lField(8, name)];
  if (!external) return [...head, ...lField(9, int64le(values))];
  const where = [...lField(1, 'location'), ...lField(2, 'weights.bin')];
  return [...head, ...lField(13, where), ...vField(14, 1)];
}

/** NodeProto: inputs, outputs, op type. */
export const node = (op: string, inputs: string[], outputs: string[]) => [
  ...inputs.flatMap((i) => lField(1, i)),
  ...outputs.flatMap((o) => lField(2, o)),
  ...lField(3, `${op.toLowerCase()}_0`),
  ...lField(4, op),
];

export interface TinyModelOptions {
  irVersion?: number;
  /** Op type of the one node; 'Reshape' makes a model onnxruntime loads. */
  op?: string;
  /** Store the reshape target as external data. */
  external?: boolean;
  /** Input shape; symbolic names make the model dynamic. */
  inputShape?: (number | string)[];
  outputShape?: (number | string)[];
}

/**
 * A real, runnable ONNX model of one node: output0 = Reshape(images, [1, -1, 85]).
 * It passes the model check for an 80-label config (input images, output
 * [1, n, 85]); whether onnxruntime can create and run it is up to the options:
 * a newer IR version or an unknown op fail at session creation, and a dynamic
 * input whose element count is not a multiple of 85 fails at the first run.
 */
export function tinyModel(o: TinyModelOptions = {}): Uint8Array {
  const graph = [
    ...lField(1, node(o.op ?? 'Reshape', ['images', 'target'], ['output0'])),
    ...lField(2, 'tiny'),
    ...lField(5, int64Tensor('target', [1, -1, 85], o.external)),
    ...lField(11, valueInfo('images', o.inputShape ?? ['batch', 3, 'height', 'width'])),
    ...lField(12, valueInfo('output0', o.outputShape ?? ['batch', 'anchors', 85])),
  ];
  return Uint8Array.from([
    ...vField(1, o.irVersion ?? 7),
    ...lField(2, 'test'),
    ...lField(7, graph),
    ...lField(8, vField(2, 12)),
  ]);
}
