import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { copyOrtRuntime, ORT_FILES, setup } from './setup.ts';

let base: string;
let root: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'setup-'));
  root = join(base, 'project');
  return () => rmSync(base, { recursive: true, force: true });
});

function fakeOrt(): void {
  const dist = join(root, 'node_modules', 'onnxruntime-web', 'dist');
  mkdirSync(dist, { recursive: true });
  for (const f of ORT_FILES) writeFileSync(join(dist, f), `content of ${f}`);
}

it('copies the ort runtime files, then skips identical ones', async () => {
  fakeOrt();
  const first = await copyOrtRuntime({ projectRoot: root, log: () => {} });
  expect(first.copied).toEqual([...ORT_FILES]);
  expect(readFileSync(join(root, 'public', 'ort', ORT_FILES[1]), 'utf8')).toBe(`content of ${ORT_FILES[1]}`);
  const second = await copyOrtRuntime({ projectRoot: root, log: () => {} });
  expect(second.skipped).toEqual([...ORT_FILES]);
});

it('reports a missing onnxruntime-web without throwing', async () => {
  const r = await copyOrtRuntime({ projectRoot: root, log: () => {} });
  expect(r.ok).toBe(false);
  expect(r.message).toContain('onnxruntime-web');
});

/** A one-bundle catalog: provisioning reads which model it needs from it. */
function fakeCatalog(): void {
  const models = join(root, 'public', 'models');
  mkdirSync(join(models, 'a'), { recursive: true });
  writeFileSync(join(models, 'index.yaml'), 'default: a\nbundles: [a]\n');
  writeFileSync(join(models, 'a', 'config.yaml'), 'schema_version: 2\nmodel:\n  file: yolov5n-640.onnx\n');
}

it('setup resolves (never throws) when no model source exists, and says how to fix it', async () => {
  fakeOrt();
  fakeCatalog();
  const lines: string[] = [];
  const r = await setup({ projectRoot: root, env: {}, log: (l) => lines.push(l) });
  expect(r.ok).toBe(false);
  expect(lines.join('\n')).toContain('YOLO_MODELS_DIR=/path/to/folder npm run models');
  expect(readFileSync(join(root, 'public', 'models', 'provision-error.txt'), 'utf8')).toContain('Sources tried:');
});

it('setup without a catalog says which file is missing and what to do', async () => {
  fakeOrt();
  const lines: string[] = [];
  const r = await setup({ projectRoot: root, env: {}, log: (l) => lines.push(l) });
  expect(r.ok).toBe(false);
  expect(lines.join('\n')).toMatch(/public\/models\/index\.yaml does not exist.*restore it/);
});
