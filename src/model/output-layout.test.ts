import { describe, expect, it } from 'vitest';
import {
  describeLayout,
  expectedAnchors,
  formatShape,
  inferOutputLayout,
  isReading,
  outputReadings,
  type Reading,
} from './output-layout.ts';

const IN_640 = [1, 3, 640, 640];
const IN_320 = [1, 3, 320, 320];
const DYN = ['batch', 3, 'height', 'width'];

describe('expectedAnchors', () => {
  it('counts grid cells at strides 8, 16, 32 (P6 adds 64, P2 adds 4), once and three times', () => {
    expect(expectedAnchors(IN_640)).toEqual([8400, 25200, 8500, 25500, 34000, 102000]);
    expect(expectedAnchors(IN_320)).toContain(6300);
    expect(expectedAnchors([1, 3, 384, 640])).toContain(5040 * 3);
    expect(expectedAnchors(DYN)).toEqual([]);
    expect(expectedAnchors(null)).toEqual([]);
  });
});

describe('inferOutputLayout: decoded', () => {
  it.each([
    // [what, output, input, names count (null: no names metadata), expected]
    [
      'YOLOv5 at 640: 25200 = 3 per cell',
      [1, 25200, 85],
      IN_640,
      null,
      { kind: 'yolov5', classes: 80, anchors: 25200 },
    ],
    ['YOLOv5 at 320: 6300 = 3 per cell', [1, 6300, 85], IN_320, null, { kind: 'yolov5', classes: 80, anchors: 6300 }],
    ['YOLOv5 at 640, one class', [1, 25200, 6], IN_640, null, { kind: 'yolov5', classes: 1 }],
    ['YOLOv5 P6 at 640: 25500', [1, 25500, 85], IN_640, 80, { kind: 'yolov5', classes: 80, anchors: 25500 }],
    ['YOLOv5 at 640x384 (rectangle)', [1, 15120, 85], [1, 3, 384, 640], 80, { kind: 'yolov5', anchors: 15120 }],
    ['YOLOv8 at 640: 8400 = 1 per cell', [1, 84, 8400], IN_640, null, { kind: 'yolov8', classes: 80, anchors: 8400 }],
    ['YOLOv8 with names', [1, 84, 8400], IN_640, 80, { kind: 'yolov8', classes: 80 }],
    ['YOLOv8 layout at 25200 (the shared test models)', [1, 84, 25200], IN_640, 80, { kind: 'yolov8', anchors: 25200 }],
    ['YOLOv8, 1 class', [1, 5, 8400], IN_640, null, { kind: 'yolov8', classes: 1 }],
    ['YOLOv8, 2 classes', [1, 6, 8400], IN_640, null, { kind: 'yolov8', classes: 2 }],
    [
      'transposed YOLOv8 at 8400',
      [1, 8400, 84],
      IN_640,
      null,
      { kind: 'yolov8-transposed', classes: 80, anchors: 8400 },
    ],
    ['transposed YOLOv8 at 8400, names agree', [1, 8400, 84], IN_640, 80, { kind: 'yolov8-transposed', classes: 80 }],
    [
      'transposed YOLOv8, 2 classes (not NMS-free: 8400 is a grid)',
      [1, 8400, 6],
      IN_640,
      null,
      { kind: 'yolov8-transposed', classes: 2 },
    ],
    [
      'transposed at 25200: names say 80, so 4 + 80 and not 5 + 79',
      [1, 25200, 84],
      IN_640,
      80,
      { kind: 'yolov8-transposed', classes: 80, support: 'names' },
    ],
    ['25200 x 84 without names: YOLOv5 (3 per cell)', [1, 25200, 84], IN_640, null, { kind: 'yolov5', classes: 79 }],
    ['25200 x 84 with 79 names: YOLOv5', [1, 25200, 84], IN_640, 79, { kind: 'yolov5', classes: 79 }],
    [
      'dynamic YOLOv8 (anchors last)',
      ['batch', 84, 'anchors'],
      DYN,
      null,
      { kind: 'yolov8', classes: 80, anchors: 'anchors' },
    ],
    ['dynamic rows, names say 80: YOLOv5', ['batch', 'anchors', 85], DYN, 80, { kind: 'yolov5', classes: 80 }],
    [
      'dynamic rows, names say 81: transposed',
      ['batch', 'anchors', 85],
      DYN,
      81,
      { kind: 'yolov8-transposed', classes: 81 },
    ],
    ['fixed input, symbolic anchors', [1, 'anchors', 85], IN_640, 80, { kind: 'yolov5', classes: 80 }],
    ['fixed dims, dynamic input: anchors last', [1, 84, 8400], DYN, null, { kind: 'yolov8', classes: 80 }],
    ['fixed dims, dynamic input: rows, names decide', [1, 25200, 85], DYN, 80, { kind: 'yolov5', classes: 80 }],
  ])('%s: %j at %j, names %j', (_what, output, input, names, want) => {
    expect(inferOutputLayout(output, input, names)).toMatchObject(want);
  });
});

