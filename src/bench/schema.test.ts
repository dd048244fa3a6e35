import { describe, expect, it } from 'vitest';
import { validateBenchResults, validateBenchRuns, type BenchResults, type BenchRun } from './schema.ts';
import { evaluateTargets, nativeFor, resultsTable } from './table.ts';

const s = (p50: number, p95 = p50 * 1.2) => ({ p50, p95 });

function run(
  over: Partial<BenchRun> & Pick<BenchRun, 'model' | 'image' | 'threads'>,
  inference: number,
  size: [number, number] = [640, 640],
): BenchRun {
  return {
    backend: 'wasm',
    n: 10,
    stages: {
      decode: s(10),
      preprocess: s(4),
      inference: s(inference),
      postprocess: s(3),
      endToEnd: s(10 + inference + 9),
    },
    load: { cold: 500, warm: 300 },
    inputWidth: size[0],
    inputHeight: size[1],
    ...over,
  };
}

const results = (): BenchResults => ({
  date: '2026-01-02T03:04:05.000Z',
  machine: { cpus: 2, cpuModel: 'Test CPU', chromium: '140.0.0.0', node: 'v24.0.0' },
  runs: [
    run({ model: 'yolov5n', image: 'bus.jpg', threads: 2 }, 100),
    run({ model: 'yolov5n', image: 'bus.jpg', threads: 1 }, 180),
    run({ model: 'yolov5n-rect', image: 'bus.jpg', threads: 2 }, 75, [480, 640]),
  ],
  native: [{ threads: 2, model: 'yolov5n', input: '1x3x640x640', inference: s(50) }],
});

describe('validateBenchResults', () => {
  it('accepts a complete results file', () => {
    const r = validateBenchResults(results());
    expect(r.ok).toBe(true);
  });

  it('names the path of each problem', () => {
    const bad = results() as unknown as { runs: { stages: { inference: { p50: unknown } } }[]; date: string };
    bad.runs[0]!.stages.inference.p50 = -1;
    bad.date = 'yesterday';
    const r = validateBenchResults(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.some((i) => i.startsWith('runs.0.stages.inference.p50'))).toBe(true);
      expect(r.issues.some((i) => i.startsWith('date'))).toBe(true);
    }
  });

  it('refuses missing stages, a bad backend and a malformed native shape', () => {
    const r = results() as unknown as Record<string, unknown> & {
      runs: Record<string, unknown>[];
      native: Record<string, unknown>[];
    };
    delete (r.runs[0]!.stages as Record<string, unknown>).endToEnd;
    r.runs[1]!.backend = 'cuda';
    r.native[0]!.input = '640x640';
    const v = validateBenchResults(r);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.length).toBe(3);
  });

  it('validates a runs array alone', () => {
    expect(validateBenchRuns(results().runs).ok).toBe(true);
    expect(validateBenchRuns([{}]).ok).toBe(false);
  });
});

describe('table', () => {
  it('pairs a WASM run with the native run of the same model, shape and threads', () => {
    const r = results();
    expect(nativeFor(r.runs[0]!, r.native)?.inference.p50).toBe(50);
    expect(nativeFor(r.runs[1]!, r.native)).toBeUndefined();
    expect(nativeFor(r.runs[2]!, r.native)).toBeUndefined();
  });

  it('prints one row per run with the browser / native ratio', () => {
    const md = resultsTable(results());
    const rows = md.split('\n').filter((l) => l.startsWith('| yolov5n'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('2.00×');
    expect(rows[1]!.trim().endsWith('| – | – |')).toBe(true);
  });

  it('evaluates the targets from p50s', () => {
    const t = evaluateTargets(results());
    const byText = (re: RegExp) => t.find((x) => re.test(x.text));
    // (4 + 3) / 100
    expect(byText(/preprocess \+ postprocess/)).toMatchObject({ ok: true });
    expect(byText(/preprocess \+ postprocess/)!.text).toContain('7.0%');
    // 180 / 100 = 1.8
    expect(byText(/vs ×1/)).toMatchObject({ ok: true });
    expect(byText(/vs ×1/)!.text).toContain('1.80×');
    // 100 / 75 = 1.33
    expect(byText(/rect vs yolov5n on bus/)).toMatchObject({ ok: true });
    // (10 + 100 + 9) / (10 + 100)
    expect(byText(/end-to-end \/ \(decode/)!.text).toContain('1.082');
  });
});

describe('yolov8-layout next to yolov5n', () => {
  it('reports the inference of both from the same run, at the same threads', () => {
    const r = results();
    r.runs.push(run({ model: 'yolov8-layout', image: 'bus.jpg', threads: 2 }, 110));
    const line = evaluateTargets(r).find((x) => x.text.startsWith('yolov8-layout vs yolov5n'));
    expect(line).toEqual({
      text: 'yolov8-layout vs yolov5n on bus.jpg, WASM ×2: inference 110 vs 100 ms (1.10×), postprocess 3.0 vs 3.0 ms',
      ok: null,
    });
    // No ×1 yolov8-layout run: no ×1 comparison.
    expect(evaluateTargets(r).filter((x) => x.text.startsWith('yolov8-layout vs'))).toHaveLength(1);
  });
});
