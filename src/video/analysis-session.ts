import { downloadBlob } from '../image/export.ts';
import { appInference } from '../inference/app-inference.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import { useClassFilter } from '../store/class-filter-store.ts';
import {
  type AnalysisOutputs,
  analysisActive,
  initialAnalysisState,
  useVideoAnalysis,
} from '../store/video-analysis-store.ts';
import { abortError, errorText, isAbortError } from '../util/errors.ts';
import { displayText } from '../util/text.ts';
import { AnalysisRun, type AnalysedFrame, type AnalysisResult } from './analysis-run.ts';
import { analysisFileNames } from './export-names.ts';
import { formatLineParam, lineUsable } from './line-param.ts';
import { openVideo, VideoInputError } from './video-input.ts';

/**
 * The app's video analysis: the file to analyse, the one run at a time, the
 * preview canvas it draws into, and the files it leaves. Components call
 * these functions and read useVideoAnalysis; nothing here renders.
 */
const store = useVideoAnalysis;
const LIST_MAX = 30;

let file: Blob | null = null;
let run: AnalysisRun | null = null;
let preview: HTMLCanvasElement | null = null;
let files: Partial<Record<keyof AnalysisOutputs, Blob>> = {};
/** The video dropped or picked last becomes the one Analyse runs on; the previous run's files go. */
export function setAnalysisFile(f: File): void {
  if (analysisActive(store.getState())) cancelAnalysis();
  file = f;
  files = {};
  const { line, every, annotate } = store.getState();
  store.setState({ ...initialAnalysisState, line, every, annotate, fileName: f.name });
}

/** The panel's canvas, where each annotated frame is shown as it is made. */
export function attachPreview(canvas: HTMLCanvasElement | null): void {
  preview = canvas;
}

function showFrame(f: AnalysedFrame): void {
  if (preview) {
    if (preview.width !== f.canvas.width || preview.height !== f.canvas.height) {
      preview.width = f.canvas.width;
      preview.height = f.canvas.height;
    }
    preview.getContext('2d')?.drawImage(f.canvas, 0, 0);
  }
  const p = f.progress;
  store.setState({
    done: p.done,
    total: p.total,
    fps: p.fps,
    etaSeconds: p.etaSeconds,
    tracks: f.idsIssued,
    counts: f.counts?.counts.map((c) => ({ classId: c.classId, label: c.label, in: c.in, out: c.out })) ?? [],
    totals: f.counts?.totals ?? { in: 0, out: 0 },
    current: f.tracked
      .slice(0, LIST_MAX)
      .map(({ trackId, classId, label, score }) => ({ trackId, classId, label, score })),
  });
}

/**
 * Runs the analysis of the file set last, with the model, sliders, class
 * filter, line and frame step in use now. `beforeRun` runs once the run is
 * sure to start (the app stops the live view there: the worker is the run's).
 */
export async function startAnalysis(beforeRun: () => void = () => undefined): Promise<void> {
  const s = store.getState();
  const app = useApp.getState();
  if (!file || !s.fileName) {
    setStatus('Pick or drop a video first, then press Analyse.', true);
    return;
  }
  if (analysisActive(s)) return;
  if (!app.bundle || app.state !== 'ready') {
    setStatus('Wait until the model is ready (and any image or download has finished), then press Analyse.', true);
    return;
  }
  const name = s.fileName;
  const bundle = app.bundle;
  beforeRun();
  files = {};
  store.setState({
    phase: 'opening',
    message: `Opening ${name}…`,
    outputs: null,
    done: 0,
    total: 0,
    current: [],
    elapsedMs: null,
    inferenceP50Ms: null,
    workerMs: null,
  });
  useApp.setState({ state: 'busy' });
  setStatus(`Opening ${displayText(name)}…`);
  let video: Awaited<ReturnType<typeof openVideo>>;
  try {
    video = await openVideo(file, name);
  } catch (e) {
    fail(e instanceof VideoInputError ? e.message : `${name} could not be opened: ${errorText(e)}`);
    return;
  }
  if (store.getState().phase !== 'opening') {
    video.dispose(); // cancelled while opening
    return;
  }
  const line = s.line && lineUsable(s.line, video.width, video.height) ? s.line : null;
  const engine = appInference();
  const r = new AnalysisRun({
    video,
    every: s.every,
    line,
    config: bundle.config,
    modelId: bundle.id,
    conf: app.conf,
    iou: app.iou,
    hiddenClasses: useClassFilter.getState().hidden,
    encode: s.annotate,
    detect: (frame, minScore, signal) => engine.detectSequential(frame, { minScore, signal }),
    onFrame: (f) => {
      if (run === r) showFrame(f);
    },
  });
  run = r;
  store.setState({
    phase: 'running',
    width: video.width,
    height: video.height,
    total: Math.ceil(video.frameCount / s.every),
    message: '',
  });
  const every = s.every > 1 ? `, every ${s.every}th frame` : '';
  setStatus(
    `Analysing ${displayText(name)} (${video.width}×${video.height}, ${video.frameCount} frames at ${video.fps.toFixed(1)} fps${every})${line ? ` with the line ?line=${formatLineParam(line)}` : ''}…`,
  );
  let result: AnalysisResult;
  try {
    result = await r.done;
  } catch (e) {
    if (run !== r) return;
    run = null;
    if (isAbortError(e)) {
      store.setState({ phase: 'cancelled', message: `Analysis cancelled after ${store.getState().done} frames.` });
      if (useApp.getState().state === 'busy') useApp.setState({ state: 'ready' });
      setStatus(`Analysis of ${displayText(name)} cancelled (${errorText(e)}); the app is ready.`);
      return;
    }
    fail(e instanceof VideoInputError ? e.message : `The analysis of ${name} stopped: ${errorText(e)}`);
    return;
  }
  if (run !== r) return;
  run = null;
  finish(name, result);
}

