import { appInference } from '../inference/app-inference.ts';
import { WorkerGoneError } from '../inference/worker-bridge.ts';
import { decodeImage } from '../image/decode.ts';
import { ImageInputError } from '../image/image-error.ts';
import { inspectImageOffThread, ParseTimeoutError } from '../parse-worker/index.ts';
import { candidateFloor } from '../detect/detections.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import { abortError, errorText, isAbortError } from '../util/errors.ts';
import { currentDetections } from './current-detections.ts';

/** The image the user asked for last: a model or backend switch re-runs it instead of showing a stale result. */
let lastImage: { blob: Blob; name: string } | null = null;
let running: AbortController | null = null;

/** The image behind the current result (as picked, undecoded), for the benchmark panel. */
export function currentImageFile(): { blob: Blob; name: string } | null {
  return lastImage;
}

export function closeResult(): void {
  useApp.getState().result?.image.close();
  useApp.setState({ result: null });
}

/** Stops waiting for the image in flight (Cancel); its result, if it comes, is dropped. */
export function abortImageDetection(): void {
  running?.abort(abortError('cancelled'));
  running = null;
}

/** Runs the last image again on the model now loaded (after a model or backend switch). */
export function rerunLastImage(): Promise<void> {
  return lastImage ? detectImage(lastImage.blob, lastImage.name) : Promise.resolve();
}

export async function detectImage(blob: Blob, name: string): Promise<void> {
  const app = useApp.getState();
  const { bundle } = app;
  if (!bundle) {
    setStatus('No model is loaded yet; wait for it or pick another model.', true);
    return;
  }
  lastImage = { blob, name };
  if (app.state === 'loading') {
    // Run it when the model is ready rather than on a session being replaced.
    setStatus(`A model is loading; ${name} will be processed when it is ready.`);
    return;
  }
  running?.abort(abortError('a newer image was asked for'));
  const mine = new AbortController();
  running = mine;
  const { signal } = mine;
  useApp.setState({ state: 'busy' });
  setStatus(`Detecting objects in ${name}…`);
  let image: ImageBitmap | null = null;
  try {
    const t0 = performance.now();
    const decoded = await decodeImage(blob, name, (file) => inspectImageOffThread(file, name));
    image = decoded.bitmap;
    const decode = performance.now() - t0;
    if (signal.aborted) return;
    // The worker gets a clone; the original stays here for drawing.
    const forWorker = await createImageBitmap(image);
    const res = await appInference().detect(forWorker, { minScore: candidateFloor(bundle.config), signal });
    closeResult();
    useApp.setState({
      result: {
        imageName: name,
        image,
        width: res.width,
        height: res.height,
        inputWidth: res.inputWidth,
        inputHeight: res.inputHeight,
        candidates: { data: res.candidates, count: res.count },
        timings: { decode, ...res.timings },
        backend: res.backend,
        threads: useApp.getState().threads ?? 1,
        bundleId: bundle.id,
        ...(res.gpu ? { gpu: res.gpu } : {}),
      },
      backend: res.backend,
      backendNote: res.note,
      state: 'ready',
    });
    image = null; // now owned by the store
    const n = currentDetections().length;
    // A model that outputs NaN or Infinity is broken; its rows are dropped, and said so, not drawn.
    const dropped = res.nonFiniteRows
      ? ` ${res.nonFiniteRows} output row${res.nonFiniteRows === 1 ? '' : 's'} held NaN or Infinity and ${res.nonFiniteRows === 1 ? 'was' : 'were'} dropped; the model may be broken.`
      : '';
    setStatus(
      `Found ${n} object${n === 1 ? '' : 's'} in ${name} (inference ${res.timings.inference.toFixed(0)} ms on ${res.backend.toUpperCase()}).${decoded.note ? ` ${decoded.note}` : ''}${dropped}`,
    );
  } catch (e) {
    if (signal.aborted || isAbortError(e)) return;
    useApp.setState({ state: useApp.getState().bundle ? 'ready' : 'error' });
    if (e instanceof ImageInputError || e instanceof ParseTimeoutError) {
      lastImage = null;
      setStatus(e.message, true);
    } else if (e instanceof WorkerGoneError) setStatus(`${e.message}. It will restart on the next image.`, true);
    else setStatus(`Detection failed on ${name}: ${errorText(e)}`, true);
  } finally {
    image?.close();
    if (running === mine) {
      running = null;
      if (useApp.getState().state === 'busy') useApp.setState({ state: 'ready' });
    }
  }
}
