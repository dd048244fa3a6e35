import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { ERROR_FILE, parseSums, progressLine, provisionModels, readNeededModels } from './provision-models.ts';
import { describeShared, SHARED_MODELS } from '../src/test-support/shared.ts';

const SHARED = SHARED_MODELS;
const FILES = ['yolov5n-640.onnx', 'yolov5n-320.onnx', 'yolov5n-dynamic.onnx'];
const BUNDLES = ['yolov5n', 'yolov5n-320', 'yolov5n-rect', 'yolov5n-legacy'];

let base: string;
let root: string;
let lines: string[];
const log = (l: string) => lines.push(l);
// sharedDir points nowhere so only the source under test can supply files.
const noShared = () => join(base, 'no-shared');

/** The project's own catalog and configs: provisioning reads which models to place from them. */
function copyCatalog(to: string): void {
  const from = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models');
  mkdirSync(join(to, 'public', 'models'), { recursive: true });
  copyFileSync(join(from, 'index.yaml'), join(to, 'public', 'models', 'index.yaml'));
  for (const b of BUNDLES) {
    mkdirSync(join(to, 'public', 'models', b), { recursive: true });
    copyFileSync(join(from, b, 'config.yaml'), join(to, 'public', 'models', b, 'config.yaml'));
  }
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'provision-'));
  root = join(base, 'project');
  mkdirSync(root);
  copyCatalog(root);
  lines = [];
  return () => rmSync(base, { recursive: true, force: true });
});

function modelsDir(files: Record<string, string>, withSums = false): string {
  const dir = join(base, 'models-src');
  mkdirSync(dir, { recursive: true });
  for (const [name, from] of Object.entries(files)) symlinkSync(join(SHARED, from), join(dir, name));
  if (withSums) copyFileSync(join(SHARED, 'SHA256SUMS'), join(dir, 'SHA256SUMS'));
  return dir;
}
const all = () => Object.fromEntries(FILES.map((f) => [f, f]));
const placed = (bundle: string, file: string) => join(root, 'public', 'models', bundle, file);

