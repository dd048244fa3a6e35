import { describe, expect, it } from 'vitest';
import { describeLayout, expectedAnchors, formatShape, inferOutputLayout } from './output-layout.ts';

const IN_640 = [1, 3, 640, 640];

describe('expectedAnchors', () => {
  it('counts grid cells at strides 8, 16, 32 (and 64), once and three times', () => {
    expect(expectedAnchors(IN_640)).toEqual([8400, 25200, 8500, 25500]);
    expect(expectedAnchors([1, 3, 320, 320])).toContain(6300);
    expect(expectedAnchors(['batch', 3, 'height', 'width'])).toEqual([]);
    expect(expectedAnchors(null)).toEqual([]);
  });
});

describe('inferOutputLayout', () => {
  it.each([
    // [output shape, input shape, expected]
    [[1, 84, 8400], IN_640, { kind: 'yolov8', classes: 80, anchors: 8400 }],
    [[1, 84, 25200], IN_640, { kind: 'yolov8', classes: 80, anchors: 25200 }],
    [[1, 5, 8400], IN_640, { kind: 'yolov8', classes: 1, anchors: 8400 }],
    [[1, 7, 8400], IN_640, { kind: 'yolov8', classes: 3, anchors: 8400 }],
    [[1, 6, 8400], IN_640, { kind: 'yolov8', classes: 2, anchors: 8400 }],
    [[1, 25200, 85], IN_640, { kind: 'yolov5', classes: 80, anchors: 25200 }],
    [[1, 25200, 6], IN_640, { kind: 'yolov5', classes: 1, anchors: 25200 }],
    [[1, 8400, 8], IN_640, { kind: 'yolov5', classes: 3, anchors: 8400 }],
    [[1, 300, 6], IN_640, { kind: 'nms-free', boxes: 300 }],
    [[1, 300, 6], null, { kind: 'nms-free', boxes: 300 }],
    // Without a fixed input, the larger dimension is the anchors.
    [[1, 84, 8400], null, { kind: 'yolov8', classes: 80 }],
    [[1, 8400, 85], null, { kind: 'yolov5', classes: 80 }],
    // Dynamic exports: the fixed dimension holds the classes.
    [['batch', 84, 'anchors'], ['batch', 3, 'height', 'width'], { kind: 'yolov8', classes: 80, anchors: 'anchors' }],
    [['batch', 'anchors', 85], ['batch', 3, 'height', 'width'], { kind: 'yolov5', classes: 80 }],
  ])('%j with input %j', (output, input, want) => {
    expect(inferOutputLayout(output, input)).toMatchObject(want);
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
  });
});

describe('messages', () => {
  it('formats shapes and layouts the way refusals quote them', () => {
    expect(formatShape([1, 84, 8400])).toBe('[1, 84, 8400]');
    expect(formatShape(['batch', 84, null])).toBe('[batch, 84, ?]');
    expect(describeLayout(inferOutputLayout([1, 84, 8400], IN_640))).toBe(
      'yolov8 layout: 4 + 80 classes, 8400 anchors',
    );
    expect(describeLayout(inferOutputLayout([1, 25200, 85], IN_640))).toBe(
      'yolov5 layout: 25200 anchors, 5 + 80 classes',
    );
  });
});