function finish(name: string, result: AnalysisResult): void {
  const rec = result.recorder;
  const names = analysisFileNames(name, result.format?.extension ?? null);
  files = {
    tracksCsv: new Blob([rec.csv()], { type: 'text/csv' }),
    tracksJson: new Blob([rec.json()], { type: 'application/json' }),
    ...(rec.hasCounts ? { counts: new Blob([rec.counts()], { type: 'application/json' }) } : {}),
    ...(result.annotated ? { annotated: result.annotated } : {}),
  };
  const c = rec.counter;
  store.setState({
    phase: 'done',
    outputs: {
      tracksCsv: names.tracksCsv,
      tracksJson: names.tracksJson,
      counts: rec.hasCounts ? names.counts : null,
      annotated: result.annotated ? names.annotated : null,
    },
    message: result.annotatedNote ? `No annotated video: ${result.annotatedNote}.` : '',
    elapsedMs: result.elapsedMs,
    inferenceP50Ms: result.inferenceP50Ms,
    workerMs: result.workerMs,
  });
  useApp.setState({ state: 'ready' });
  const counted = c ? ` Line: ${c.totals().in} in, ${c.totals().out} out.` : '';
  const note = result.annotatedNote ? ` No annotated video: ${result.annotatedNote}.` : '';
  setStatus(
    `Analysed ${result.framesAnalysed} frames of ${displayText(name)}: ${result.idsIssued} tracks, ${rec.rowCount} boxes.${counted}${note}`,
  );
}

function fail(message: string): void {
  run = null;
  store.setState({ phase: 'failed', message });
  if (useApp.getState().state === 'busy') useApp.setState({ state: 'ready' });
  setStatus(message, true);
}

export function pauseAnalysis(): void {
  if (!run || run.paused) return;
  run.pause();
  store.setState({ phase: 'paused', fps: 0, etaSeconds: null });
  setStatus('Analysis paused; press Resume to go on from the same frame.');
}

export function resumeAnalysis(): void {
  if (!run?.paused) return;
  run.resume();
  store.setState({ phase: 'running' });
  setStatus(`Analysing ${displayText(store.getState().fileName ?? '')}…`);
}

/** Stops the run; frames in flight are dropped and the worker is left to the rest of the app. */
export function cancelAnalysis(): void {
  const s = store.getState();
  if (s.phase === 'opening') {
    store.setState({ phase: 'cancelled', message: 'Analysis cancelled.' });
    if (useApp.getState().state === 'busy') useApp.setState({ state: 'ready' });
    return;
  }
  run?.cancel(abortError('cancelled'));
}

/** Saves one of the finished analysis's files under its name. */
export function downloadOutput(kind: keyof AnalysisOutputs): void {
  const name = store.getState().outputs?.[kind];
  const blob = files[kind];
  if (!name || !blob) {
    setStatus('That file is not available: run an analysis (with a counting line for counts.json) first.', true);
    return;
  }
  downloadBlob(blob, name);
}
