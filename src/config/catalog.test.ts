// The bundle catalog and the shipped bundles.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogText, loadConfigText } from './index.ts';

const MODELS = new URL('../../public/models/', import.meta.url);

describe('loadCatalogText', () => {
  it('accepts the shipped catalog', () => {
    const result = loadCatalogText(readFileSync(new URL('index.yaml', MODELS), 'utf8'));
    expect(result).toEqual({
      ok: true,
      catalog: { default: 'yolov5n', bundles: ['yolov5n', 'yolov5n-320', 'yolov5n-rect', 'yolov5n-legacy'] },
    });
  });

  it('refuses a default that is not listed', () => {
    const result = loadCatalogText('default: nope\nbundles: [a, b]\n');
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'default', line: 1, col: 10 }] });
    if (!result.ok)
      expect(result.issues[0]!.message).toMatch('must be one of the listed bundles (a, b), got the string "nope"');
  });

  it('refuses unknown keys, unsafe ids and duplicates', () => {
    const result = loadCatalogText('default: a\nbundles: [a, ../x, a]\ndefualt: a\n');
    if (result.ok) throw new Error('expected refusal');
    const paths = result.issues.map((i) => `${i.path} ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bundles\[1\] must be a folder name/),
        expect.stringMatching(/^defualt unknown key "defualt"; did you mean default\?/),
      ]),
    );
    const dup = loadCatalogText('default: a\nbundles: [a, b, a]\n');
    expect(!dup.ok && dup.issues[0]).toMatchObject({
      path: 'bundles[2]',
      message: expect.stringContaining('duplicate "a"'),
    });
  });
});

describe('shipped bundle configs', () => {
  const expected = {
    yolov5n: {
      schemaVersion: 2,
      name: 'YOLOv5n COCO 640',
      modelFile: 'yolov5n-640.onnx',
      input: { kind: 'static', width: 640, height: 640 },
    },
    'yolov5n-320': {
      schemaVersion: 2,
      modelFile: 'yolov5n-320.onnx',
      input: { kind: 'static', width: 320, height: 320 },
    },
    'yolov5n-rect': { schemaVersion: 2, modelFile: 'yolov5n-dynamic.onnx', input: { kind: 'dynamic', maxSide: 640 } },
    'yolov5n-legacy': {
      schemaVersion: 1,
      name: 'yolov5n-legacy',
      modelFile: 'yolov5n-640.onnx',
      input: { kind: 'static', width: 640, height: 640 },
    },
  };
  for (const [id, want] of Object.entries(expected)) {
    it(id, () => {
      const text = readFileSync(new URL(`${id}/config.yaml`, MODELS), 'utf8');
      expect(text.split('\n')[0]).toBe(
        `# yaml-language-server: $schema=../../schema/config.v${want.schemaVersion}.json`,
      );
      const result = loadConfigText(text, { id });
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.config).toMatchObject(want);
      expect(result.config.labels).toHaveLength(80);
      expect([result.config.labels[0], result.config.labels[9], result.config.labels[79]]).toEqual([
        'person',
        'traffic light',
        'toothbrush',
      ]);
    });
  }
});
