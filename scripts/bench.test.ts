import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateBenchResults } from '../src/bench/schema.ts';
import { parseArgs } from './bench.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
const haveShared = existsSync(path.join(shared, 'images/bus.jpg'));

describe('parseArgs', () => {
  it('keeps a quick run away from the committed results and build folder', () => {
    const q = parseArgs(['--quick']);
    expect(q).toMatchObject({
      quick: true,
      n: 3,
      warmup: 1,
      models: ['yolov5n', 'yolov8-layout'],
      webgpu: false,
      outDir: 'dist-bench-quick',
    });
    expect(q.out).toBe(path.join(root, 'bench/tmp/results-quick.json'));
    const full = parseArgs([]);
    expect(full).toMatchObject({
      n: 15,
      warmup: 5,
      threads: 2,
      models: ['yolov5n', 'yolov5n-320', 'yolov5n-rect', 'yolov8-layout'],
      outDir: 'dist-bench',
    });
    expect(full.out).toBe(path.join(root, 'bench/results.json'));
  });
  it('reads options and refuses bad numbers', () => {
    expect(parseArgs(['--webgpu', '--n', '5', '--models', 'yolov5n-rect', '--opt', 'basic'])).toMatchObject({
      webgpu: true,
      n: 5,
      models: ['yolov5n-rect'],
      opt: 'basic',
    });
    expect(() => parseArgs(['--n', 'many'])).toThrow(/--n/);
  });
});

/**
 * Smoke: `npm run bench -- --quick` builds, serves, drives the Benchmark panel
 * in Chromium (so it is also the panel's e2e check) and writes a valid file.
 * Timings are never asserted: the machine is shared.
 */
describe('npm run bench -- --quick', () => {
  it.skipIf(!haveShared)(
    haveShared ? 'writes results that validate against the schema' : 'skipped: ../shared not found',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
      const out = path.join(dir, 'results.json');
      try {
        const r = spawnSync('npm', ['run', '-s', 'bench', '--', '--quick', '--images-only', '--out', out], {
          cwd: root,
          encoding: 'utf8',
          timeout: 9 * 60_000,
        });
        expect(r.status, `bench failed:\n${r.stderr}`).toBe(0);
        const json: unknown = JSON.parse(readFileSync(out, 'utf8'));
        const v = validateBenchResults(json);
        expect(v.ok ? [] : v.issues).toEqual([]);
        if (!v.ok) return;
        expect(v.value.runs.length).toBeGreaterThanOrEqual(2);
        expect(v.value.runs.map((x) => `${x.backend}×${x.threads}`)).toEqual(expect.arrayContaining(['wasm×1']));
        expect(v.value.runs.every((x) => x.image === 'bus.jpg' && x.n === 3)).toBe(true);
        // yolov8-layout runs as a custom bundle (the .onnx picked alone) in the same run as yolov5n.
        expect(new Set(v.value.runs.map((x) => x.model))).toEqual(new Set(['yolov5n', 'yolov8-layout']));
        expect(new Set(v.value.native.map((x) => x.model))).toEqual(new Set(['yolov5n', 'yolov8-layout']));
        expect(r.stdout).toContain('yolov8-layout vs yolov5n on bus.jpg');
        expect(r.stdout).toContain('| model | image |');
        expect(readFileSync(path.join(dir, 'README-table-quick.md'), 'utf8')).toContain('browser / native');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    10 * 60_000,
  );
});
