/**
 * The config loader's speed against input size, for `npm run bench`: the same
 * loader the parse worker runs (decode, YAML, duplicate keys, validation,
 * issue positions), on configs 1×, 10× and 100× a base size. Linear code takes
 * about 10× and 100× the 1× time; the quadratic loader it replaced took 100×
 * and 10 000×. `npm run bench -- --config-only` runs just this part.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigBytes } from '../src/config/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SCALES = [1, 10, 100] as const;

/** What grows with the scale: unknown keys (the hostile case: one issue each) or labels (a valid config). */
export interface Workload {
  name: string;
  build(scale: number): string;
}

const base = () => readFileSync(path.join(root, 'public/models/yolov5n/config.yaml'), 'utf8');

export const WORKLOADS: Workload[] = [
  {
    name: 'unknown keys (one issue each)',
    build: (scale) => `${base()}${Array.from({ length: 240 * scale }, (_, i) => `k${i}: 1`).join('\n')}\n`,
  },
  {
    // A valid config may list at most 1000 labels: 10, 100 and 1000 of them.
    name: 'labels (valid config)',
    build: (scale) =>
      base().replace(
        /labels:[\s\S]*$/,
        `labels: [${Array.from({ length: 10 * scale }, (_, i) => `class_name_${i}`).join(', ')}]\n`,
      ),
  },
];

export interface LoaderRow {
  workload: string;
  scale: number;
  kib: number;
  /** Fastest of `runs` loads after warm-up: the run least disturbed by other work on the machine. */
  ms: number;
  /** Median of the same runs. */
  medianMs: number;
  issues: number;
}

export function benchConfigLoader(runs = 7, warmup = 2): LoaderRow[] {
  const inputs = WORKLOADS.flatMap((w) =>
    SCALES.map((scale) => ({ workload: w.name, scale, bytes: new TextEncoder().encode(w.build(scale)) })),
  );
  // Warm every size first, so the 1× time is not the JIT's cold start.
  for (let i = 0; i < warmup; i++) for (const input of inputs) loadConfigBytes(input.bytes, { id: 'bench' });
  return inputs.map(({ workload, scale, bytes }) => {
    let issues = 0;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = loadConfigBytes(bytes, { id: 'bench' });
      times.push(performance.now() - t0);
      issues = r.ok ? 0 : r.issues.length;
    }
    times.sort((a, b) => a - b);
    return {
      workload,
      scale,
      kib: bytes.length / 1024,
      ms: times[0]!,
      medianMs: times[Math.floor(times.length / 2)]!,
      issues,
    };
  });
}

export function loaderTable(rows: readonly LoaderRow[]): string {
  const lines = [
    '| config loader input | scale | size | issues | best ms | median ms | µs per KiB (best) | × the 1× time (best) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const one = rows.find((x) => x.workload === r.workload && x.scale === 1)!;
    lines.push(
      `| ${r.workload} | ${r.scale}× | ${r.kib.toFixed(1)} KiB | ${r.issues} | ${r.ms.toFixed(1)} | ${r.medianMs.toFixed(1)} | ${((r.ms * 1000) / r.kib).toFixed(0)} | ${(r.ms / one.ms).toFixed(1)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