describeShared('provisionModels', () => {
  it('places every default bundle model from YOLO_MODELS_DIR, then skips on the second run', async () => {
    const dir = modelsDir(all(), true);
    const t0 = performance.now();
    const r = await provisionModels({ projectRoot: root, env: { YOLO_MODELS_DIR: dir }, log, sharedDir: noShared() });
    console.log(`provision from folder (4 bundles): ${(performance.now() - t0).toFixed(0)} ms`);
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => [f.bundle, f.status])).toEqual(BUNDLES.map((b) => [b, 'placed']));
    expect(
      readFileSync(placed('yolov5n-legacy', 'yolov5n-640.onnx')).equals(readFileSync(join(SHARED, 'yolov5n-640.onnx'))),
    ).toBe(true);
    expect(statSync(placed('yolov5n-rect', 'yolov5n-dynamic.onnx')).size).toBe(
      statSync(join(SHARED, 'yolov5n-dynamic.onnx')).size,
    );
    expect(existsSync(join(root, 'public', 'models', ERROR_FILE))).toBe(false);

    lines = [];
    const again = await provisionModels({
      projectRoot: root,
      env: { YOLO_MODELS_DIR: dir },
      log,
      sharedDir: noShared(),
    });
    expect(again.ok).toBe(true);
    expect(again.files.every((f) => f.status === 'present')).toBe(true);
    expect(lines.filter((l) => l.endsWith('ok (already present)'))).toHaveLength(4);
  });

  it('rejects the 320 model renamed as 640 and leaves nothing under that name', async () => {
    const dir = modelsDir({ ...all(), 'yolov5n-640.onnx': 'yolov5n-320.onnx' });
    const r = await provisionModels({ projectRoot: root, env: { YOLO_MODELS_DIR: dir }, log, sharedDir: noShared() });
    expect(r.ok).toBe(false);
    expect(existsSync(placed('yolov5n', 'yolov5n-640.onnx'))).toBe(false);
    expect(existsSync(placed('yolov5n-320', 'yolov5n-320.onnx'))).toBe(true);
    expect(r.message).toContain('[1,3,640,640], found input "images" float32 [1,3,320,320]');
    const leftovers = readdirAll(join(root, 'public', 'models')).filter((p) => p.includes('partial'));
    expect(leftovers).toEqual([]);
  });

  it('rejects a file whose SHA-256 disagrees with the source SHA256SUMS', async () => {
    const dir = modelsDir(all());
    writeFileSync(join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  yolov5n-640.onnx\n`);
    const r = await provisionModels({ projectRoot: root, env: { YOLO_MODELS_DIR: dir }, log, sharedDir: noShared() });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('does not match SHA256SUMS');
  });

  it('replaces an invalid file already in public/models', async () => {
    mkdirSync(join(root, 'public', 'models', 'yolov5n'), { recursive: true });
    writeFileSync(placed('yolov5n', 'yolov5n-640.onnx'), 'not a model');
    const r = await provisionModels({ projectRoot: root, env: {}, log, sharedDir: SHARED });
    expect(r.ok).toBe(true);
    expect(r.files[0]!.status).toBe('placed');
    expect(lines.some((l) => l.includes('existing file rejected'))).toBe(true);
  });

  it('with no source: ok=false, names every source tried and the fix, writes provision-error.txt', async () => {
    const r = await provisionModels({
      projectRoot: root,
      env: { YOLO_MODELS_DIR: join(base, 'nope') },
      log,
      sharedDir: noShared(),
    });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('YOLO_MODELS_DIR=');
    expect(r.message).toContain('does not exist');
    expect(r.message).toContain('YOLO_MODEL_URL: not set');
    expect(r.message).toContain('shared folder');
    expect(r.message).toContain('npm run models');
    const errFile = join(root, 'public', 'models', ERROR_FILE);
    expect(readFileSync(errFile, 'utf8').trim()).toBe(r.message);

    // A later successful run clears it.
    const ok = await provisionModels({
      projectRoot: root,
      env: { YOLO_MODELS_DIR: modelsDir(all()) },
      log,
      sharedDir: noShared(),
    });
    expect(ok.ok).toBe(true);
    expect(existsSync(errFile)).toBe(false);
  });

  it('downloads from YOLO_MODEL_URL served by a local http server', async () => {
    const server = await serve();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m`;
      const r = await provisionModels({ projectRoot: root, env: { YOLO_MODEL_URL: url }, log, sharedDir: noShared() });
      expect(r.ok).toBe(true);
      expect(r.files.every((f) => f.status === 'placed' && f.source?.startsWith('YOLO_MODEL_URL'))).toBe(true);
      expect(
        readFileSync(placed('yolov5n-320', 'yolov5n-320.onnx')).equals(readFileSync(join(SHARED, 'yolov5n-320.onnx'))),
      ).toBe(true);
      expect(lines.some((l) => /^yolov5n-640\.onnx: 7\.9 \/ 7\.9 MB \(100%\)$/.test(l))).toBe(true);
      // Each distinct file is downloaded once even though two bundles use the 640 model.
      expect(server.requests.filter((p) => p.endsWith('.onnx'))).toHaveLength(3);
    } finally {
      server.close();
    }
  });

  it('reports a 404 from YOLO_MODEL_URL', async () => {
    const server = await serve();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/missing/`;
      const r = await provisionModels({ projectRoot: root, env: { YOLO_MODEL_URL: url }, log, sharedDir: noShared() });
      expect(r.ok).toBe(false);
      expect(r.message).toContain('HTTP 404');
    } finally {
      server.close();
    }
  });

  it('reads the catalog, and each model file where its schema version keeps it (v2 model.file, v1 model_path)', async () => {
    const m = join(root, 'public', 'models');
    rmSync(m, { recursive: true, force: true });
    mkdirSync(join(m, 'a'), { recursive: true });
    mkdirSync(join(m, 'b'), { recursive: true });
    writeFileSync(join(m, 'index.yaml'), 'default: a\nbundles: [a, b]\n');
    // Invalid beyond the model file (no name, no labels): provisioning does not validate.
    writeFileSync(join(m, 'a', 'config.yaml'), 'schema_version: 2\nmodel:\n  file: yolov5n-320.onnx\n');
    writeFileSync(join(m, 'b', 'config.yaml'), 'model_path: yolov5n-dynamic.onnx\n');
    expect(await readNeededModels(root, log)).toEqual([
      { bundle: 'a', file: 'yolov5n-320.onnx' },
      { bundle: 'b', file: 'yolov5n-dynamic.onnx' },
    ]);
    const r = await provisionModels({ projectRoot: root, env: {}, log, sharedDir: SHARED });
    expect(r.ok).toBe(true);
    expect(existsSync(join(m, 'b', 'yolov5n-dynamic.onnx'))).toBe(true);
  });

  it('refuses an invalid catalog with its line:col, and says so in the error file', async () => {
    writeFileSync(join(root, 'public', 'models', 'index.yaml'), 'default: a\nbundles: [a, ../evil]\n');
    const r = await provisionModels({ projectRoot: root, env: {}, log, sharedDir: SHARED });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/index\.yaml is not a valid catalog: 2:\d+ bundles\[1\]: must be a folder name/);
    expect(readFileSync(join(root, 'public', 'models', ERROR_FILE), 'utf8')).toContain('not a valid catalog');
  });
});

describeShared('helpers', () => {
  it('formats progress', () => {
    expect(progressLine('yolov5n-640.onnx', 3.1e6, 7.9e6)).toBe('yolov5n-640.onnx: 3.1 / 7.9 MB (39%)');
    expect(progressLine('x.onnx', 2e6, 0)).toBe('x.onnx: 2.0 MB');
  });
  it('parses SHA256SUMS', () => {
    const sums = parseSums(readFileSync(join(SHARED, 'SHA256SUMS'), 'utf8'));
    expect(sums.get('yolov5n-320.onnx')).toBe('10172458f8f3a675718ef67400f84a7f8ab44442248559f0206d3d7bb88af0a3');
    expect(sums.size).toBe(3);
  });
});

function readdirAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String);
}

type TestServer = Server & { requests: string[] };
const servers: TestServer[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

/** Serves /m/<file> from the shared folder, with content-length so progress has a total. */
async function serve(): Promise<TestServer> {
  const server = createServer((req, res) => {
    s.requests.push(req.url ?? '');
    const m = /^\/m\/([\w.-]+)$/.exec(req.url ?? '');
    const path = m ? join(SHARED, m[1]!) : null;
    if (!path || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(path);
    res.writeHead(200, { 'content-length': body.length });
    // Chunked writes so the client sees several progress steps.
    for (let i = 0; i < body.length; i += 1 << 20) res.write(body.subarray(i, i + (1 << 20)));
    res.end();
  }) as TestServer;
  const s = server;
  s.requests = [];
  servers.push(s);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return s;
}
