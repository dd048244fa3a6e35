// YAML safety limits and line:col resolution.
import { describe, expect, it } from 'vitest';
import { loadConfigText, MAX_CONFIG_BYTES } from './index.ts';

const refuse = (text: string) => {
  const result = loadConfigText(text, { id: 'x' });
  if (result.ok) throw new Error('expected refusal');
  return result.issues;
};

describe('YAML safety', () => {
  it('refuses text over 256 KiB, naming size and limit', () => {
    const text = `model_path: m.onnx\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`;
    const [issue] = refuse(text);
    expect(issue).toMatchObject({ path: '', line: 1, col: 1 });
    expect(issue!.message).toMatch(/config is 256\.\d KiB \(\d+ bytes\), over the 256 KiB limit/);
  });

  it('accepts a config just under the limit (the limit is on bytes, not on validity)', () => {
    const head = 'model_path: m.onnx\ninput_size: 640\nclasses: [a]\n# ';
    const text = `${head + 'x'.repeat(MAX_CONFIG_BYTES - head.length - 1)}\n`;
    expect(loadConfigText(text, { id: 'x' }).ok).toBe(true);
  });

  it('refuses very deep nesting', () => {
    const deep = `a: ${'['.repeat(40)}${']'.repeat(40)}\n`;
    expect(refuse(deep)[0]!.message).toMatch(/nested deeper than 32 levels/);
  });

  it('refuses empty documents and scalars', () => {
    expect(refuse('# nothing\n')[0]!.message).toMatch('config is empty');
    expect(refuse('just a string\n')[0]!.message).toMatch('got a string');
    expect(refuse('42\n')[0]!.message).toMatch('got a number');
  });

  it('refuses duplicate keys with their position', () => {
    const [issue] = refuse('model_path: a.onnx\nmodel_path: b.onnx\n');
    expect(issue).toMatchObject({ path: '', line: 2, col: 1 });
    expect(issue!.message).toMatch(/invalid YAML: .*unique/i);
  });

  it('allows a harmless anchor/alias', () => {
    const result = loadConfigText('model_path: &m m.onnx\ninput_size: 640\nclasses: [*m]\n', { id: 'x' });
    expect(result.ok).toBe(true);
  });
});

describe('positions', () => {
  it('a missing key points at its parent mapping', () => {
    const issues = refuse(
      'schema_version: 2\nname: n\nmodel:\n  file: m.onnx\n  output: {name: o, format: yolov5}\nlabels: [a]\n',
    );
    const missing = issues.find((i) => i.path === 'model.input');
    expect(missing).toMatchObject({ line: 4, col: 3, message: 'required key is missing' });
  });

  it('an empty value is a type error, not a default', () => {
    const issues = refuse('model_path: m.onnx\ninput_size: 640\nconf_threshold:\nclasses: [a]\n');
    expect(issues[0]).toMatchObject({ path: 'conf_threshold', line: 3, col: 16 });
    expect(issues[0]!.message).toMatch('got an empty value (null)');
  });
});
