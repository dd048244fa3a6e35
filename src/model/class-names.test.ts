import { describe, expect, it } from 'vitest';
import { labelsFromNames } from './class-names.ts';

const map = (list: (string | undefined)[]) =>
  new Map(list.flatMap((v, i) => (v === undefined ? [] : [[i, v] as [number, string]])));

describe('labelsFromNames', () => {
  it('usable names are the labels, with no warning', () => {
    expect(labelsFromNames(map(['person', 'car']), 2, 'm.onnx')).toEqual({
      labels: ['person', 'car'],
      placeholders: [],
      warning: null,
    });
  });

  it('an empty, a whitespace-only and a missing name become "class i"', () => {
    const r = labelsFromNames(map(['', 'car', ' \t', undefined]), 4, 'm.onnx');
    expect(r.labels).toEqual(['class 0', 'car', 'class 2', 'class 3']);
    expect(r.placeholders).toEqual([0, 2, 3]);
    expect(r.warning).toBe(
      'names metadata of m.onnx: classes 0 and 2 are empty, class 3 has no name; shown as "class 0", "class 2", "class 3"; to name them, download config.yaml, fix those labels and drop it together with m.onnx',
    );
  });

  it('every class of a repeated name gets its id, so none of them is mistaken for another', () => {
    const r = labelsFromNames(map(['car', 'bus', 'car', 'car', 'bus']), 5, 'm.onnx');
    expect(r.labels).toEqual(['car (0)', 'bus (1)', 'car (2)', 'car (3)', 'bus (4)']);
    expect(r.warning).toBe(
      'names metadata of m.onnx: classes 0, 2 and 3 are all "car", classes 1 and 4 are both "bus"; shown as "car (0)", "bus (1)", "car (2)", "car (3)", "bus (4)"; to name them, download config.yaml, fix those labels and drop it together with m.onnx',
    );
  });

  it('labels are always unique and non-empty, even when names look like placeholders', () => {
    const r = labelsFromNames(map(['class 1', '', 'class 1 (2)', 'x', 'x (3)', 'x']), 6, 'm.onnx');
    expect(new Set(r.labels).size).toBe(6);
    expect(r.labels).toEqual(['class 1', 'class 1 (3)', 'class 1 (2)', 'class 3', 'x (3)', 'x (5)']);
  });

  it('a long name is cut in the warning, not in the label', () => {
    const long = 'n'.repeat(500);
    const r = labelsFromNames(map([long, long]), 2, 'm.onnx');
    expect(r.labels[0]).toBe(`${long} (0)`);
    expect(r.warning!.length).toBeLessThan(400);
  });
});
