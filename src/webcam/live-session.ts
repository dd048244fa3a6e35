import { candidateFloor, type Detection, detectionsAt } from '../detect/detections.ts';
import { appInference } from '../inference/app-inference.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import { useWebcam, type LiveMode } from '../store/webcam-store.ts';
import { cameraErrorMessage, cameraUnavailable } from './camera-errors.ts';
import { listCameras, openCamera, stopStream } from './camera.ts';
import { LiveLoop, type LiveResult } from './live-loop.ts';
import { liveView } from './live-view.ts';
import { clearOverlay, drawOverlay } from './overlay.ts';
import { RateMeter } from './rate-meter.ts';
import { saveSnapshot } from './snapshot.ts';
import { DownloadError } from '../image/export.ts';
import { abortError, errorText } from '../util/errors.ts';
import { ImageInputError } from '../image/image-error.ts';
import { sizeProblem } from '../image/limits.ts';
import { useClassFilter } from '../store/class-filter-store.ts';
import { type FractionLine, useVideoAnalysis } from '../store/video-analysis-store.ts';
import type { ByteTracker, TrackedDetection } from '../tracking/byte-tracker.ts';
import { LineCounter } from '../tracking/line-counter.ts';
import { newTracker, trackerInput } from '../video/frame-detections.ts';
import { lineInPixels, lineUsable } from '../video/line-param.ts';

/**
 * Camera and video-file sessions: opens the source, runs the live loop,
 * feeds the HUD store, and tears everything down on stop. Components call
 * these functions and read useWebcam; nothing here renders.
 */
const web = useWebcam;
const meter = new RateMeter();
/** Consecutive failed frames after which the loop gives up rather than spin on a broken worker. */
const MAX_ERRORS_IN_ROW = 5;
const LIVE_LIST_MAX = 30;

let loop: LiveLoop | null = null;
let stream: MediaStream | null = null;
let objectUrl: string | null = null;
/** The result on screen with its frame: what a snapshot saves and a slider move redraws. */
let latest: LiveResult | null = null;
let cleanups: (() => void)[] = [];
/** Aborted by every start and stop, so a camera granted after the user pressed Stop is closed at once. */
let starting = new AbortController();
let errorsInRow = 0;
let snapshots = 0;
/**
 * Live results are tracked too, so boxes keep their ID from frame to frame.
 * The loop's rate varies with the model; 10 frames a second sets the lost-track
 * buffer to about a second at a typical WASM rate.
 */
const LIVE_TRACKER_RATE = 10;
let tracker: ByteTracker | null = null;
/** The tracked boxes of `latest`, redrawn as they are when a slider moves. */
let latestTracked: TrackedDetection[] = [];
let counter: { line: FractionLine; width: number; height: number; counter: LineCounter } | null = null;
let liveFrame = 0;

function detectionsFor(r: LiveResult): Detection[] {
  const { conf, iou } = useApp.getState();
  return detectionsAt(
    { data: r.result.candidates, count: r.result.count },
    { width: r.width, height: r.height, inputWidth: r.result.inputWidth, inputHeight: r.result.inputHeight },
    r.bundle.config,
    conf,
    iou,
  );
}

/** The line counter for the current line and frame size; a new line or size starts the counts again. */
function lineCounter(width: number, height: number): LineCounter | null {
  const line = useVideoAnalysis.getState().line;
  if (!line || !lineUsable(line, width, height)) {
    counter = null;
    return null;
  }
  if (counter?.line !== line || counter.width !== width || counter.height !== height) {
    counter = { line, width, height, counter: new LineCounter(lineInPixels(line, width, height)) };
  }
  return counter.counter;
}

/** Draws a result; `fresh` = a new frame (tracked, counted, counted in the HUD) rather than a redraw after a slider move. */
function show(r: LiveResult, fresh: boolean): void {
  const detections = detectionsFor(r);
  const { conf, iou } = useApp.getState();
  const c = lineCounter(r.width, r.height);
  if (fresh) {
    tracker ??= newTracker(conf, LIVE_TRACKER_RATE);
    const input = trackerInput(
      { ...r.result, width: r.width, height: r.height },
      r.bundle.config,
      conf,
      iou,
      useClassFilter.getState().hidden,
    );
    latestTracked = tracker.update(input);
    c?.update(++liveFrame, latestTracked);
  }
  const counts = c ? { totals: c.totals(), counts: c.counts() } : null;
  // Shown at the slider's confidence, so a slider move redraws without inference; boxes under it (kept
  // alive by the tracker's second stage) stay tracked, and come back with their ID.
  const shown = latestTracked.filter((d) => d.score >= conf);
  drawOverlay(liveView().overlay, r.width, r.height, shown, c && counts ? { line: c.line, counts } : null);
  useVideoAnalysis.setState({ liveCounts: counts });
  const now = performance.now();
  if (fresh) meter.record(now, now - r.capturedAt);
  const person = fresh && detections.some((d) => d.label === 'person') ? 1 : 0;
  web.setState((s) => ({
    fps: meter.fps(now),
    latencyMs: meter.latencyMs(),
    processed: s.processed + (fresh ? 1 : 0),
    withPerson: s.withPerson + person,
    bundleId: r.bundle.id,
    detections: shown
      .slice(0, LIVE_LIST_MAX)
      .map(({ label, classId, score, trackId }) => ({ label, classId, score, trackId })),
    hasFrame: true,
  }));
}

