/**
 * A batch run in the app: the files of a drop or pick → skipped or image →
 * the queue (decode here, detect in the worker through the one engine, with
 * the bundle and slider values of single images) → the batch store, one
 * small item per image. The run owns the app's `busy` state until it ends.
 */
import { candidateFloor, detectionsAt } from '../detect/detections.ts';
import { decodeImage } from '../image/decode.ts';
import { closeResult } from '../image-detection/detect-image.ts';
import { appInference } from '../inference/app-inference.ts';
import { inspectImageOffThread } from '../parse-worker/index.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import {
  addBatchFailure,
  addBatchItem,
  batchActive,
  type BatchRunInfo,
  type StageSums,
  clearBatch,
  closeBatchItem,
  useBatch,
} from '../store/batch-store.ts';
import { errorText } from '../util/errors.ts';
import { formatDuration, RateWindow, secondsLeft } from './eta.ts';
import { type BatchFile, batchFiles } from './names.ts';
import { BatchQueue } from './queue.ts';
import { sortOutImages } from './scan.ts';
import { drawThumbnail } from './thumbnail.ts';
import type { NotTaken, WalkedFile } from './walk.ts';

interface Decoded {
  bitmap: ImageBitmap;
  decodeMs: number;
}

interface Detected {
  ms: StageSums;
  width: number;
  height: number;
  detections: ReturnType<typeof detectionsAt>;
  thumb: string | null;
}

