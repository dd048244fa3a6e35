import { setStatus, useApp } from '../store/app-store.ts';
import { currentDetections } from './current-detections.ts';
import { drawDetections } from '../image/draw.ts';
import { canvasToPng, drawingCanvas, jsonBlob, resultJson, saveFile } from '../image/export.ts';
import { errorText } from '../util/errors.ts';
import { filterByClass, useClassFilter } from '../store/class-filter-store.ts';

/** What is shown is what is downloaded: the current detections through the class filter. */
const shownDetections = () => [...filterByClass(currentDetections(), useClassFilter.getState().hidden)];

/** A failed download says so in the status line; the result stays on screen. */
async function reported(save: Promise<void>): Promise<void> {
  try {
    await save;
  } catch (e) {
    setStatus(errorText(e), true);
  }
}

export async function downloadResultJson(): Promise<void> {
  const { result, bundle, conf, iou } = useApp.getState();
  if (!result || !bundle) return setStatus('Nothing to download yet: detect objects in an image first.', true);
  await reported(
    saveFile(`${result.imageName}.detections.json`, () =>
      jsonBlob(resultJson(result, bundle, shownDetections(), conf, iou)),
    ),
  );
}

/** Renders afresh at full resolution rather than reading the on-screen canvas, which CSS may scale. */
export async function downloadResultPng(): Promise<void> {
  const { result } = useApp.getState();
  if (!result) return setStatus('Nothing to download yet: detect objects in an image first.', true);
  await reported(
    saveFile(`${result.imageName}.detections.png`, () => {
      const { canvas, ctx } = drawingCanvas(result.width, result.height);
      drawDetections(ctx, result.image, result.width, result.height, shownDetections());
      return canvasToPng(canvas);
    }),
  );
}
