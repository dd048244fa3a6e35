import { abortBundleLoad, loadCustomBundle } from '../bundles/load-bundle.ts';
import { abortImageDetection, detectImage } from '../image-detection/detect-image.ts';
import { appInference } from '../inference/app-inference.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import { playVideo, stopLive } from '../webcam/live-session.ts';
import { planDrop } from './file-kinds.ts';
import { walkedFromInput } from '../batch/names.ts';
import { cancelBatch, startBatch } from '../batch/run-batch.ts';
import { type WalkEntry, walkEntries } from '../batch/walk.ts';
import { batchActive, closeBatchItem } from '../store/batch-store.ts';
import { analysisActive, useVideoAnalysis } from '../store/video-analysis-store.ts';
import { setAnalysisFile } from '../video/analysis-session.ts';

let pasteCount = 0;

/** Everything dropped or picked comes through here: an image, a video, or a custom bundle. */
export async function handleFiles(files: readonly File[]): Promise<void> {
  const plan = planDrop(files);
  if (plan.kind === 'refuse') {
    setStatus(plan.message, true);
    return;
  }
  if (plan.kind === 'bundle') return loadCustomBundle(plan.files);
  if (analysisActive(useVideoAnalysis.getState())) {
    // The run holds the worker: a picture would wait behind every frame of it. (A model load may still cancel it.)
    setStatus('A video analysis is running: wait for it, or press Cancel in the video panel, then try again.', true);
    return;
  }
  if (plan.kind === 'video') {
    // Played live as before; the video panel offers Analyse beside it.
    setAnalysisFile(plan.files[0]!);
    const problem = await playVideo(plan.files[0]!);
    if (problem) setStatus(problem, true);
    return;
  }
  if (batchActive()) {
    // The batch owns the app's busy state until it ends; a single image meanwhile would muddle both.
    setStatus('A batch is running: wait for it, or cancel it, then drop the image again.', true);
    return;
  }
  if (plan.kind === 'batch') {
    stopLive();
    return startBatch(walkedFromInput(plan.files));
  }
  const file = plan.files[0]!;
  stopLive(); // the result view replaces the live view
  closeBatchItem();
  await detectImage(file, file.name);
  if (plan.message && !useApp.getState().statusIsError) setStatus(`${useApp.getState().status} ${plan.message}`);
}

/**
 * A drop: a folder among the dropped items makes it a batch, walked through
 * its entries (recursively); otherwise the files decide, as for a pick.
 */
export async function handleDrop(files: readonly File[], entries: readonly WalkEntry[] | null): Promise<void> {
  if (!entries?.some((e) => e.kind === 'dir')) return handleFiles(files);
  if (analysisActive(useVideoAnalysis.getState())) {
    setStatus('A video analysis is running: wait for it, or press Cancel in the video panel, then try again.', true);
    return;
  }
  stopLive();
  setStatus('Reading the dropped folder…');
  const walked = await walkEntries(entries);
  return startBatch(walked.files, walked.skipped);
}

/** The batch panel's inputs: whatever was picked (one file, many, a folder) is a batch. */
export function handleBatchPick(files: readonly File[]): Promise<void> {
  if (analysisActive(useVideoAnalysis.getState())) {
    setStatus('A video analysis is running: wait for it, or press Cancel in the video panel, then try again.', true);
    return Promise.resolve();
  }
  stopLive();
  return startBatch(walkedFromInput(files));
}

export function handlePaste(items: readonly File[]): Promise<void> {
  const image = items.find((f) => f.type.startsWith('image/'));
  if (!image) {
    setStatus('The clipboard holds no image; copy an image and paste again.', true);
    return Promise.resolve();
  }
  if (batchActive()) {
    setStatus('A batch is running: wait for it, or cancel it, then paste again.', true);
    return Promise.resolve();
  }
  pasteCount++;
  stopLive();
  closeBatchItem();
  return detectImage(image, `pasted-${pasteCount}.png`);
}

/** Stops a model download or a running inference; the model in use stays. */
export function cancel(): void {
  abortBundleLoad();
  abortImageDetection();
  cancelBatch();
  appInference().cancel();
  useApp.setState({ state: useApp.getState().bundle ? 'ready' : 'error', progress: null });
  setStatus('Cancelled.');
}
