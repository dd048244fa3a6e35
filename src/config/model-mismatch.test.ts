// Scenario "config not updated for a new model": needs the real models from ../shared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkModelBytes } from '../model/check-model-bytes.ts';
import { describeShared, SHARED_MODELS } from '../test-support/shared.ts';
import { loadConfigText } from './index.ts';
import { validateConfigFile } from '../../scripts/validate.ts';

const FIX = 'src/config/fixtures';
const model = (f: string) => join(SHARED_MODELS, f);

function check(fixture: string, modelFile: string) {
  const parsed = loadConfigText(readFileSync(join(FIX, fixture), 'utf8'), { id: 'fixture' });
  if (!parsed.ok) throw new Error(`fixture should parse: ${JSON.stringify(parsed.issues)}`);
  return checkModelBytes(new Uint8Array(readFileSync(model(modelFile))), parsed.config, modelFile);
}

describeShared('config not updated for a new model', () => {
  it('config says 640, model takes 320: refused naming both sides', () => {
    const r = check('stale-size-for-320-model.yaml', 'yolov5n-320.onnx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ path: 'model.input.size' });
    expect(r.issues[0]!.message).toMatch(/config says 640x640, model takes 320x320/);
  });

  it('79 labels for 80 classes: refused naming both counts', () => {
    const r = check('labels-79.yaml', 'yolov5n-640.onnx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const labels = r.issues.find((i) => i.path === 'labels');
    expect(labels?.message).toMatch(/config lists 79 labels, model outputs 80 classes/);
  });

  it('the same through npm run validate: one file:line:col path: message line per problem, exit 1', () => {
    const size = validateConfigFile(join(FIX, 'stale-size-for-320-model.yaml'), { model: model('yolov5n-320.onnx') });
    expect(size.ok).toBe(false);
    expect(size.err.join('\n')).toMatch(
      /stale-size-for-320-model\.yaml:\d+:\d+ model\.input\.size: config says 640x640, model takes 320x320/,
    );
    const labels = validateConfigFile(join(FIX, 'labels-79.yaml'), { model: model('yolov5n-640.onnx') });
    expect(labels.ok).toBe(false);
    expect(labels.err.join('\n')).toMatch(
      /labels-79\.yaml:\d+:\d+ labels: config lists 79 labels, model outputs 80 classes/,
    );
  });

  it('a non-ONNX file as the model is refused as model.file: <name> is not a valid ONNX model', () => {
    const parsed = loadConfigText(readFileSync(join(FIX, 'labels-79.yaml'), 'utf8'), { id: 'x' });
    if (!parsed.ok) throw new Error('fixture should parse');
    const r = checkModelBytes(new TextEncoder().encode('not a model'), parsed.config, 'fake.onnx');
    expect(r).toMatchObject({
      ok: false,
      issues: [{ path: 'model.file', message: expect.stringMatching(/^fake\.onnx is not a valid ONNX model \(.+\)$/) }],
    });
  });
});