let queue: BatchQueue<BatchFile, Decoded, Detected> | null = null;
/** Cancel pressed while the files were still being looked through (there is no queue yet). */
let cancelledEarly = false;
const meter = new RateWindow(20);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Starts a batch over walked files (a folder's, or several picked); `skipped` are those the walk could not read. */
export async function startBatch(walked: readonly WalkedFile[], skippedEarly: readonly NotTaken[] = []): Promise<void> {
  if (batchActive()) {
    setStatus('A batch is already running; cancel it (or let it finish) before starting another.', true);
    return;
  }
  const { bundle, state, conf, iou } = useApp.getState();
  if (!bundle)
    return setStatus('No model is loaded yet; wait for it or pick another model, then drop the folder again.', true);
  if (state === 'loading' || state === 'busy')
    return setStatus(
      'The app is busy (a model is loading or an image is being detected); drop the folder again when it is ready.',
      true,
    );
  clearBatch();
  cancelledEarly = false;
  closeResult(); // the batch's results take the main view
  const files = batchFiles(walked);
  useBatch.setState({ phase: 'scanning' });
  useApp.setState({ state: 'busy' });
  setStatus(`Looking through ${plural(files.length, 'file')}…`);
  const { images, skipped } = await sortOutImages(files, (seen) =>
    setStatus(`Looking through ${plural(files.length, 'file')}… (${seen} so far)`),
  );
  const allSkipped = [...skippedEarly, ...skipped];
  const run: BatchRunInfo = {
    bundleId: bundle.id,
    // As the CLI names it: the config's id (a dropped bundle's own, not 'custom').
    model: bundle.config.id || bundle.id,
    modelName: bundle.config.name,
    labels: bundle.config.labels,
    conf,
    iou,
  };
  useBatch.setState({ skipped: allSkipped, run, total: images.length });
  if (cancelledEarly) {
    useBatch.setState({ phase: 'cancelled', stopReason: 'cancelled' });
    finishAppState();
    setStatus('Batch cancelled before it started.');
    return;
  }
  if (images.length === 0) {
    useBatch.setState({ phase: 'done' });
    finishAppState();
    setStatus(
      `No image among ${plural(walked.length + skippedEarly.length, 'file')} (each skipped file is listed with the reason); drop JPEG, PNG, GIF, WebP, AVIF, BMP or SVG images, or a folder holding them.`,
      true,
    );
    return;
  }
  useBatch.setState({ phase: 'running' });
  setStatus(`Detecting objects in ${plural(images.length, 'image')}…`);
  const { config } = bundle;
  const minScore = candidateFloor(config);
  meter.reset();
  const q = new BatchQueue<BatchFile, Decoded, Detected>(
    images,
    {
      decode: async (f) => {
        const t0 = performance.now();
        const { bitmap } = await decodeImage(f.file, f.name, (b) => inspectImageOffThread(b, f.name));
        return { bitmap, decodeMs: performance.now() - t0 };
      },
      detect: async ({ bitmap, decodeMs }, _f, signal) => {
        const thumb = drawThumbnail(bitmap);
        const res = await appInference().detectSequential(bitmap, { minScore, signal });
        return {
          ms: { decode: decodeMs, ...res.timings },
          width: res.width,
          height: res.height,
          detections: detectionsAt({ data: res.candidates, count: res.count }, res, config, conf, iou),
          thumb: await thumb(),
        };
      },
      discard: (d) => d.bitmap.close(),
    },
    {
      result: (f, { ms, ...r }) => {
        addBatchItem({ name: f.name, file: f.file, ...r }, ms);
        tick();
      },
      failure: (f, message) => {
        addBatchFailure({ name: f.name, reason: message });
        tick();
      },
      busy: (inFlight) => useBatch.setState({ inFlight }),
    },
  );
  queue = q;
  const t0 = performance.now();
  const ended = await q.run();
  if (queue === q) queue = null;
  const s = useBatch.getState();
  useBatch.setState({
    phase: ended === 'cancelled' ? 'cancelled' : 'done',
    secondsLeft: null,
    stopReason: q.stopReason,
  });
  finishAppState();
  const objects = s.items.reduce((n, it) => n + it.detections.length, 0);
  const rest = [
    s.failures.length ? `${s.failures.length} failed` : '',
    s.skipped.length ? `${s.skipped.length} skipped` : '',
  ].filter(Boolean);
  const what = `${plural(s.items.length, 'image')} (${plural(objects, 'object')})${rest.length ? `, ${rest.join(', ')}` : ''}`;
  const took = formatDuration((performance.now() - t0) / 1000);
  setStatus(
    ended === 'cancelled'
      ? `Batch stopped (${q.stopReason}) after ${what}; the results so far can be downloaded.`
      : `Batch done: ${what} in ${took}.`,
    ended === 'cancelled' && q.stopReason !== 'cancelled',
  );
}

function tick(): void {
  meter.add(performance.now());
  const { total, processed } = useBatch.getState();
  const rate = meter.rate();
  useBatch.setState({ rate, secondsLeft: secondsLeft(total - processed, rate) });
}

/** Back to ready, unless a model load took over meanwhile (it sets the state itself). */
function finishAppState(): void {
  if (useApp.getState().state === 'busy') useApp.setState({ state: useApp.getState().bundle ? 'ready' : 'error' });
}

export function pauseBatch(): void {
  if (!queue || useBatch.getState().phase !== 'running') return;
  queue.pause();
  useBatch.setState({ phase: 'paused', secondsLeft: null });
  setStatus('Batch paused; the images in flight finish, then it waits. Resume to go on.');
}

export function resumeBatch(): void {
  if (!queue || useBatch.getState().phase !== 'paused') return;
  meter.reset(); // the pause is no part of the pace
  useBatch.setState({ phase: 'running', rate: null });
  queue.resume();
  setStatus(`Detecting objects in ${plural(useBatch.getState().total, 'image')}…`);
}

export function cancelBatch(): void {
  if (queue) queue.cancel();
  else if (useBatch.getState().phase === 'scanning') cancelledEarly = true;
}

/** Decodes the item's file again (only its detections were kept) and shows it in the main view. */
export async function openBatchItem(index: number): Promise<void> {
  const item = useBatch.getState().items[index];
  if (!item) return;
  try {
    const { bitmap } = await decodeImage(item.file, item.name, (b) => inspectImageOffThread(b, item.name));
    closeBatchItem();
    closeResult(); // one image in the main view at a time
    useBatch.setState({ opened: { index, image: bitmap } });
  } catch (e) {
    setStatus(
      `${item.name} could not be opened again (${errorText(e)}); it may have been moved or changed since the run.`,
      true,
    );
  }
}
