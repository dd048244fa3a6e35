import { drawDetections } from '../image/draw.ts';
import { canvasToPng, drawingCanvas, jsonBlob, resultJson, saveFile } from '../image/export.ts';
import type { Detection } from '../detect/detections.ts';
import type { DetectionResult } from '../store/app-store.ts';
import type { LiveResult } from './live-loop.ts';

/**
 * Saves the frame the boxes were computed on (not the video's newer frame)
 * as `webcam-<n>.detections.json` (the image JSON contract) and an annotated
 * full-resolution `webcam-<n>.detections.png`.
 */
export async function saveSnapshot(
  live: LiveResult,
  n: number,
  detections: readonly Detection[],
  conf: number,
  iou: number,
  threads: number,
): Promise<void> {
  // Copy first: the loop reuses the frame canvas a frame or two later, while PNG encoding is async.
  const image = await createImageBitmap(live.frame);
  try {
    const r = live.result;
    const name = `webcam-${n}`;
    const asResult: DetectionResult = {
      imageName: `${name}.png`,
      image,
      width: live.width,
      height: live.height,
      inputWidth: r.inputWidth,
      inputHeight: r.inputHeight,
      candidates: { data: r.candidates, count: r.count },
      // "decode" of a live frame is copying it off the video.
      timings: { decode: live.captureMs, ...r.timings },
      backend: r.backend,
      threads,
      bundleId: live.bundle.id,
      ...(r.gpu ? { gpu: r.gpu } : {}),
    };
    await saveFile(`${name}.detections.json`, () => jsonBlob(resultJson(asResult, live.bundle, detections, conf, iou)));
    await saveFile(`${name}.detections.png`, () => {
      const { canvas, ctx } = drawingCanvas(live.width, live.height);
      drawDetections(ctx, image, live.width, live.height, detections);
      return canvasToPng(canvas);
    });
  } finally {
    image.close();
  }
}
