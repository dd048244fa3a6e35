import { drawDetections } from '../image/draw.ts';
import { canvasToPng, downloadBlob, downloadJson, resultJson } from '../image/export.ts';
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
    downloadJson(resultJson(asResult, live.bundle, detections, conf, iou), `${name}.detections.json`);
    const canvas = new OffscreenCanvas(live.width, live.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw the snapshot');
    drawDetections(ctx, image, live.width, live.height, detections);
    downloadBlob(await canvasToPng(canvas), `${name}.detections.png`);
  } finally {
    image.close();
  }
}
