import { useEffect, useRef, useState } from 'react';
import { BenchChart, runLabel } from '../bench/BenchChart.tsx';
import { type BackendPlanResult, DEFAULT_RUNS, DEFAULT_WARMUP, LEVER_COMPARISON } from '../bench/plan.ts';
import { benchCurrentBundle } from '../bench/run-in-app.ts';
import type { BenchResults } from '../bench/schema.ts';
import { useApp } from '../store/app-store.ts';
import { currentImageFile } from '../image-detection/detect-image.ts';
import { jsonBlob, saveFile } from '../image/export.ts';
import { errorText, isAbortError } from '../util/errors.ts';
import { readUrlParams } from './url-params.ts';
import { displayText } from '../util/text.ts';
import './bench.css';

const STAGES = ['decode', 'preprocess', 'inference', 'postprocess', 'endToEnd'] as const;

function clampInt(text: string, min: number, max: number, fallback: number): number {
  const n = Math.floor(Number(text));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

type Phase = 'idle' | 'running' | 'done' | 'error';

export function BenchPanel() {
  const bundle = useApp((s) => s.bundle);
  const result = useApp((s) => s.result);
  const appState = useApp((s) => s.state);
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  const [picked, setPicked] = useState<File | null>(null);
  const [n, setN] = useState(String(DEFAULT_RUNS));
  // Dynamic-shape models keep speeding up for a few runs (see README, Speed).
  const [warmup, setWarmup] = useState(String(DEFAULT_WARMUP));
  const [threads, setThreads] = useState(String(cores));
  const [phase, setPhase] = useState<Phase>('idle');
  const [status, setStatus] = useState('');
  const [results, setResults] = useState<BenchResults | null>(null);
  const [plan, setPlan] = useState<BackendPlanResult | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const fromResult = result ? currentImageFile() : null;
  const image = picked ? { blob: picked as Blob, name: picked.name } : fromResult;
  const canRun = phase !== 'running' && bundle !== null && image !== null && appState !== 'loading';

  async function start(): Promise<void> {
    if (!bundle || !image) return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    setPhase('running');
    setResults(null);
    try {
      const { results: r, errors } = await benchCurrentBundle({
        bundle,
        image,
        n: clampInt(n, 1, 1000, DEFAULT_RUNS),
        warmup: clampInt(warmup, 0, 100, DEFAULT_WARMUP),
        threads: clampInt(threads, 1, 64, cores),
        forceWebgpu: readUrlParams(location.search).backend === 'webgpu',
        // ?gpu= names one lever set; without it the panel compares all on, each off, all off.
        leverSets: new URLSearchParams(location.search).has('gpu')
          ? [readUrlParams(location.search).gpu]
          : LEVER_COMPARISON,
        signal: ctrl.signal,
        onProgress: setStatus,
        onPlan: setPlan,
      });
      setResults(r);
      setPhase(r.runs.length ? 'done' : 'error');
      setStatus(
        errors.length
          ? `Finished with errors: ${errors.join('; ')}`
          : `Finished: ${r.runs.length} backend${r.runs.length === 1 ? '' : 's'} on ${image.name}.`,
      );
    } catch (e) {
      setPhase('error');
      setStatus(isAbortError(e) ? 'Benchmark cancelled.' : `Benchmark failed: ${errorText(e)}`);
    } finally {
      if (abort.current === ctrl) abort.current = null;
    }
  }

  return (
    <section className="panel" aria-label="Benchmark">
      <h2>Benchmark</h2>
      <p className="muted">
        Runs {bundle ? bundle.id : 'the current model'} on one image on each backend this browser has, in fresh workers,
        and reports p50 / p95 per stage in ms.
      </p>
      <label className="bench-image">
        Image:{' '}
        {picked
          ? displayText(picked.name)
          : fromResult
            ? `${displayText(fromResult.name)} (current result)`
            : 'pick one, or detect an image first'}
        <input
          type="file"
          accept="image/*"
          data-testid="bench-image"
          onChange={(e) => setPicked(e.target.files?.[0] ?? null)}
        />
      </label>
      <div className="bench-controls">
        <label>
          Runs
          <input
            type="number"
            min={1}
            max={1000}
            value={n}
            data-testid="bench-n"
            onChange={(e) => setN(e.target.value)}
          />
        </label>
        <label>
          Warm-up
          <input
            type="number"
            min={0}
            max={100}
            value={warmup}
            data-testid="bench-warmup"
            onChange={(e) => setWarmup(e.target.value)}
          />
        </label>
        <label>
          Threads
          <input
            type="number"
            min={1}
            max={64}
            value={threads}
            data-testid="bench-threads"
            onChange={(e) => setThreads(e.target.value)}
          />
        </label>
      </div>
      <div className="bench-actions">
        <button type="button" data-testid="bench-run" disabled={!canRun} onClick={() => void start()}>
          Run benchmark
        </button>
        {phase === 'running' && (
          <button type="button" data-testid="bench-cancel" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        )}
      </div>
      {bundle?.modelSource.kind === 'file' && (
        <p className="muted">Load times read the dropped {bundle.modelName} again (there is no download).</p>
      )}
      <p className={`bench-status${phase === 'error' ? ' error' : ''}`} data-testid="bench-status" aria-live="polite">
        {displayText(status)}
      </p>
      {plan && plan.skipped.length > 0 && <p className="muted">Skipped: {plan.skipped.join('; ')}.</p>}
      <div data-testid="bench-results" data-state={phase}>
        {results && results.runs.length > 0 && (
          <>
            <div className="bench-table-wrap">
              <table className="bench-table">
                <thead>
                  <tr>
                    <th>p50 / p95 ms</th>
                    {results.runs.map((r, i) => (
                      <th key={i}>{runLabel(r)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {STAGES.map((s) => (
                    <tr key={s}>
                      <td>{s === 'endToEnd' ? 'end-to-end' : s}</td>
                      {results.runs.map((r, i) => (
                        <td key={i} data-testid={`bench-${s}-${i}`}>
                          {r.stages[s].p50.toFixed(1)} / {r.stages[s].p95.toFixed(1)}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr>
                    <td>read back from the GPU</td>
                    {results.runs.map((r, i) => (
                      <td key={i} data-testid={`bench-readback-${i}`}>
                        {r.readbackBytes === undefined
                          ? '–'
                          : `${(r.readbackBytes / 1024).toFixed(0)} KB${r.overflows ? ` (${r.overflows} overflowed)` : ''}`}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <td>load cold / warm</td>
                    {results.runs.map((r, i) => (
                      <td key={i}>
                        {r.load.cold.toFixed(0)} / {r.load.warm.toFixed(0)}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
            <BenchChart runs={results.runs} />
            <div className="bench-actions">
              <button
                type="button"
                data-testid="bench-download"
                onClick={() =>
                  saveFile(`bench-${results.runs[0]!.model}-${results.runs[0]!.image}.json`, () =>
                    jsonBlob(results),
                  ).catch((e: unknown) => setStatus(errorText(e)))
                }
              >
                Download JSON
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
