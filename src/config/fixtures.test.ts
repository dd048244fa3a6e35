// Every scenario from the issue, as a fixture: exact path, line:col, and the facts the message must carry.
import { describe, expect, it } from 'vitest';
import { loadConfigText } from './index.ts';
import { escapeRegExp, read, REFUSED } from './fixtures/cases.ts';

describe('refused fixtures', () => {
  for (const [file, want] of Object.entries(REFUSED)) {
    it(file, () => {
      const result = loadConfigText(read(file), { id: 'fixture' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const first = result.issues[0]!;
      expect({ path: first.path, line: first.line, col: first.col }).toEqual({
        path: want.path,
        line: want.line,
        col: want.col,
      });
      for (const fact of want.facts)
        expect(first.message).toMatch(typeof fact === 'string' ? escapeRegExp(fact) : fact);
      // Every issue is positioned, never left for the caller to guess.
      for (const issue of result.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
    });
  }

  it('forgot-version also reports the legacy schema issues, each at its node', () => {
    const result = loadConfigText(read('forgot-version.yaml'), { id: 'x' });
    if (result.ok) throw new Error('expected refusal');
    const byPath = new Map(result.issues.map((i) => [i.path, i]));
    expect(byPath.get('model_path')?.message).toMatch('required key is missing');
    expect(byPath.get('classes')?.message).toMatch('required key is missing');
    expect(byPath.get('model')).toMatchObject({
      line: 3,
      col: 1,
      message: expect.stringContaining('unknown key "model"'),
    });
    expect(byPath.get('labels')).toMatchObject({ line: 11, col: 1 });
  });
});

describe('refusals added with schema v3', () => {
  it('1001 labels are refused at labels, naming the limit; 1000 load', () => {
    const doc = (n: number) =>
      `schema_version: 3\nname: many\nmodel:\n  file: m.onnx\n  input: {name: images, size: [640, 640]}\n  output: {name: output0, format: yolov8}\nlabels: [${Array.from({ length: n }, (_, i) => `c${i}`).join(', ')}]\n`;
    const many = loadConfigText(doc(1001), { id: 'x' });
    if (many.ok) throw new Error('expected refusal');
    expect(many.issues).toEqual([
      {
        path: 'labels',
        line: 7,
        col: 9,
        message: 'lists 1001 class names; this app supports 1 to 1000 classes',
      },
    ]);
    const most = loadConfigText(doc(1000), { id: 'x' });
    expect(most.ok && most.config.labels).toHaveLength(1000);
  });

  it('a version-less yolov8 config is told to declare 3, a yolov5 one 2', () => {
    const eight = loadConfigText(read('forgot-version.yaml').replace('format: yolov5', 'format: yolov8'), { id: 'x' });
    expect(!eight.ok && eight.issues[0]!.message).toMatch('did you forget `schema_version: 3`?');
    const five = loadConfigText(read('forgot-version.yaml'), { id: 'x' });
    expect(!five.ok && five.issues[0]!.message).toMatch('did you forget `schema_version: 2`?');
  });
});

describe('valid fixtures', () => {
  it('v1-minimal loads through the v1 builder and reports the defaults it applied', () => {
    const result = loadConfigText(read('v1-minimal.yaml'), { id: 'old' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.report).toEqual({
      schemaVersion: 1,
      legacy: true,
      migratedFrom: 1,
      defaultsApplied: ['conf_threshold = 0.25', 'iou_threshold = 0.45'],
      warnings: [],
    });
    expect(result.config).toMatchObject({
      id: 'old',
      name: 'old',
      confidence: 0.25,
      iou: 0.45,
      input: { kind: 'static', width: 640, height: 640 },
    });
  });

  it('v3-yolov8 loads through the v3 builder with the yolov8 layout', () => {
    const result = loadConfigText(read('v3-yolov8.yaml'), { id: 'eight' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    // v4 is current, so a v3 document counts as converted, as v2 ones already did.
    expect(result.report).toMatchObject({ schemaVersion: 3, legacy: false, migratedFrom: 3 });
    expect(result.config).toMatchObject({
      schemaVersion: 3,
      outputFormat: 'yolov8',
      input: { kind: 'dynamic', maxSide: 640 },
      labels: ['person', 'bicycle', 'car'],
    });
  });

  it('v4-yolov8-transposed loads through the v4 builder with the transposed layout', () => {
    const result = loadConfigText(read('v4-yolov8-transposed.yaml'), { id: 'transposed' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.report).toMatchObject({ schemaVersion: 4, legacy: false, migratedFrom: null });
    expect(result.config).toMatchObject({
      schemaVersion: 4,
      outputFormat: 'yolov8-transposed',
      input: { kind: 'static', width: 640, height: 640 },
      labels: ['person', 'bicycle', 'car'],
    });
  });

  it('v2-full loads with no defaults applied', () => {
    const result = loadConfigText(read('v2-full.yaml'), { id: 'full' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.report).toEqual({
      schemaVersion: 2,
      legacy: false,
      migratedFrom: 2,
      defaultsApplied: [],
      warnings: [],
    });
    expect(result.config).toEqual({
      id: 'full',
      name: 'Test model',
      schemaVersion: 2,
      modelFile: 'model.onnx',
      inputName: 'images',
      outputName: 'output0',
      outputFormat: 'yolov5',
      input: { kind: 'static', width: 640, height: 480 },
      stride: 32,
      padValue: 0,
      confidence: 0.4,
      iou: 0.5,
      maxDetections: 100,
      classAgnostic: true,
      labels: ['person', 'bicycle', 'car'],
    });
  });
});