describe('inferOutputLayout: refused, never guessed', () => {
  it('[1, 300, 84]: RT-DETR query boxes, with or without names, at a fixed or dynamic input', () => {
    for (const input of [IN_640, DYN])
      for (const names of [null, 80, 79])
        expect(inferOutputLayout([1, 300, 84], input, names)).toEqual({ kind: 'detr', queries: 300, classes: 80 });
    expect(inferOutputLayout(['batch', 300, 84], DYN)).toEqual({ kind: 'detr', queries: 300, classes: 80 });
  });

  it('[1, 300, 6]: final boxes of an NMS-free export', () => {
    expect(inferOutputLayout([1, 300, 6], IN_640)).toEqual({ kind: 'nms-free', boxes: 300 });
    expect(inferOutputLayout([1, 300, 6], null)).toEqual({ kind: 'nms-free', boxes: 300 });
    expect(inferOutputLayout([1, 300, 6], IN_640, 1)).toEqual({ kind: 'nms-free', boxes: 300 });
  });

  it('[1, 8400, 84] with 79 names: the shape is the transposed layout with 80, YOLOv5 with 79 only as an alternative', () => {
    const r = inferOutputLayout([1, 8400, 84], IN_640, 79);
    expect(r).toMatchObject({
      kind: 'names-mismatch',
      names: 79,
      readings: [{ kind: 'yolov8-transposed', classes: 80, support: 'shape' }],
      alternative: { kind: 'yolov5', classes: 79, support: 'config' },
    });
  });

  it('[1, 84, 8400] with 79 names: disagrees, and the shape says yolov8 with 80', () => {
    expect(inferOutputLayout([1, 84, 8400], IN_640, 79)).toMatchObject({
      kind: 'names-mismatch',
      readings: [{ kind: 'yolov8', classes: 80 }],
      alternative: null,
    });
  });

  it('dynamic rows without names: YOLOv5 or transposed, which only names could tell', () => {
    const r = inferOutputLayout(['batch', 'anchors', 85], DYN);
    expect(r).toMatchObject({
      kind: 'ambiguous',
      readings: [
        { kind: 'yolov5', classes: 80 },
        { kind: 'yolov8-transposed', classes: 81 },
      ],
    });
  });

  it('dynamic rows with names that fit neither: disagreement listing both readings', () => {
    expect(inferOutputLayout(['batch', 'anchors', 85], DYN, 3)).toMatchObject({
      kind: 'names-mismatch',
      readings: [{ kind: 'yolov5' }, { kind: 'yolov8-transposed' }],
    });
  });

  it('a prediction count the input does not have is not read as anchors', () => {
    const r = inferOutputLayout([1, 7000, 85], IN_640);
    expect(r).toEqual({
      kind: 'unknown',
      why: 'neither 7000 nor 85 is a prediction count of the 640x640 input, which has 8400 grid cells at strides 8, 16, 32 (8400 predictions at one per cell, 25200 at three)',
    });
    // The 640 model's output with a 320 input: 25200 is not a count of 320x320.
    expect(inferOutputLayout([1, 25200, 85], IN_320).kind).toBe('unknown');
    expect(inferOutputLayout([1, 84, 7000], IN_640).kind).toBe('unknown');
  });

  it('says why when the shape cannot tell', () => {
    expect(inferOutputLayout(['batch', 'anchors', 'Concatoutput0_dim_2'], null)).toEqual({
      kind: 'unknown',
      why: 'its class dimension is not fixed',
    });
    expect(inferOutputLayout([1, 84, 8400, 1], IN_640)).toMatchObject({
      kind: 'unknown',
      why: expect.stringMatching(/rank 4/),
    });
    expect(inferOutputLayout(null, IN_640)).toMatchObject({ kind: 'unknown' });
    expect(inferOutputLayout([1, 4, 4], null)).toMatchObject({ kind: 'unknown' });
    expect(inferOutputLayout([1, 84, 300], IN_640)).toMatchObject({ kind: 'unknown' });
  });
});

