import { drawDetections } from '../image/draw.ts';
import type { Detection } from '../detect/detections.ts';

/**
 * drawDetections paints an image under the boxes; the overlay must stay
 * transparent over the <video>, so it gets a transparent pixel as image.
 * That keeps live boxes, image results and snapshots drawn by one function.
 */
const transparent = new OffscreenCanvas(1, 1);

export function drawOverlay(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  detections: readonly Detection[],
): void {
  // Resizing clears and reallocates the canvas; only do it when the frame size changes.
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d');
  if (ctx) drawDetections(ctx, transparent, width, height, detections);
}

export function clearOverlay(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
}
