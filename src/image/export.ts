import type { Detection } from '../detect/detections.ts';
import type { ActiveBundle, DetectionResult } from '../store/app-store.ts';

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

export function downloadJson(value: unknown, fileName: string): void {
  downloadBlob(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }), fileName);
}

export async function canvasToPng(canvas: HTMLCanvasElement | OffscreenCanvas): Promise<Blob> {
  if (canvas instanceof OffscreenCanvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}
