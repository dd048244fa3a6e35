import { abortBundleLoad, loadCustomBundle } from '../bundles/load-bundle.ts';
import { abortImageDetection, detectImage } from '../image-detection/detect-image.ts';
import { appInference } from '../inference/app-inference.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import { playVideo, stopLive } from '../webcam/live-session.ts';
import { planDrop } from './file-kinds.ts';

let pasteCount = 0;

/** Everything dropped or picked comes through here: an image, a video, or a custom bundle. */
export async function handleFiles(files: readonly File[]): Promise<void> {
  const plan = planDrop(files);
  if (plan.kind === 'refuse') {
    setStatus(plan.message, true);
    return;
  }
  if (plan.kind === 'bundle') return loadCustomBundle(plan.files);
  if (plan.kind === 'video') {
    const problem = await playVideo(plan.files[0]!);
    if (problem) setStatus(problem, true);
    return;
  }
  const file = plan.files[0]!;
  stopLive(); // the result view replaces the live view
  await detectImage(file, file.name);
  if (plan.message && !useApp.getState().statusIsError) setStatus(`${useApp.getState().status} ${plan.message}`);
}

export function handlePaste(items: readonly File[]): Promise<void> {
  const image = items.find((f) => f.type.startsWith('image/'));
  if (!image) {
    setStatus('The clipboard holds no image; copy an image and paste again.', true);
    return Promise.resolve();
  }
  pasteCount++;
  stopLive();
  return detectImage(image, `pasted-${pasteCount}.png`);
}

/** Stops a model download or a running inference; the model in use stays. */
export function cancel(): void {
  abortBundleLoad();
  abortImageDetection();
  appInference().cancel();
  useApp.setState({ state: useApp.getState().bundle ? 'ready' : 'error', progress: null });
  setStatus('Cancelled.');
}
