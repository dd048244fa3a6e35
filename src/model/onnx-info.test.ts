import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OnnxReadError, readOnnxInfo } from './onnx-info.ts';
import { describeShared, HAVE_SHARED, SHARED_MODELS, sharedFile } from '../test-support/shared.ts';
import { lField, valueInfo, varint, vField } from '../test-support/protobuf-writer.ts';

const MODELS = SHARED_MODELS;
const load = (name: string) => (!HAVE_SHARED ? new Uint8Array() : new Uint8Array(readFileSync(`${MODELS}/${name}`)));

describeShared('readOnnxInfo on the real models', () => {
  it.each([
    ['yolov5n-640.onnx', [1, 3, 640, 640], [1, 25200, 85]],
    ['yolov5n-320.onnx', [1, 3, 320, 320], [1, 6300, 85]],
    ['yolov5n-dynamic.onnx', ['batch', 3, 'height', 'width'], ['batch', 'anchors', 'Concatoutput0_dim_2']],
  ])('%s', (file, inShape, outShape) => {
    const bytes = load(file);
    const t0 = performance.now();
    const info = readOnnxInfo(bytes);
    const ms = performance.now() - t0;
    console.log(`readOnnxInfo(${file}, ${(bytes.length / 1e6).toFixed(1)} MB): ${ms.toFixed(2)} ms`);
    expect(info.irVersion).toBe(7);
    expect(info.opsetVersion).toBe(12);
    expect(info.producer).toBe('pytorch');
    expect(info.inputs).toEqual([{ name: 'images', elemType: 'float32', shape: inShape }]);
    expect(info.outputs).toEqual([{ name: 'output0', elemType: 'float32', shape: outShape }]);
    expect(Object.keys(info.metadata).sort()).toEqual(['names', 'stride']);
    expect(info.stride).toBe(32);
    expect(info.names).toHaveLength(80);
    expect(info.names![0]).toBe('person');
    expect(info.names![1]).toBe('bicycle');
    expect(info.names![79]).toBe('toothbrush');
  });

  it('is fast on repeated reads (timing printed, not asserted)', () => {
    const bytes = load('yolov5n-640.onnx');
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) readOnnxInfo(bytes);
    console.log(`readOnnxInfo(yolov5n-640.onnx) warm average: ${((performance.now() - t0) / 20).toFixed(2)} ms`);
  });
});

describe('readOnnxInfo on synthetic models', () => {
  it('excludes graph inputs that are initializers, and reads unknown dims as null', () => {
    const weight = [...lField(8, 'conv.weight'), ...lField(9, new Array(64).fill(7))];
    const graph = [
      ...lField(11, valueInfo('x', [1, 3, 'h', 'w'])),
      ...lField(11, valueInfo('conv.weight', [16, 3, 3, 3])),
      ...lField(5, weight),
      ...lField(12, [...lField(1, 'y'), ...lField(2, lField(1, [...vField(1, 10), ...lField(2, lField(1, []))]))]),
    ];
    const model = new Uint8Array([
      ...vField(1, 3),
      ...lField(2, 'test'),
      ...lField(7, graph),
      ...lField(8, [...lField(1, 'com.custom'), ...vField(2, 1)]),
      ...lField(8, [...lField(1, ''), ...vField(2, 9)]),
      // Unknown fields of every wire type must be skipped.
      ...varint(99 * 8 + 1),
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      ...varint(98 * 8 + 5),
      1,
      2,
      3,
      4,
      ...vField(97, 300),
    ]);
    const info = readOnnxInfo(model);
    expect(info.irVersion).toBe(3);
    expect(info.opsetVersion).toBe(9);
    expect(info.inputs.map((i) => i.name)).toEqual(['x']);
    expect(info.outputs).toEqual([{ name: 'y', elemType: 'float16', shape: [null] }]);
    expect(info.stride).toBeNull();
    expect(info.names).toBeNull();
  });

  it('reports a missing graph and a missing ir_version', () => {
    expect(() => readOnnxInfo(new Uint8Array(vField(1, 7)))).toThrow(/no graph/);
    expect(() => readOnnxInfo(new Uint8Array(lField(7, [])))).toThrow(/ir_version missing/);
  });
});

describeShared('readOnnxInfo rejects invalid files', () => {
  const reasonOf = (bytes: Uint8Array): string => {
    try {
      readOnnxInfo(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(OnnxReadError);
      return (e as OnnxReadError).reason;
    }
    throw new Error('expected OnnxReadError');
  };
  const model = load('yolov5n-640.onnx');

  it('empty file', () => expect(reasonOf(new Uint8Array())).toBe('file is empty'));

  it.each([1, 10, 1000, 100_000, Math.floor(model.length / 2), model.length - 1])('truncated to %i bytes', (n) => {
    expect(reasonOf(model.subarray(0, n))).toBe(`truncated at byte ${n}`);
  });

  it('random bytes', () => {
    let seed = 12345;
    const bytes = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    expect(reasonOf(bytes)).toMatch(/^not a protobuf ModelProto|^truncated/);
  });

  it('a JPEG renamed .onnx', () => {
    expect(reasonOf(new Uint8Array(readFileSync(sharedFile('images/bus.jpg'))))).toMatch(
      /^not a protobuf ModelProto \(/,
    );
  });

  it('a PNG renamed .onnx', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0];
    expect(reasonOf(new Uint8Array(png))).toMatch(/^not a protobuf ModelProto/);
  });

  it('a text file renamed .onnx', () => {
    expect(reasonOf(new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:abc\n'))).toMatch(
      /^not a protobuf ModelProto/,
    );
  });
});
