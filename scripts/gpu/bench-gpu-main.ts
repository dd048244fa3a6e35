/**
 * Entry of the GPU benchmark, in the repository (`npm run bench:gpu`, through
 * scripts/bench-gpu.ts) and in the packed folder (bench.mjs, through run.sh).
 *
 *   [--quick] [--n N] [--warmup W] [--models yolov5n,yolov5n-320,yolov5n-rect]
 *   [--levers none,pre,out,graph,pre+out+graph] [--no-cpu] [--out FILE]
 *
 * Data comes from BENCH_GPU_DATA (the pack: models/, bus.jpg, golden/, ort/)
 * or from ../shared and node_modules (the repository).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorText } from '../../src/util/errors.ts';
import { GPU_BENCH_MODELS, LEVER_SETS, runGpuBench } from './bench-gpu-run.ts';
import { gpuBenchTable } from './bench-gpu-table.ts';

export interface Paths {
  modelsDir: string;
  imagePath: string;
  goldenDir: string | null;
  ortDir: string;
}

function value(argv: string[], name: string): string | null {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1]! : null;
}

export async function benchGpuMain(argv: string[], paths: Paths): Promise<number> {
  const quick = argv.includes('--quick');
  const int = (name: string, dflt: number) => {
    const v = value(argv, name);
    const n = v === null ? dflt : Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got ${v}`);
    return n;
  };
  const modelIds = (value(argv, '--models') ?? (quick ? 'yolov5n-320' : GPU_BENCH_MODELS.map((m) => m.id).join(',')))
    .split(',')
    .filter(Boolean);
  const models = modelIds.map((id) => {
    const m = GPU_BENCH_MODELS.find((x) => x.id === id);
    if (!m) throw new Error(`unknown model ${id} (known: ${GPU_BENCH_MODELS.map((x) => x.id).join(', ')})`);
    return m;
  });
  // "+" separates levers inside one set on the command line, since "," separates sets.
  const leverSets = (
    value(argv, '--levers') ?? (quick ? 'none,pre+out+graph' : LEVER_SETS.map((s) => s.replaceAll(',', '+')).join(','))
  )
    .split(',')
    .filter(Boolean)
    .map((s) => s.replaceAll('+', ','));
  for (const m of models)
    if (!existsSync(path.join(paths.modelsDir, m.file)))
      throw new Error(`${path.join(paths.modelsDir, m.file)} not found`);
  const records: object[] = [];
  const out = value(argv, '--out');
  await runGpuBench({
    models,
    leverSets,
    n: int('--n', quick ? 3 : 30),
    warmup: int('--warmup', quick ? 1 : 10),
    ...paths,
    cpuBaseline: !argv.includes('--no-cpu'),
    log: (line) => process.stderr.write(`[bench:gpu] ${line}\n`),
    emit: (r) => {
      records.push(r);
      process.stdout.write(`${JSON.stringify(r)}\n`);
    },
  });
  process.stdout.write(`\n${gpuBenchTable(records)}`);
  if (out) {
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  const failed = records.filter((r) => 'error' in r || ((r as { golden?: string[] | null }).golden?.length ?? 0) > 0);
  return failed.length ? 1 : 0;
}

/** Runs and exits: the pack's bench.mjs calls this. */
export function runMain(argv: string[], paths: Paths): void {
  benchGpuMain(argv, paths).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`[bench:gpu] ${errorText(e)}\n`);
      process.exit(1);
    },
  );
}
