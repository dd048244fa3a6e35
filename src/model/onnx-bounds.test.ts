// The ONNX header reader on files built to abuse it: absurd varints and
// lengths, wrong message types, huge dimensions, thousands of tensors. Each
// is refused with a short message; none makes the reader misbehave.
import { describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { runtimeConfig } from '../test-support/runtime-config.ts';
import { checkModelBytes } from './check-model-bytes.ts';
import { ONNX_LIMITS, OnnxReadError, readOnnxInfo } from './onnx-info.ts';
import { lField, onnxHeader, tinyModel, valueInfo, varint, vField } from '../test-support/protobuf-writer.ts';

const reasonOf = (bytes: Uint8Array | number[]): string => {
  try {
    readOnnxInfo(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  } catch (e) {
    expect(e).toBeInstanceOf(OnnxReadError);
    return (e as OnnxReadError).reason;
  }
  throw new Error('expected OnnxReadError');
};

const model = (graph: number[], extra: number[] = []) => [
  ...vField(1, 7),
  ...lField(7, graph),
  ...lField(8, vField(2, 12)),
  ...extra,
];

/** A value info whose type is float32 with the given raw dim varints. */
const rawDims = (name: string, dimVarints: number[][]) => [
  ...lField(1, name),
  ...lField(
    2,
    lField(1, [
      ...vField(1, 1),
      ...lField(
        2,
        dimVarints.flatMap((d) => lField(1, [...varint(8), ...d])),
      ),
    ]),
  ),
];

/** A short message: a hostile file never produces megabyte messages. */
const short = (s: string) => expect(s.length).toBeLessThan(600);

describe('bounded ONNX reader', () => {
  it('a varint wider than 64 bits', () => {
    const r = reasonOf([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    expect(r).toMatch(/varint wider than 64 bits at byte 10/);
  });

  it('a varint longer than 10 bytes', () => {
    expect(reasonOf([0x08, ...Array(11).fill(0x80), 0x01])).toMatch(/varint longer than 10 bytes/);
  });

  it('a length of 2^63 overruns the file', () => {
    const r = reasonOf([...vField(1, 7), 0x3a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    expect(r).toMatch(/^truncated at byte 12$/);
  });

  it('a graph whose inner length overruns the graph is malformed, not truncated', () => {
    const graph = [...varint(11 * 8 + 2), ...varint(5000), 1, 2, 3];
    expect(reasonOf([...model(graph), ...vField(20, 1)])).toMatch(/length overruns its message/);
  });

  it('a message of the wrong type where the graph should be', () => {
    expect(reasonOf([...vField(1, 7), ...vField(7, 3)])).toMatch(/graph has wire type 0, expected 2/);
    // A string where a GraphProto should be: its bytes do not parse as fields.
    expect(reasonOf([...vField(1, 7), ...lField(7, 'just some text, not a graph at all')])).toMatch(
      /^not a protobuf ModelProto|^truncated/,
    );
  });

  it.each([
    ['2^64 − 1 (a -1 int64)', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ['2^53 + 2', varint(2 ** 53 + 2)],
  ])('a dimension of %s', (_name, dim) => {
    const graph = [...lField(11, rawDims('images', [varint(1), dim])), ...lField(12, valueInfo('output0', [1, 85]))];
    const r = reasonOf(model(graph));
    expect(r).toBe(
      'tensor "images" has a dimension beyond 2^53 or a negative one; the file is damaged or not a model export',
    );
  });

  it('2^53 − 1 itself is still read exactly', () => {
    const graph = [...lField(11, rawDims('images', [varint(2 ** 53 - 1)])), ...lField(12, valueInfo('o', [1]))];
    expect(readOnnxInfo(Uint8Array.from(model(graph))).inputs[0]!.shape).toEqual([2 ** 53 - 1]);
  });

  it('100 000 inputs', () => {
    const one = lField(11, valueInfo('x', [1]));
    const graph: number[] = [];
    for (let i = 0; i < 100_001; i++) graph.push(...one);
    const r = reasonOf(model(graph));
    expect(r).toBe(`the graph declares more than ${ONNX_LIMITS.valueInfos} inputs and outputs; not a model export`);
  });

  it('thousands of inputs (not weights) are refused with a count, not a list', () => {
    const graph: number[] = [];
    for (let i = 0; i < 3000; i++) graph.push(...lField(11, valueInfo(`input_${i}`, [1, 3, 640, 640])));
    graph.push(...lField(12, valueInfo('output0', [1, 25200, 85])));
    const r = reasonOf(model(graph));
    expect(r).toBe('the graph has 3000 inputs (limit 64); a detection model has one or a few');
  });

  it('weights listed as inputs by old exporters do not count against the input limit', () => {
    const graph: number[] = [...lField(11, valueInfo('images', [1, 3, 640, 640]))];
    for (let i = 0; i < 500; i++) {
      graph.push(...lField(11, valueInfo(`w${i}`, [16])));
      graph.push(...lField(5, [...lField(8, `w${i}`), ...lField(9, [0, 0, 0, 0])]));
    }
    graph.push(...lField(12, valueInfo('output0', [1, 25200, 85])));
    expect(readOnnxInfo(Uint8Array.from(model(graph))).inputs.map((i) => i.name)).toEqual(['images']);
  });

  it('a shape of rank 1000', () => {
    const graph = [...lField(11, valueInfo('images', Array(1000).fill(1))), ...lField(12, valueInfo('o', [1]))];
    expect(reasonOf(model(graph))).toBe('a tensor shape has more than 16 dimensions; not a model export');
  });

  it('a 100 KB tensor name', () => {
    const graph = [...lField(11, valueInfo('n'.repeat(100_000), [1])), ...lField(12, valueInfo('o', [1]))];
    const r = reasonOf(model(graph));
    expect(r).toBe('a tensor name is 100000 bytes long (limit 4096); not a model export');
  });

  it('thousands of metadata entries, and a 2 MB metadata value', () => {
    const entry = lField(14, [...lField(1, 'k'), ...lField(2, 'v')]);
    const many: number[] = [];
    for (let i = 0; i < 2000; i++) many.push(...entry);
    expect(reasonOf(model([], many))).toBe('more than 1024 metadata entries; not a model export');
    const big = lField(14, [...lField(1, 'names'), ...lField(2, 'x'.repeat(2_000_000))]);
    expect(reasonOf(model([], big))).toMatch(/^a metadata value is 2000000 bytes long \(limit 1048576\)/);
  });

  it('a metadata key named __proto__ stays a key', () => {
    const meta = lField(14, [...lField(1, '__proto__'), ...lField(2, 'x')]);
    const info = readOnnxInfo(Uint8Array.from(model([], meta)));
    expect(Object.keys(info.metadata)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(info.metadata)).toBe(Object.prototype);
  });

  it('reads external data markers from initializers', () => {
    const info = readOnnxInfo(tinyModel({ external: true }));
    expect(info.externalData).toEqual({ count: 1, names: ['target'] });
    expect(readOnnxInfo(tinyModel()).externalData).toEqual({ count: 0, names: [] });
  });
});

const cfg = (over: Partial<RuntimeConfig> = {}): RuntimeConfig => runtimeConfig({ id: 'x', name: 'x', ...over });

/** A YOLOv5-like header with chosen element types (TensorProto.DataType codes) and shapes. */
const typedHeader = (inType: number, outType: number, inShape: number[], outShape: number[]) => {
  const vi = (name: string, type: number, shape: number[]) => [
    ...lField(1, name),
    ...lField(
      2,
      lField(1, [
        ...vField(1, type),
        ...lField(
          2,
          shape.flatMap((d) => lField(1, vField(1, d))),
        ),
      ]),
    ),
  ];
  const graph = [...lField(11, vi('images', inType, inShape)), ...lField(12, vi('output0', outType, outShape))];
  return Uint8Array.from(model(graph));
};

describe('model check: element types, batch, external data', () => {
  const FLOAT = 1;
  const FLOAT16 = 10;
  const UINT8 = 2;
  const check = (bytes: Uint8Array, over?: Partial<RuntimeConfig>) => {
    const r = checkModelBytes(bytes, cfg(over), 'm.onnx');
    return r.ok ? [] : r.issues;
  };

  it('a float32 model passes', () => {
    expect(check(typedHeader(FLOAT, FLOAT, [1, 3, 640, 640], [1, 25200, 85]))).toEqual([]);
  });

  it('a float16 output is refused naming float16 and --half', () => {
    const issues = check(typedHeader(FLOAT, FLOAT16, [1, 3, 640, 640], [1, 25200, 85]));
    expect(issues).toEqual([
      {
        path: 'model.output.name',
        message:
          'output "output0" of m.onnx is float16, the app needs float32; export without `--half` (float16 models are not supported)',
      },
    ]);
  });

  it('a float16 input is refused the same way, and a uint8 one too', () => {
    expect(check(typedHeader(FLOAT16, FLOAT, [1, 3, 640, 640], [1, 25200, 85]))[0]!.message).toMatch(
      /^input "images" of m\.onnx is float16, the app needs float32; export without `--half`/,
    );
    expect(check(typedHeader(UINT8, FLOAT, [1, 3, 640, 640], [1, 25200, 85]))[0]!.message).toMatch(
      /is uint8, the app needs float32; export a float32 model/,
    );
  });

  it('a batch of 4 is refused for the input and for the output, naming each tensor', () => {
    const issues = check(typedHeader(FLOAT, FLOAT, [4, 3, 640, 640], [4, 25200, 85]));
    expect(issues.map((i) => i.path)).toEqual(['model.input.name', 'model.output.name']);
    expect(issues[0]!.message).toMatch(/^input "images" of m\.onnx has batch dimension 4, the app runs one image/);
    expect(issues[1]!.message).toMatch(/^output "output0" of m\.onnx has batch dimension 4/);
  });

  it('a symbolic batch is fine', () => {
    const bytes = Uint8Array.from(
      model([
        ...lField(11, valueInfo('images', ['batch', 3, 640, 640])),
        ...lField(12, valueInfo('output0', ['batch', 25200, 85])),
      ]),
    );
    expect(check(bytes)).toEqual([]);
  });

  it('external data is refused before onnxruntime sees it', () => {
    const issues = check(tinyModel({ external: true }), { input: { kind: 'dynamic', maxSide: 640 } });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('model.file');
    expect(issues[0]!.message).toMatch(
      /m\.onnx keeps 1 weight in separate files \(ONNX external data, e\.g\. "target"\)/,
    );
  });

  it('a missing output among 60 long-named ones is answered with a short list', () => {
    const graph: number[] = [...lField(11, valueInfo('x', [1, 3, 640, 640]))];
    for (let i = 0; i < 60; i++) graph.push(...lField(12, valueInfo(`out_${'y'.repeat(200)}_${i}`, [1, 85])));
    const issues = check(Uint8Array.from(model(graph)));
    for (const i of issues) short(i.message);
    expect(issues.find((i) => i.path === 'model.output.name')!.message).toContain('and 55 more');
  });

  it('the shipped header helper still passes', () => {
    expect(check(onnxHeader([1, 25200, 85]))).toEqual([]);
  });
});
