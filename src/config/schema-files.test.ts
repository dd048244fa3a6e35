// The committed JSON Schemas must match what `npm run schema` generates now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, SCHEMA_DIR } from '../../scripts/schema.ts';

describe('public/schema', () => {
  const files = buildJsonSchemas();

  it('has one file per registered version', () => {
    expect(Object.keys(files).sort()).toEqual(['config.v1.json', 'config.v2.json', 'config.v3.json', 'config.v4.json']);
  });

  for (const [name, text] of Object.entries(files)) {
    it(`${name} is current (run npm run schema if not)`, () => {
      expect(readFileSync(`${SCHEMA_DIR}/${name}`, 'utf8')).toBe(text);
    });
  }

  it('closes every mapping and carries the ranges', () => {
    const v2 = JSON.parse(files['config.v2.json']!);
    expect(v2.additionalProperties).toBe(false);
    expect(v2.properties.postprocess.additionalProperties).toBe(false);
    expect(v2.properties.postprocess.properties.confidence).toMatchObject({
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
    });
    expect(v2.required).toEqual(expect.arrayContaining(['schema_version', 'name', 'model', 'labels']));
  });

  it('v2 names only the yolov5 layout, v3 yolov8 too, v4 the transposed one as well', () => {
    const format = (name: string) =>
      JSON.parse(files[name]!).properties.model.properties.output.properties.format as { enum: string[] };
    expect(format('config.v2.json').enum).toEqual(['yolov5']);
    expect(format('config.v3.json').enum).toEqual(['yolov5', 'yolov8']);
    expect(format('config.v4.json').enum).toEqual(['yolov5', 'yolov8', 'yolov8-transposed']);
    expect(JSON.parse(files['config.v3.json']!).properties.labels.maxItems).toBe(1000);
  });
});
