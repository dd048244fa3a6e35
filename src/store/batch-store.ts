import { create } from 'zustand';
import type { Detection } from '../detect/detections.ts';

/** One image of a batch: all that is kept of it (never its pixels), so memory stays flat over thousands. */
export interface BatchItem {
  /** Path inside the dropped folder: the name every export uses. */
  name: string;
  /** The file handle, to decode it again when it is opened (a File holds no bytes until read). */
  file: File;
  width: number;
  height: number;
  /** At the run's thresholds; every class (the class filter is applied when shown or exported). */
  detections: readonly Detection[];
  /** Object URL of a small JPEG (THUMB_SIZE px on its long side), or null if the browser could not make one. */
  thumb: string | null;
}

export interface BatchProblem {
  name: string;
  reason: string;
}

export type BatchPhase = 'idle' | 'scanning' | 'running' | 'paused' | 'done' | 'cancelled';

/** What a run was made with: the exports say so, and the class chips name classes from it. */
export interface BatchRunInfo {
  bundleId: string;
  /** The bundle's id as the user knows it and its config's name. */
  model: string;
  modelName: string;
  labels: readonly string[];
  conf: number;
  iou: number;
}

interface BatchStore {
  phase: BatchPhase;
  /** Images in the run (skipped files not counted). */
  total: number;
  /** Images finished: detected or failed. */
  processed: number;
  /**
   * Detected images in input order. Appended in place (a copy per image would
   * cost O(n²) over a big folder); `version` changes with each append, so
   * select `version` to re-render.
   */
  items: BatchItem[];
  version: number;
  failures: BatchProblem[];
  skipped: BatchProblem[];
  /** Detections per class id over all items, every class. */
  classCounts: number[];
  rate: number | null;
  secondsLeft: number | null;
  run: BatchRunInfo | null;
  /** Why the run stopped early, in words. */
  stopReason: string;
  /** The item shown in the main view, and its decoded image. */
  opened: { index: number; image: ImageBitmap } | null;
  /** Images being decoded or detected now (0 while paused: the pause has taken effect). */
  inFlight: number;
  /** Sums over the detected items, ms: where the time goes (means shown in the panel, read by bench:batch). */
  stageMs: StageSums;
}

export interface StageSums {
  decode: number;
  preprocess: number;
  inference: number;
  postprocess: number;
}

const NO_TIME: StageSums = { decode: 0, preprocess: 0, inference: 0, postprocess: 0 };

/**
 * No run: the state before the first batch and after one is forgotten (`version` aside).
 * A function, not a constant: `items` grows in place during a run, so each run needs its own array.
 */
const noRun = (): Omit<BatchStore, 'version'> => ({
  phase: 'idle',
  total: 0,
  processed: 0,
  items: [],
  failures: [],
  skipped: [],
  classCounts: [],
  rate: null,
  secondsLeft: null,
  run: null,
  stopReason: '',
  opened: null,
  inFlight: 0,
  stageMs: NO_TIME,
});

export const useBatch = create<BatchStore>()(() => ({ ...noRun(), version: 0 }));

/** A run in progress (paused counts: it will go on). */
export function batchActive(phase: BatchPhase = useBatch.getState().phase): boolean {
  return phase === 'scanning' || phase === 'running' || phase === 'paused';
}

export function addBatchItem(item: BatchItem, ms: StageSums): void {
  const s = useBatch.getState();
  s.items.push(item);
  const classCounts = [...s.classCounts];
  for (const d of item.detections) classCounts[d.classId] = (classCounts[d.classId] ?? 0) + 1;
  const t = s.stageMs;
  const stageMs = {
    decode: t.decode + ms.decode,
    preprocess: t.preprocess + ms.preprocess,
    inference: t.inference + ms.inference,
    postprocess: t.postprocess + ms.postprocess,
  };
  useBatch.setState({ version: s.version + 1, processed: s.processed + 1, classCounts, stageMs });
}

export function addBatchFailure(failure: BatchProblem): void {
  const s = useBatch.getState();
  useBatch.setState({ failures: [...s.failures, failure], processed: s.processed + 1 });
}

export function closeBatchItem(): void {
  useBatch.getState().opened?.image.close();
  useBatch.setState({ opened: null });
}

/** Forgets a run: its thumbnails are released. */
export function clearBatch(): void {
  const s = useBatch.getState();
  for (const it of s.items) if (it.thumb) URL.revokeObjectURL(it.thumb);
  s.opened?.image.close();
  useBatch.setState({ ...noRun(), version: s.version + 1 });
}
