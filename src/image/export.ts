import type { Detection } from '../detect/detections.ts';
import type { ActiveBundle, DetectionResult } from '../store/app-store.ts';
import { errorText } from '../util/errors.ts';
import { displayText } from '../util/text.ts';

/** The JSON download contract (see README): other tools read it, keep it stable. */
export function resultJson(
  r: DetectionResult,
  bundle: ActiveBundle,
  detections: readonly Detection[],
  conf: number,
  iou: number,
  imageName = r.imageName,
) {
  return {
    image: imageName,
    width: r.width,
    height: r.height,
    model: bundle.id,
    config: { name: bundle.config.name, schemaVersion: bundle.config.schemaVersion },
    modelSha256: bundle.modelSha256,
    backend: r.backend,
    threads: r.threads,
    inputWidth: r.inputWidth,
    inputHeight: r.inputHeight,
    conf,
    iou,
    timings: r.timings,
    // Which WebGPU levers produced this result (absent on WASM), so downloads from different settings compare.
    ...(r.gpu ? { gpu: { ...r.gpu } } : {}),
    detections: detections.map(({ x1, y1, x2, y2, score, classId, label }) => ({
      x1,
      y1,
      x2,
      y2,
      score,
      classId,
      label,
    })),
  };
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function jsonBlob(value: unknown): Blob {
  return new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
}

/** A file the app could not make or hand to the browser; the message names it and says nothing was saved. */
export class DownloadError extends Error {
  constructor(fileName: string, cause: unknown) {
    super(`Could not save ${displayText(fileName)}: ${errorText(cause)}. Nothing was downloaded; try again.`);
    this.name = 'DownloadError';
  }
}

/**
 * Makes a file and hands it to the browser as a download. Every way this can
 * fail that the page can see (encoding, memory, blob URLs refused) rejects
 * with a DownloadError, for the caller to show; none is silent. What the
 * browser does with the file afterwards (a full disk, a blocked download) is
 * not visible to pages.
 */
export async function saveFile(fileName: string, make: () => Blob | Promise<Blob>): Promise<void> {
  try {
    downloadBlob(await make(), fileName);
  } catch (e) {
    throw new DownloadError(fileName, e);
  }
}

export async function canvasToPng(canvas: HTMLCanvasElement | OffscreenCanvas): Promise<Blob> {
  if (canvas instanceof OffscreenCanvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}

/** A fresh canvas of that size and its 2D context, or an error saying the browser would not give one. */
export function drawingCanvas(
  width: number,
  height: number,
): { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(`the browser could not give a ${width}×${height} canvas to draw the PNG on`);
  return { canvas, ctx };
}
