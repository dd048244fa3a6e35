import { useApp } from '../store/app-store.ts';
import {
  analysisActive,
  type AnalysisOutputs,
  setAnnotate,
  setFrameStep,
  useVideoAnalysis,
} from '../store/video-analysis-store.ts';
import { classColourCss } from '../image/palette.ts';
import { displayText } from '../util/text.ts';
import {
  attachPreview,
  cancelAnalysis,
  downloadOutput,
  pauseAnalysis,
  resumeAnalysis,
  startAnalysis,
} from '../video/analysis-session.ts';
import { frameStepProblem, MAX_FRAME_STEP } from '../video/frame-step.ts';
import { formatEta } from '../video/progress.ts';
import { stopLive } from '../webcam/live-session.ts';
import { CountLineEditor, LineControls } from './CountLineEditor.tsx';
import { LineCountsTable } from './LineCountsTable.tsx';
import './video-analysis.css';

const DOWNLOADS: { kind: keyof AnalysisOutputs; testId: string; label: string }[] = [
  { kind: 'annotated', testId: 'download-annotated', label: 'Annotated video' },
  { kind: 'tracksCsv', testId: 'download-tracks-csv', label: 'Tracks (CSV)' },
  { kind: 'tracksJson', testId: 'download-tracks-json', label: 'Tracks (JSON)' },
  { kind: 'counts', testId: 'download-counts', label: 'Counts (JSON)' },
];

/** The dropped or picked video's analysis: Analyse beside "play it live", progress, counts, tracks and the files. */
export function VideoAnalysisPanel() {
  const a = useVideoAnalysis();
  const appState = useApp((s) => s.state);
  if (!a.fileName) return null;
  const active = analysisActive(a);
  const started = a.phase !== 'idle';
  const canStart = !active && appState === 'ready';
  const rate = a.fps > 0 ? `${a.fps.toFixed(1)} frames/s` : '';
  const eta = formatEta(a.etaSeconds);

  return (
    <section
      className="panel video-analysis"
      aria-label="Video analysis"
      data-testid="video-analysis"
      data-phase={a.phase}
      data-done={a.done}
      data-total={a.total}
    >
      <div className="analysis-controls">
        <strong className="analysis-file">{displayText(a.fileName)}</strong>
        <button
          type="button"
          data-testid="analyse-video"
          disabled={!canStart}
          onClick={() => void startAnalysis(() => stopLive())}
          title="Every frame (or every Nth) detected, tracked and counted, in order, none dropped"
        >
          Analyse
        </button>
        <label className="analysis-every">
          every
          <input
            type="number"
            min={1}
            max={MAX_FRAME_STEP}
            step={1}
            value={a.every}
            disabled={active}
            data-testid="analysis-every"
            onChange={(e) => {
              const n = Number(e.target.value);
              if (!frameStepProblem(n)) setFrameStep(n);
            }}
          />
          {a.every === 1 ? 'frame' : 'frames'}
        </label>
        <label className="analysis-annotate">
          <input
            type="checkbox"
            checked={a.annotate}
            disabled={active}
            data-testid="analysis-annotate"
            onChange={(e) => setAnnotate(e.target.checked)}
          />
          annotated video
        </label>
        <button
          type="button"
          data-testid="analysis-pause"
          disabled={a.phase !== 'running' && a.phase !== 'paused'}
          aria-pressed={a.phase === 'paused'}
          onClick={() => (a.phase === 'paused' ? resumeAnalysis() : pauseAnalysis())}
        >
          {a.phase === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" data-testid="analysis-cancel" disabled={!active} onClick={cancelAnalysis}>
          Cancel
        </button>
      </div>
      <LineControls disabled={active} />
      {started && (
        <div className="analysis-progress">
          <progress
            data-testid="analysis-progress"
            aria-label="Frames analysed"
            value={a.done}
            max={Math.max(1, a.total)}
          />
          <span data-testid="analysis-progress-text" aria-live="off">
            {a.done} / {a.total} frames{rate && ` · ${rate}`}
            {eta && active && ` · ${eta} left`}
          </span>
        </div>
      )}
      {a.phase === 'done' && a.elapsedMs !== null && (
        <p
          className="analysis-speed"
          data-testid="analysis-speed"
          data-elapsed-ms={a.elapsedMs.toFixed(0)}
          data-inference-p50-ms={a.inferenceP50Ms?.toFixed(2) ?? ''}
          data-preprocess-ms={a.workerMs?.preprocess.toFixed(0) ?? ''}
          data-inference-ms={a.workerMs?.inference.toFixed(0) ?? ''}
          data-postprocess-ms={a.workerMs?.postprocess.toFixed(0) ?? ''}
        >
          {a.done} frames in {(a.elapsedMs / 1000).toFixed(1)} s ({((a.done * 1000) / a.elapsedMs).toFixed(1)} frames/s)
          {a.inferenceP50Ms !== null &&
            `; the model takes ${a.inferenceP50Ms.toFixed(0)} ms a frame (median), so at most ${(1000 / a.inferenceP50Ms).toFixed(1)} frames/s`}
        </p>
      )}
      {a.message && (
        <p
          className={a.phase === 'failed' ? 'analysis-message error' : 'analysis-message'}
          data-testid="analysis-message"
          role={a.phase === 'failed' ? 'alert' : undefined}
        >
          {displayText(a.message)}
        </p>
      )}
      <div className="analysis-preview" hidden={!started || a.phase === 'failed'}>
        <canvas ref={attachPreview} data-testid="analysis-canvas" aria-label="The frame being analysed, annotated" />
        <CountLineEditor disabled={active} />
      </div>
      {started && a.phase !== 'failed' && (
        <div className="analysis-results">
          {a.line && <LineCountsTable totals={a.totals} counts={a.counts} testId="analysis-counts" />}
          <p className="analysis-tracks" data-testid="analysis-tracks" data-tracks={a.tracks}>
            {a.tracks} track IDs so far
          </p>
          <ol className="live-detections" aria-label="Tracks in the frame shown">
            {a.current.map((t) => (
              <li key={t.trackId} data-testid="analysis-track" data-track-id={t.trackId} data-label={t.label}>
                <span className="swatch" style={{ background: classColourCss(t.classId) }} aria-hidden />#{t.trackId}{' '}
                {displayText(t.label)} {(t.score * 100).toFixed(0)}%
              </li>
            ))}
          </ol>
        </div>
      )}
      {a.phase === 'done' && a.outputs && (
        <div className="analysis-downloads">
          {DOWNLOADS.map((d) => {
            const name = a.outputs?.[d.kind] ?? null;
            return (
              <button
                key={d.kind}
                type="button"
                data-testid={d.testId}
                disabled={!name}
                title={name ?? (d.kind === 'counts' ? 'Draw a counting line before analysing' : 'Not made')}
                onClick={() => downloadOutput(d.kind)}
              >
                {d.label}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
