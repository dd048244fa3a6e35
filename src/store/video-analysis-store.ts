import { create } from 'zustand';

/**
 * The counting line in fractions of the frame's width and height (0–1), so
 * one line fits a video of any size and `?line=` can give it. A = (x1, y1),
 * B = (x2, y2); "in" is the side to the right of A→B (src/tracking/line-geometry.ts).
 */
export interface FractionLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export type AnalysisPhase = 'idle' | 'opening' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

export interface LineCountRow {
  classId: number;
  label: string;
  in: number;
  out: number;
}

export interface TrackListItem {
  trackId: number;
  classId: number;
  label: string;
  score: number;
}

/** The files of a finished analysis (names only; the bytes stay in src/video/analysis-session.ts). */
export interface AnalysisOutputs {
  tracksCsv: string;
  tracksJson: string;
  counts: string | null;
  annotated: string | null;
}

export interface VideoAnalysisState {
  /** The video dropped or picked last: what Analyse runs on. */
  fileName: string | null;
  phase: AnalysisPhase;
  /** Shared by the live view and the analysis; null = no line drawn. */
  line: FractionLine | null;
  /** Analyse every Nth frame (1 = every frame). */
  every: number;
  /** Analysed frames done, of `total` to analyse. */
  done: number;
  total: number;
  fps: number;
  /** Seconds left at the current rate; null until it can be estimated. */
  etaSeconds: number | null;
  width: number;
  height: number;
  counts: LineCountRow[];
  totals: { in: number; out: number };
  /** Track IDs issued so far. */
  tracks: number;
  /** Tracks seen in the frame shown last. */
  current: TrackListItem[];
  /** What happened, in words (an error when phase is 'failed'). */
  message: string;
  outputs: AnalysisOutputs | null;
  /** Of the finished run: its wall time, and the model's median inference time per frame. */
  elapsedMs: number | null;
  inferenceP50Ms: number | null;
  /** The worker's time per stage over the whole run (summed). */
  workerMs: { preprocess: number; inference: number; postprocess: number } | null;
  /** Write the annotated video (on by default; off when only the tracks and counts are wanted). */
  annotate: boolean;
  /** The live view's counts across the line (camera or video playing), null without a line. */
  liveCounts: { totals: { in: number; out: number }; counts: LineCountRow[] } | null;
}

export const initialAnalysisState: VideoAnalysisState = {
  fileName: null,
  phase: 'idle',
  line: null,
  every: 1,
  done: 0,
  total: 0,
  fps: 0,
  etaSeconds: null,
  width: 0,
  height: 0,
  counts: [],
  totals: { in: 0, out: 0 },
  tracks: 0,
  current: [],
  message: '',
  outputs: null,
  elapsedMs: null,
  inferenceP50Ms: null,
  workerMs: null,
  annotate: true,
  liveCounts: null,
};

export const useVideoAnalysis = create<VideoAnalysisState>()(() => initialAnalysisState);

export function setCountLine(line: FractionLine | null): void {
  useVideoAnalysis.setState({ line });
}

export function setAnnotate(annotate: boolean): void {
  useVideoAnalysis.setState({ annotate });
}

export function setFrameStep(every: number): void {
  useVideoAnalysis.setState({ every });
}

/** Whether an analysis holds the worker now (a paused one too: it resumes where it stopped). */
export function analysisActive(s: Pick<VideoAnalysisState, 'phase'>): boolean {
  return s.phase === 'opening' || s.phase === 'running' || s.phase === 'paused';
}

/** `?line=` and `?every=` set the line and step before any run, so a run can be repeated exactly. */
export function applyVideoParams(p: { line: FractionLine | null; every: number | null }): void {
  useVideoAnalysis.setState({
    ...(p.line ? { line: p.line } : {}),
    ...(p.every !== null ? { every: p.every } : {}),
  });
}
