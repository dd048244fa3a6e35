// The fixtures through the real CLI (`npx tsx scripts/validate.ts`), and the build gate's core.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateBundles } from '../../scripts/validate-bundles.ts';
import { validateConfigFile } from '../../scripts/validate.ts';
import { REFUSED } from './fixtures/cases.ts';
import { SHARED_MODELS, sharedFile } from '../test-support/shared.ts';
import { ELEM, onnxHeader } from '../test-support/protobuf-writer.ts';
import { configFromModelBytes } from '../model/config-from-model.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'src/config/fixtures';
const SHARED_MODEL = join(SHARED_MODELS, 'yolov5n-640.onnx');

interface Run {
  code: number;
  stdout: string;
  stderr: string[];
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('npx', ['tsx', 'scripts/validate.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      // npm itself may warn on stderr about the project's .npmrc; those lines are not ours.
      const lines = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
      done({ code: error ? Number(error.code) : 0, stdout, stderr: lines });
    });
  });
}

describe('scripts/validate.ts', () => {
  it('every refused fixture exits 1 with file:line:col path: message lines', async () => {
    const names = Object.keys(REFUSED);
    const runs = await Promise.all(names.map((n) => cli(`${FIXTURES}/${n}`)));
    runs.forEach((run, i) => {
      const name = names[i]!;
      const want = REFUSED[name]!;
      expect(run.code, name).toBe(1);
      expect(run.stdout, name).toBe('');
      expect(run.stderr.length, name).toBeGreaterThan(0);
      for (const line of run.stderr) expect(line, name).toMatch(/^src\/config\/fixtures\/[\w-]+\.yaml:\d+:\d+ \S+: .+/);
      const first = `${FIXTURES}/${name}:${want.line}:${want.col} ${want.path || '(file)'}: `;
      expect(run.stderr[0]!.startsWith(first), `${name}: ${run.stderr[0]}`).toBe(true);
    });
  }, 180_000);

  it('a valid config exits 0 with the report, noting a model it cannot find', async () => {
    const run = await cli(`${FIXTURES}/v1-minimal.yaml`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch('schema v1 (legacy), defaults applied: conf_threshold = 0.25, iou_threshold = 0.45');
    expect(run.stdout).toMatch(`model not checked: ${FIXTURES}/yolov5n-640.onnx not found`);
  });

  it("--model checks the given model and reports each problem at its own node, in the version's spelling", async () => {
    if (!existsSync(SHARED_MODEL)) return;
    const ok = await cli(`${FIXTURES}/v1-minimal.yaml`, '--model', SHARED_MODEL);
    // v1-minimal lists 3 classes; the model has 80.
    expect(ok.code).toBe(1);
    expect(ok.stderr[0]).toMatch(
      /^src\/config\/fixtures\/v1-minimal\.yaml:4:10 classes: config lists 3 labels, model outputs 80 classes/,
    );
    const notOnnx = await cli(`${FIXTURES}/v2-full.yaml`, '--model', `${FIXTURES}/v2-full.yaml`);
    expect(notOnnx.code).toBe(1);
    expect(notOnnx.stderr[0]).toMatch(
      /^src\/config\/fixtures\/v2-full\.yaml:4:9 model\.file: v2-full\.yaml is not a valid ONNX model \(.+\)/,
    );
  });
});

const V8_640 = sharedFile('models/yolov8-layout/yolov8-layout-640.onnx');

describe('scripts/validate.ts --init', () => {
  it.skipIf(!existsSync(V8_640))(
    'writes the config the app generates to stdout; that file validates against the model',
    async () => {
      const run = await cli('--init', V8_640);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        (configFromModelBytes(new Uint8Array(readFileSync(V8_640)), 'yolov8-layout-640.onnx') as { yaml: string }).yaml,
      );
      expect(run.stderr[0]).toBe("config generated from the model's metadata");
      expect(run.stderr).toContain(
        'model.output.format: yolov8, from the shape of output0 [1, 84, 25200] (yolov8 layout: 4 + 80 classes, 25200 anchors)',
      );
      const dir = mkdtempSync(join(tmpdir(), 'init-'));
      writeFileSync(join(dir, 'config.yaml'), run.stdout);
      symlinkSync(V8_640, join(dir, 'yolov8-layout-640.onnx'));
      const checked = validateConfigFile(join(dir, 'config.yaml'));
      expect(checked.err).toEqual([]);
      expect(checked.ok).toBe(true);
      expect(checked.out).toContain(`model checked: ${relative(process.cwd(), join(dir, 'yolov8-layout-640.onnx'))}`);
    },
    60_000,
  );

  it('a model it describes but cannot run: the reason names the model and tensor, no generated config keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    const half = join(dir, 'half.onnx');
    writeFileSync(half, onnxHeader([1, 84, 8400], 640, { inputType: ELEM.float16 }));
    const run = await cli('--init', half);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toEqual([
      `${relative(ROOT, half)}: input "images" of half.onnx is float16, the app needs float32; export without \`--half\` (float16 models are not supported)`,
    ]);
  });

  it('refuses a model it cannot describe: exit 1, nothing on stdout, the reason on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    const seg = join(dir, 'seg.onnx');
    writeFileSync(seg, onnxHeader([1, 116, 8400], 640, { metadata: { task: 'segment' } }));
    const run = await cli('--init', seg);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toEqual([
      `${relative(ROOT, seg)}: seg.onnx is a segment model (task metadata); this app runs detect models only: export a detection model (task=detect)`,
    ]);
  });
});

