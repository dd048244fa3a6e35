import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { analysisActive, useVideoAnalysis } from '../store/video-analysis-store.ts';
import { CountLineEditor, LineControls } from './CountLineEditor.tsx';
import { LineCountsTable } from './LineCountsTable.tsx';
import { useWebcam } from '../store/webcam-store.ts';
import { liveView } from '../webcam/live-view.ts';
import { snapshot, startCamera, stopLive, switchCamera, togglePause } from '../webcam/live-session.ts';
import { handleFiles } from './input-routing.ts';
import { classColourCss } from '../image/palette.ts';
import './webcam.css';
import { displayText } from '../util/text.ts';

const TOGGLE_LABEL = { off: 'Start camera', starting: 'Cancel', camera: 'Stop camera', video: 'Stop video' } as const;

export function WebcamPanel() {
  const w = useWebcam();
  const host = useRef<HTMLDivElement>(null);
  const live = w.mode === 'camera' || w.mode === 'video';
  const liveCounts = useVideoAnalysis((s) => s.liveCounts);
  const analysing = useVideoAnalysis(analysisActive);

  useEffect(() => {
    const root = liveView().root;
    host.current?.append(root);
    return () => root.remove();
  }, []);

  return (
    <section
      className="panel webcam"
      aria-label="Camera and video"
      data-testid="webcam-panel"
      data-mode={w.mode}
      data-paused={w.paused || w.hidden}
      data-processed={w.processed}
      data-with-person={w.withPerson}
      data-bundle={w.bundleId ?? ''}
    >
      <div className="webcam-controls">
        <button
          type="button"
          data-testid="webcam-toggle"
          onClick={() =>
            w.mode === 'off'
              ? void startCamera()
              : stopLive(w.mode === 'camera' ? 'Camera stopped; its light is off.' : 'Stopped.')
          }
        >
          {TOGGLE_LABEL[w.mode]}
        </button>
        <select
          data-testid="camera-select"
          aria-label="Camera"
          value={w.deviceId ?? ''}
          disabled={w.mode === 'video'}
          onChange={(e) => void switchCamera(e.target.value || null)}
        >
          <option value="">Default camera</option>
          {w.cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {displayText(c.label)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="webcam-pause" disabled={!live} aria-pressed={w.paused} onClick={togglePause}>
          {w.paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          data-testid="webcam-snapshot"
          disabled={!live || !w.hasFrame}
          onClick={() => void snapshot()}
        >
          Snapshot
        </button>
        <label className="video-input">
          Or play (and analyse) a video file
          <input
            type="file"
            accept="video/*"
            data-testid="video-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              void handleFiles(files);
            }}
          />
        </label>
      </div>
      <div ref={host} className="live-host" hidden={w.mode === 'off'} />
      {live && createPortal(<CountLineEditor disabled={analysing} />, liveView().root)}
      {live && (
        <>
          {/* A video file has these in the analysis panel below. */}
          {w.mode === 'camera' && <LineControls disabled={analysing} />}
          {liveCounts && <LineCountsTable totals={liveCounts.totals} counts={liveCounts.counts} testId="live-counts" />}
          <dl className="hud" aria-live="off">
            <div>
              <dt>FPS</dt>
              <dd data-testid="fps">{w.fps.toFixed(1)}</dd>
            </div>
            <div>
              <dt>Latency (ms)</dt>
              <dd data-testid="latency">{w.latencyMs.toFixed(0)}</dd>
            </div>
            <div>
              <dt>Frames</dt>
              <dd data-testid="live-frames">{w.processed}</dd>
            </div>
          </dl>
          <ol className="live-detections" aria-label="Tracks in the current frame">
            {w.detections.map((d, i) => (
              <li
                key={d.trackId ?? `i${i}`}
                data-testid="live-detection"
                data-label={d.label}
                data-score={d.score.toFixed(4)}
                data-track-id={d.trackId ?? ''}
              >
                <span className="swatch" style={{ background: classColourCss(d.classId) }} aria-hidden />
                {d.trackId !== undefined && `#${d.trackId} `}
                {displayText(d.label)} {(d.score * 100).toFixed(0)}%
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