function forgetResult(): void {
  latest = null;
  // Tracks of another model or source must not lend their IDs to the next frames.
  tracker = null;
  latestTracked = [];
  counter = null;
  liveFrame = 0;
  useVideoAnalysis.setState({ liveCounts: null });
  clearOverlay(liveView().overlay);
  meter.reset();
  web.setState({ detections: [], hasFrame: false, bundleId: null, fps: 0, latencyMs: 0 });
}

function onLoopError(e: unknown): void {
  if (e instanceof ImageInputError) {
    // A frame over the size limits will not shrink by retrying.
    stopLive();
    setStatus(`Live detection stopped: ${e.message}`, true);
    return;
  }
  // One failure (worker restarted by a backend change or Cancel) is normal; the bridge restarts it on the next frame.
  if (++errorsInRow < MAX_ERRORS_IN_ROW) return;
  stopLive();
  setStatus(`Live detection stopped after ${MAX_ERRORS_IN_ROW} failed frames: ${errorText(e)}`, true);
}

function effectivelyPaused(): boolean {
  const s = web.getState();
  return s.paused || s.hidden;
}

function applyPause(): void {
  const paused = effectivelyPaused();
  const v = liveView().video;
  // Freezing the picture too means the still frame and the boxes drawn over it agree.
  if (paused) v.pause();
  else void v.play().catch(() => undefined);
  loop?.setPaused(paused);
  meter.reset();
  if (paused) web.setState({ fps: 0 });
}

function watchApp(): () => void {
  return useApp.subscribe((s, prev) => {
    if (s.bundle !== prev.bundle) {
      // Boxes of the old model must never stay over frames the new one will process.
      forgetResult();
      if (effectivelyPaused()) loop?.refresh();
    } else if ((s.conf !== prev.conf || s.iou !== prev.iou) && latest) {
      show(latest, false);
    }
    if (s.state === 'ready' && prev.state !== 'ready' && effectivelyPaused() && !latest) loop?.refresh();
  });
}

function begin(mode: Exclude<LiveMode, 'off' | 'starting'>, sourceName: string): void {
  errorsInRow = 0;
  meter.reset();
  latest = null;
  web.setState({
    mode,
    sourceName,
    paused: false,
    hidden: document.hidden,
    fps: 0,
    latencyMs: 0,
    processed: 0,
    withPerson: 0,
    detections: [],
    hasFrame: false,
    bundleId: null,
  });
  loop = new LiveLoop(liveView().video, {
    // Declined (null) while the engine runs a model load or an image: they have the worker then.
    detect: (bitmap, minScore) => appInference().detectLive(bitmap, { minScore }),
    currentBundle: () => useApp.getState().bundle,
    minScore: (b) => candidateFloor(b.config),
    onResult: (r) => {
      errorsInRow = 0;
      latest = r;
      show(r, true);
    },
    onError: onLoopError,
  });
  loop.start();
  const onVisibility = () => {
    web.setState({ hidden: document.hidden });
    applyPause();
  };
  document.addEventListener('visibilitychange', onVisibility);
  // Results refresh the HUD; this lets it fall to 0 when they stop coming (model loading, stall).
  const timer = setInterval(() => web.setState({ fps: meter.fps(performance.now()) }), 500);
  cleanups = [
    watchApp(),
    // A line drawn or moved while paused shows at once, not at the next frame.
    useVideoAnalysis.subscribe((st, prev) => {
      if (st.line !== prev.line && latest) show(latest, false);
    }),
    () => document.removeEventListener('visibilitychange', onVisibility),
    () => clearInterval(timer),
  ];
  if (document.hidden) applyPause();
}