describe('validateBundles', () => {
  it('passes a good bundle and says to run `npm run models` when a model is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
    writeFileSync(join(dir, 'index.yaml'), 'default: good\nbundles: [good, nomodel]\n');
    const v1 = (labels: string) => `model_path: yolov5n-640.onnx\ninput_size: 640\nclasses: [${labels}]\n`;
    mkdirSync(join(dir, 'good'));
    mkdirSync(join(dir, 'nomodel'));
    const coco = Array.from({ length: 80 }, (_, i) => `c${i}`).join(', ');
    writeFileSync(join(dir, 'good', 'config.yaml'), v1(coco));
    writeFileSync(join(dir, 'nomodel', 'config.yaml'), v1(coco));
    const haveModel = existsSync(SHARED_MODEL);
    if (haveModel) copyFileSync(SHARED_MODEL, join(dir, 'good', 'yolov5n-640.onnx'));

    const { problems, summaries } = validateBundles(dir);
    const nomodel = problems.find((p) => p.includes('nomodel'));
    expect(nomodel).toMatch(
      /nomodel\/config\.yaml:1:13 model_path: model file .*yolov5n-640\.onnx not found; run `npm run models`/,
    );
    if (haveModel)
      expect(summaries).toEqual([
        expect.stringMatching(/^good: ok, schema v1 \(legacy\), yolov5n-640\.onnx 640x640, 80 labels/),
      ]);
  });

  it('reports a broken catalog and a listed bundle without config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
    writeFileSync(join(dir, 'index.yaml'), 'default: gone\nbundles: [gone]\n');
    const { problems } = validateBundles(dir);
    expect(problems).toEqual([
      expect.stringMatching(
        /gone\/config\.yaml:1:1 \(file\): bundle "gone" is listed in index\.yaml but has no config\.yaml/,
      ),
    ]);
    writeFileSync(join(dir, 'index.yaml'), 'default: x\nbundles: []\n');
    expect(validateBundles(dir).problems[0]).toMatch(/index\.yaml:2:10 bundles: must list at least one/);
  });

  it('validateConfigFile names the config folder as the bundle id', () => {
    const result = validateConfigFile(relative(process.cwd(), join(ROOT, FIXTURES, 'v1-minimal.yaml')));
    expect(result.config?.id).toBe('fixtures');
  });
});
