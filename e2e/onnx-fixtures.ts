/** Builds tiny ONNX ModelProto files (header only, no weights) for the model-check tests. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const vField = (f: number, v: number) => [...varint(f * 8), ...varint(v)];
const lField = (f: number, payload: number[] | string) => {
  const bytes = typeof payload === 'string' ? [...Buffer.from(payload, 'utf8')] : payload;
  return [...varint(f * 8 + 2), ...varint(bytes.length), ...bytes];
};
const dim = (d: number) => lField(1, vField(1, d));
const valueInfo = (name: string, shape: number[]) => [...lField(1, name), ...lField(2, lField(1, [...vField(1, 1), ...lField(2, shape.flatMap(dim))]))];

/** A YOLOv5-like header: input images [1,3,size,size], output output0 with the given shape. */
export function onnxHeader(outputShape: number[], size = 640): Buffer {
  const graph = [...lField(2, 'g'), ...lField(11, valueInfo('images', [1, 3, size, size])), ...lField(12, valueInfo('output0', outputShape))];
  return Buffer.from([...vField(1, 7), ...lField(2, 'pytorch'), ...lField(7, graph), ...lField(8, vField(2, 12))]);
}
