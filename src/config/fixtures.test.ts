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

  it('v2-full loads with no defaults applied', () => {
    const result = loadConfigText(read('v2-full.yaml'), { id: 'full' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.report).toEqual({
      schemaVersion: 2,
      legacy: false,
      migratedFrom: null,
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
