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

/** A YOLOv5-like ModelProto header (no weights): input images [1,3,size,size], output output0 of the given shape. */
export function onnxHeader(outputShape: number[], size = 640): Uint8Array {
  const graph = [
    ...lField(2, 'g'),
    ...lField(11, valueInfo('images', [1, 3, size, size])),
    ...lField(12, valueInfo('output0', outputShape)),
  ];
  return Uint8Array.from([...vField(1, 7), ...lField(2, 'pytorch'), ...lField(7, graph), ...lField(8, vField(2, 12))]);
}
