import { drawDetections } from '../image/draw.ts';
import type { Detection } from '../detect/detections.ts';
import type { TrackedDetection } from '../tracking/byte-tracker.ts';
import type { CountLine } from '../tracking/line-geometry.ts';
import { drawCountLine, type LineCounts, trackLabel } from '../video/annotate.ts';

/**
 * drawDetections paints an image under the boxes; the overlay must stay
 * transparent over the <video>, so it gets a transparent pixel as image.
 * That keeps live boxes, image results and snapshots drawn by one function.
 */
const transparent = new OffscreenCanvas(1, 1);

/** The counting line and its live counts, drawn over the boxes. */
export interface OverlayLine {
  line: CountLine;
  counts: LineCounts;
}

export function drawOverlay(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  detections: readonly Detection[],
  line: OverlayLine | null = null,
): void {
  // Resizing clears and reallocates the canvas; only do it when the frame size changes.
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  // Tracked boxes (the live loop's) carry their ID in the label: `#7 person 83%`.
  const tracked = detections.length > 0 && 'trackId' in detections[0]!;
  drawDetections(
    ctx,
    transparent,
    width,
    height,
    detections,
    tracked ? { labelText: (d) => trackLabel(d as TrackedDetection) } : {},
  );
  if (line) drawCountLine(ctx, line.line, width, height, line.counts);
}

export function clearOverlay(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
}
