// Registry self-checks, version selection, and adding a version by registering one module.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  defaultRegistry,
  defineSchemaVersion,
  loadConfigText,
  SUPPORTED_VERSIONS,
  v1,
  v2,
  v3,
  v4,
  type SchemaVersion,
} from './index.ts';
import { strictMapping } from './schemas/fields.ts';

/** A test-only v5: v2's shape reduced to a flat form, to prove a version is one module + one registration. */
const testV5 = defineSchemaVersion({
  version: 5,
  legacy: false,
  modelFilePath: 'onnx',
  schema: strictMapping(
    {
      schema_version: v.literal(5),
      title: v.string(),
      onnx: v.string(),
      side: v.number(),
      labels: v.array(v.string()),
    },
    'v5',
  ),
  build: (doc, ctx) => ({
    ...v2.build(
      {
        schema_version: 2,
        name: doc.title,
        model: {
          file: doc.onnx,
          input: { name: 'images', size: [doc.side, doc.side] },
          output: { name: 'output0', format: 'yolov5' },
        },
        labels: doc.labels,
      },
      ctx,
    ),
    schemaVersion: 5,
  }),
});

const V5_DOC = 'schema_version: 5\ntitle: Three\nonnx: m.onnx\nside: 320\nlabels: [a]\n';

describe('registry self-check', () => {
  it('default registry supports 1 to 4, v1 legacy', () => {
    expect(SUPPORTED_VERSIONS).toEqual([1, 2, 3, 4]);
    expect(defaultRegistry.legacy.map((e) => e.version)).toEqual([1]);
  });

  it('throws on duplicate versions', () => {
    expect(() => createRegistry([v1, v2, { ...v2 }])).toThrow(/schema v2 is registered twice/);
  });

  it('throws on a schema without builder', () => {
    const noBuilder = {
      version: 4,
      legacy: false,
      schema: v.object({}),
      modelFilePath: 'x',
    } as unknown as SchemaVersion;
    expect(() => createRegistry([v1, noBuilder])).toThrow(/schema v4 has no builder/);
  });

  it('throws on a version that is not a positive integer, and on an empty registry', () => {
    expect(() => createRegistry([{ ...v2, version: 0 }])).toThrow(/positive integer/);
    expect(() => createRegistry([{ ...v2, version: 2.5 }])).toThrow(/positive integer/);
    expect(() => createRegistry([])).toThrow(/no schema versions/);
  });
});

describe('selection', () => {
  it('a declared version goes to that version only', () => {
    const result = loadConfigText('schema_version: 1\nmodel_path: m.onnx\ninput_size: 640\nclasses: [a]\n', {
      id: 'x',
    });
    expect(result.ok && result.report.schemaVersion).toBe(1);
    const v2doc = loadConfigText('schema_version: 2\nmodel_path: m.onnx\ninput_size: 640\nclasses: [a]\n', { id: 'x' });
    expect(v2doc.ok).toBe(false);
    if (!v2doc.ok) expect(v2doc.issues.map((i) => i.path)).toContain('model_path');
  });

  it('two matching legacy schemas are an error', () => {
    const v1b = { ...v1, version: 5 };
    const result = loadConfigText('model_path: m.onnx\ninput_size: 640\nclasses: [a]\n', {
      id: 'x',
      registry: createRegistry([v1, v1b, v2]),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/matches several legacy schemas \(v1, v5\)/);
  });

  it('reports each legacy schema’s issues when none matches', () => {
    const v1b = { ...v1, version: 5 };
    const result = loadConfigText('input_size: 640\nclasses: [a]\n', {
      id: 'x',
      registry: createRegistry([v1, v1b, v2]),
    });
    if (result.ok) throw new Error('expected refusal');
    const messages = result.issues.map((i) => i.message);
    expect(messages).toContain('[as v1] required key is missing');
    expect(messages).toContain('[as v5] required key is missing');
  });

  it('an unregistered older version is refused as unsupported', () => {
    const result = loadConfigText('schema_version: 1\n', { id: 'x', registry: createRegistry([v2]) });
    expect(!result.ok && result.issues[0]!.message).toMatch(
      'schema version 1 is not supported by this app (supported: 2)',
    );
  });
});

describe('adding a version', () => {
  it('a test-only v5 loads once registered, and v4 then counts as migrated', () => {
    const registry = createRegistry([v1, v2, v3, v4, testV5]);
    const five = loadConfigText(V5_DOC, { id: 't', registry });
    if (!five.ok) throw new Error(JSON.stringify(five.issues));
    expect(five.config).toMatchObject({
      schemaVersion: 5,
      name: 'Three',
      input: { kind: 'static', width: 320, height: 320 },
    });
    expect(five.report).toMatchObject({ schemaVersion: 5, legacy: false, migratedFrom: null });
    const four = loadConfigText(
      'schema_version: 4\nname: n\nmodel:\n  file: m.onnx\n  input: {name: i, size: [32, 32]}\n  output: {name: o, format: yolov8-transposed}\nlabels: [a]\n',
      { id: 't', registry },
    );
    expect(four.ok && four.report.migratedFrom).toBe(4);
  });

  it('an app that knows only v1–v3 refuses a v4 config (yolov8-transposed) as newer, not as a bad format', () => {
    const before = createRegistry([v1, v2, v3]);
    const doc =
      'schema_version: 4\nname: n\nmodel:\n  file: m.onnx\n  input: {name: i, size: [640, 640]}\n  output: {name: o, format: yolov8-transposed}\nlabels: [a]\n';
    const result = loadConfigText(doc, { id: 't', registry: before });
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({
        path: 'schema_version',
        message: 'schema version 4 is newer than this app understands (1–3); update the app',
      }),
    ]);
    expect(loadConfigText(doc, { id: 't' }).ok).toBe(true);
  });

  it('without registration the same document is from the future', () => {
    const result = loadConfigText(V5_DOC, { id: 't' });
    expect(!result.ok && result.issues[0]!.message).toMatch('newer than this app understands (1–4)');
  });
});