describe('outputReadings: what a config may name', () => {
  const kinds = (r: ReturnType<typeof outputReadings>) =>
    Array.isArray(r) ? r.map((x) => `${x.kind}:${x.classes}:${x.support}`) : r.kind;

  it('rows at one per grid cell allow YOLOv5-style rows only by a config (anchor-free exports: YOLOv6, YOLOX)', () => {
    expect(kinds(outputReadings([1, 8400, 85], IN_640))).toEqual(['yolov8-transposed:81:shape', 'yolov5:80:config']);
  });

  it('rows at three per cell: YOLOv5 by the shape, transposed when names confirm', () => {
    expect(kinds(outputReadings([1, 25200, 85], IN_640))).toEqual(['yolov5:80:shape', 'yolov8-transposed:81:names']);
  });

  it('a count the input does not have: only a config can name a layout, never DETR or NMS-free ones', () => {
    expect(kinds(outputReadings([1, 7000, 85], IN_640))).toEqual(['yolov5:80:config', 'yolov8-transposed:81:config']);
    expect(kinds(outputReadings([1, 300, 84], IN_640))).toBe('detr');
    expect(kinds(outputReadings([1, 300, 6], IN_640))).toBe('nms-free');
  });

  it('tiny inputs whose grid has few cells are still grids, not query boxes', () => {
    // 64x64: 64 + 16 + 4 = 84 cells.
    expect(kinds(outputReadings([1, 84, 84], [1, 3, 64, 64]))).toEqual([
      'yolov8:80:shape',
      'yolov8-transposed:80:shape',
      'yolov5:79:config',
    ]);
    expect(inferOutputLayout([1, 84, 84], [1, 3, 64, 64])).toMatchObject({ kind: 'ambiguous' });
  });
});

describe('messages', () => {
  const reading = (o: (number | string)[], i: (number | string)[] | null, n: number | null = null): Reading => {
    const r = inferOutputLayout(o, i, n);
    if (!isReading(r)) throw new Error(`not decoded: ${JSON.stringify(r)}`);
    return r;
  };

  it('formats shapes and layouts the way refusals quote them', () => {
    expect(formatShape([1, 84, 8400])).toBe('[1, 84, 8400]');
    expect(formatShape(['batch', 84, null])).toBe('[batch, 84, ?]');
    expect(describeLayout(reading([1, 84, 8400], IN_640))).toBe('yolov8 layout: 4 + 80 classes, 8400 anchors');
    expect(describeLayout(reading([1, 25200, 85], IN_640))).toBe('yolov5 layout: 25200 anchors, 5 + 80 classes');
    expect(describeLayout(reading([1, 8400, 84], IN_640))).toBe(
      'yolov8-transposed layout: 8400 anchors, 4 + 80 classes',
    );
  });

  it('says why the shape reads so', () => {
    expect(reading([1, 8400, 84], IN_640).why).toBe(
      '8400 = one prediction per grid cell of the 640x640 input at strides 8, 16, 32',
    );
    expect(reading([1, 25200, 85], IN_640).why).toBe(
      '25200 = three predictions per grid cell of the 640x640 input at strides 8, 16, 32',
    );
  });
});

describe('dynamic rows of 5 values', () => {
  it('only the transposed reading (YOLOv5 needs 6), and the reason says only it', () => {
    const r = outputReadings(['batch', 'anchors', 5], DYN);
    expect(r).toEqual([
      {
        kind: 'yolov8-transposed',
        anchors: 'anchors',
        classes: 1,
        support: 'names',
        why: 'the prediction count "anchors" is dynamic, and 5 values per prediction are 4 + 1 classes (yolov8-transposed)',
      },
    ]);
  });
});
