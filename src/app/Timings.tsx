import { useApp } from '../store/app-store.ts';

const STAGES = ['decode', 'preprocess', 'inference', 'postprocess'] as const;

export function Timings() {
  const result = useApp((s) => s.result);
  if (!result) return null;
  return (
    <section className="panel" aria-label="Timings">
      <h2>Timings</h2>
      <dl className="timings" data-testid="timings">
        {STAGES.map((s) => (
          <div key={s}>
            <dt>{s}</dt>
            <dd data-testid={`timing-${s}`}>{result.timings[s].toFixed(1)} ms</dd>
          </div>
        ))}
        <div>
          <dt>input</dt>
          <dd>
            {result.inputWidth}×{result.inputHeight}
          </dd>
        </div>
      </dl>
    </section>
  );
}
