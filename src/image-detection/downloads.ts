import { useApp } from '../store/app-store.ts';
import { currentDetections } from './current-detections.ts';
import { drawDetections } from '../image/draw.ts';
import { canvasToPng, downloadBlob, downloadJson, resultJson } from '../image/export.ts';

export function downloadResultJson(): void {
  const { result, bundle, conf, iou } = useApp.getState();
  if (!result || !bundle) return;
  downloadJson(resultJson(result, bundle, currentDetections(), conf, iou), `${result.imageName}.detections.json`);
}

/** Renders afresh at full resolution rather than reading the on-screen canvas, which CSS may scale. */
export async function downloadResultPng(): Promise<void> {
  const { result } = useApp.getState();
  if (!result) return;
  const canvas = new OffscreenCanvas(result.width, result.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  drawDetections(ctx, result.image, result.width, result.height, currentDetections());
  downloadBlob(await canvasToPng(canvas), `${result.imageName}.detections.png`);
}