/** Stops the camera or video: every track ends (camera light off), the object URL is revoked. */
export function stopLive(message?: string): void {
  starting.abort(abortError('stopped'));
  const wasOn = web.getState().mode !== 'off';
  loop?.stop();
  loop = null;
  for (const c of cleanups) c();
  cleanups = [];
  stopStream(stream);
  stream = null;
  const v = liveView().video;
  v.pause();
  v.srcObject = null;
  if (v.hasAttribute('src')) {
    v.removeAttribute('src');
    v.load(); // drops the decoder and its buffered frames
  }
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = null;
  forgetResult();
  web.setState({ mode: 'off', paused: false, sourceName: '', processed: 0, withPerson: 0 });
  if (wasOn && message) setStatus(message);
}

export async function startCamera(deviceId: string | null = web.getState().deviceId): Promise<void> {
  const problem = cameraUnavailable({
    isSecureContext: window.isSecureContext,
    hasMediaDevices: typeof navigator.mediaDevices?.getUserMedia === 'function',
  });
  if (problem) {
    setStatus(problem, true);
    return;
  }
  stopLive();
  starting = new AbortController();
  const { signal } = starting;
  web.setState({ mode: 'starting' });
  setStatus('Asking for the camera…');
  let s: MediaStream;
  try {
    s = await openCamera(deviceId);
  } catch (e) {
    if (signal.aborted) return;
    web.setState({ mode: 'off' });
    setStatus(cameraErrorMessage(e), true);
    return;
  }
  if (signal.aborted) {
    stopStream(s);
    return;
  }
  stream = s;
  const track = s.getVideoTracks()[0];
  track?.addEventListener('ended', () => {
    if (stream === s) stopLive('The camera was disconnected or taken by another app; press Start camera to try again.');
  });
  const v = liveView().video;
  v.loop = false;
  v.srcObject = s;
  try {
    await v.play();
  } catch (e) {
    if (signal.aborted) return;
    stopLive();
    setStatus(`The camera opened but its video would not play (${errorText(e)}).`, true);
    return;
  }
  if (signal.aborted) return;
  const cameras = await listCameras().catch(() => []);
  if (signal.aborted) return;
  web.setState({ cameras, deviceId: track?.getSettings().deviceId ?? deviceId });
  begin('camera', track?.label || 'Camera');
  // A camera plugged in or out while live shows up in the picker without a restart.
  const onDevices = () =>
    void listCameras().then(
      (list) => web.setState({ cameras: list }),
      () => undefined,
    );
  navigator.mediaDevices.addEventListener('devicechange', onDevices);
  cleanups.push(() => navigator.mediaDevices.removeEventListener('devicechange', onDevices));
  setStatus(`Camera on (${v.videoWidth}×${v.videoHeight}); boxes follow the video as fast as the model allows.`);
}

export function switchCamera(deviceId: string | null): Promise<void> {
  web.setState({ deviceId });
  return web.getState().mode === 'camera' || web.getState().mode === 'starting'
    ? startCamera(deviceId)
    : Promise.resolve();
}

/** Plays a video file muted, looped, through the same loop. Returns an error message or null. */
export async function playVideo(file: File): Promise<string | null> {
  stopLive();
  starting = new AbortController();
  const { signal } = starting;
  const url = URL.createObjectURL(file);
  objectUrl = url;
  web.setState({ mode: 'starting' });
  const v = liveView().video;
  v.srcObject = null;
  v.muted = true;
  v.loop = true;
  v.src = url;
  try {
    await v.play();
    if (!v.videoWidth) throw new Error('it has no video track');
  } catch (e) {
    if (signal.aborted) return null;
    stopLive();
    const why = v.error?.message || errorText(e);
    return `Could not play ${file.name} (${why}); this browser may not support its format. WebM (VP8/VP9) and MP4 (H.264) usually work.`;
  }
  if (signal.aborted) return null;
  const problem = sizeProblem(v.videoWidth, v.videoHeight);
  if (problem) {
    stopLive();
    return `${file.name} cannot be used: each frame ${problem}; play a smaller video.`;
  }
  begin('video', file.name);
  setStatus(`Playing ${file.name} (${v.videoWidth}×${v.videoHeight}, muted, looped) through the detector.`);
  return null;
}

export function togglePause(): void {
  if (!loop) return;
  web.setState({ paused: !web.getState().paused });
  applyPause();
}

export async function snapshot(): Promise<void> {
  const r = latest;
  if (!r) return;
  const n = ++snapshots;
  const { conf, iou, threads } = useApp.getState();
  try {
    await saveSnapshot(r, n, detectionsFor(r), conf, iou, threads ?? 1);
    setStatus(`Saved webcam-${n}.detections.json and webcam-${n}.detections.png.`);
  } catch (e) {
    // A DownloadError names the file that failed (the JSON may already be saved).
    setStatus(e instanceof DownloadError ? e.message : `Could not save the snapshot: ${errorText(e)}`, true);
  }
}
