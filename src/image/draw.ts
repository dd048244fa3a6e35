import type { Detection } from '../detect/detections.ts';
import { displayText } from '../util/text.ts';
import { classColourCss, textColourOn } from './palette.ts';

/** Line width and font grow with the image so boxes read the same at any size. */
export function strokeWidthFor(width: number, height: number): number {
  return Math.max(2, Math.round(Math.max(width, height) / 300));
}

/**
 * Paints the image and its boxes at full resolution. Strokes sit inside each
 * box, so a pixel just inside a box edge carries its class colour. Labels are
 * drawn as text (fillText), never as markup.
 */
export function drawDetections(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  image: CanvasImageSource,
  width: number,
  height: number,
  detections: readonly Detection[],
): void {
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  const lw = strokeWidthFor(width, height);
  const fontPx = Math.max(12, lw * 6);
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  // Lowest score first, so the most confident box ends up on top.
  for (let i = detections.length - 1; i >= 0; i--) {
    const d = detections[i]!;
    const colour = classColourCss(d.classId);
    ctx.strokeStyle = colour;
    ctx.lineWidth = lw;
    ctx.strokeRect(d.x1 + lw / 2, d.y1 + lw / 2, Math.max(0, d.x2 - d.x1 - lw), Math.max(0, d.y2 - d.y1 - lw));
    const text = `${displayText(d.label)} ${(d.score * 100).toFixed(0)}%`;
    const tw = ctx.measureText(text).width + lw * 2;
    const th = fontPx + lw * 2;
    // Above the box when there is room, else inside it.
    const ty = d.y1 - th >= 0 ? d.y1 - th : d.y1;
    const tx = Math.min(Math.max(0, d.x1), Math.max(0, width - tw));
    ctx.fillStyle = colour;
    ctx.fillRect(tx, ty, tw, th);
    ctx.fillStyle = textColourOn(d.classId);
    ctx.fillText(text, tx + lw, ty + lw);
  }
}
