import { leverLabel } from '../gpu/levers.ts';
import type { BenchRun } from './schema.ts';

/** Stacked p50 bars (decode, preprocess, inference, postprocess) with an end-to-end p50 tick; plain SVG. */
const PARTS = ['decode', 'preprocess', 'inference', 'postprocess'] as const;
const ROW = 22;
const LABEL = 150;
const WIDTH = 420;

export function runLabel(r: BenchRun): string {
  const gpu = r.gpu && leverLabel(r.gpu) !== 'all levers' ? ` (${leverLabel(r.gpu)})` : '';
  return `${r.backend === 'webgpu' ? `WebGPU${gpu}` : `WASM ×${r.threads}`} ${r.model}`;
}

export function BenchChart({ runs }: { runs: readonly BenchRun[] }) {
  if (runs.length === 0) return null;
  const max = Math.max(
    ...runs.map((r) =>
      Math.max(
        r.stages.endToEnd.p50,
        PARTS.reduce((a, p) => a + r.stages[p].p50, 0),
      ),
    ),
  );
  const scale = (WIDTH - LABEL - 50) / (max || 1);
  const height = runs.length * ROW + 24;
  return (
    <svg
      className="bench-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label="p50 time per stage, per backend"
      data-testid="bench-chart"
    >
      {runs.map((r, i) => {
        let x = LABEL;
        const y = i * ROW + 4;
        return (
          <g key={i}>
            <text x={LABEL - 6} y={y + 13} textAnchor="end" className="bench-chart-label">
              {runLabel(r)}
            </text>
            {PARTS.map((p) => {
              const w = r.stages[p].p50 * scale;
              const rect = (
                <rect key={p} x={x} y={y} width={Math.max(0, w)} height={ROW - 6} className={`bench-part-${p}`}>
                  <title>{`${p} p50 ${r.stages[p].p50} ms`}</title>
                </rect>
              );
              x += w;
              return rect;
            })}
            <line
              x1={LABEL + r.stages.endToEnd.p50 * scale}
              x2={LABEL + r.stages.endToEnd.p50 * scale}
              y1={y - 2}
              y2={y + ROW - 4}
              className="bench-e2e"
            />
            <text x={LABEL + r.stages.endToEnd.p50 * scale + 4} y={y + 13} className="bench-chart-value">
              {r.stages.endToEnd.p50.toFixed(0)} ms
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL}, ${runs.length * ROW + 14})`} className="bench-legend">
        {PARTS.map((p, i) => (
          <g key={p} transform={`translate(${i * 64}, 0)`}>
            <rect width={8} height={8} y={-7} className={`bench-part-${p}`} />
            <text x={11}>{p}</text>
          </g>
        ))}
      </g>
    </svg>
  );
}
