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
/** ValueInfoProto of a float32 tensor. */
export const valueInfo = (name: string, shape: (number | string)[]) => [
  ...lField(1, name),
  ...lField(2, lField(1, [...vField(1, 1), ...lField(2, shape.flatMap(dim))])),
];

export interface HeaderOptions {
  /** metadata_props, as exporters write them (Ultralytics: names, stride, imgsz, task, …). */
  metadata?: Record<string, string>;
  /** More graph outputs after output0 (segmentation exports have two). */
  extraOutputs?: { name: string; shape: (number | string)[] }[];
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
    ...lField(11, valueInfo('images', inputShape)),
    ...lField(12, valueInfo('output0', outputShape)),
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
