import type { Detection } from '../detect/detections.ts';
import { displayText } from '../util/text.ts';
import { anchorRect, type LabelRequest, layoutLabels, type Rect } from './label-layout.ts';
import { classColourCss, textColourOn } from './palette.ts';

/** Line width and label font size, in canvas pixels. */
export interface DrawStyle {
  lineWidth: number;
  fontPx: number;
}

/** Line width grows with the image so boxes read the same at any size. */
export function strokeWidthFor(width: number, height: number): number {
  return Math.max(2, Math.round(Math.max(width, height) / 300));
}

/** For a drawing at the image's own resolution (downloads, snapshots, the live overlay): sized to the image. */
export function imageStyle(width: number, height: number): DrawStyle {
  const lineWidth = strokeWidthFor(width, height);
  return { lineWidth, fontPx: Math.max(12, lineWidth * 6) };
}

/** Below this CSS width (a phone) labels use a smaller font, so they cover less of a small picture. */
const NARROW_CSS_PX = 600;

/**
 * For a drawing at screen resolution: 2 CSS px lines and 14 CSS px text (12
 * on a drawing narrower than 600 CSS px) whatever the image's own size.
 */
export function screenStyle(pixelRatio: number, cssWidth = Number.POSITIVE_INFINITY): DrawStyle {
  const fontCss = cssWidth < NARROW_CSS_PX ? 12 : 14;
  return { lineWidth: Math.max(1, Math.round(2 * pixelRatio)), fontPx: Math.round(fontCss * pixelRatio) };
}

export interface DrawOptions {
  /** Each label's text; default "person 87%". Shown through displayText, so outside text cannot reorder it. */
  labelText?: (d: Detection, index: number) => string;
  /** This detection is drawn on top with a thicker line and its label always shown; the others are dimmed. */
  highlighted?: number | null;
  /** Canvas pixels per image pixel: 1 (default) draws at the image's resolution; a screen passes CSS scale × devicePixelRatio. */
  scale?: number;
  /** Default: imageStyle of the drawn size. A screen passes screenStyle(devicePixelRatio). */
  style?: DrawStyle;
}

export const defaultLabelText = (d: Detection): string => `${d.label} ${(d.score * 100).toFixed(0)}%`;

/** Others fade to this while one detection is highlighted. */
const DIMMED_ALPHA = 0.3;

/**
 * Paints the image and its boxes on a canvas of (width × scale) × (height ×
 * scale) pixels. Strokes sit inside each box, so a pixel just inside a box
 * edge carries its class colour. Labels are drawn as text (fillText), never
 * as markup, and placed by layoutLabels: none hides another, all stay on the
 * canvas; a label with no free spot is left out (its box keeps its colour,
 * and the detection list still names it).
 *
 * @returns each detection's label rectangle in canvas pixels, null where it was left out.
 */
export function drawDetections(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  image: CanvasImageSource,
  width: number,
  height: number,
  detections: readonly Detection[],
  options: DrawOptions = {},
): (Rect | null)[] {
  const scale = options.scale ?? 1;
  const area = { width: Math.round(width * scale), height: Math.round(height * scale) };
  const { lineWidth: lw, fontPx } = options.style ?? imageStyle(area.width, area.height);
  const labelText = options.labelText ?? defaultLabelText;
  const hi = options.highlighted ?? null;
  const highlighted = hi !== null && hi >= 0 && hi < detections.length ? hi : null;

  ctx.save();
  ctx.clearRect(0, 0, area.width, area.height);
  ctx.drawImage(image, 0, 0, area.width, area.height);
  // Whole canvas pixels keep 1-device-pixel edges sharp instead of smeared over two pixels.
  const boxes = detections.map((d) => ({
    x1: Math.round(d.x1 * scale),
    y1: Math.round(d.y1 * scale),
    x2: Math.round(d.x2 * scale),
    y2: Math.round(d.y2 * scale),
  }));
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  const padX = Math.max(2, Math.round(fontPx * 0.3));
  const padY = Math.max(1, Math.round(fontPx * 0.15));
  const texts = detections.map((d, i) => displayText(labelText(d, i)));
  const requests: LabelRequest[] = detections.map((d, i) => ({
    box: boxes[i]!,
    width: Math.ceil(ctx.measureText(texts[i]!).width) + 2 * padX,
    height: Math.round(fontPx) + 2 * padY,
    score: d.score,
  }));
  const labels = layoutLabels(requests, area);

  const drawBox = (i: number, w: number) => {
    const b = boxes[i]!;
    ctx.strokeStyle = classColourCss(detections[i]!.classId);
    ctx.lineWidth = w;
    ctx.strokeRect(b.x1 + w / 2, b.y1 + w / 2, Math.max(0, b.x2 - b.x1 - w), Math.max(0, b.y2 - b.y1 - w));
  };
  const drawLabel = (i: number, r: Rect) => {
    const classId = detections[i]!.classId;
    ctx.fillStyle = classColourCss(classId);
    ctx.fillRect(r.x, r.y, r.width, r.height);
    ctx.fillStyle = textColourOn(classId);
    ctx.fillText(texts[i]!, r.x + padX, r.y + r.height / 2);
  };

  // Lowest score first, so the most confident box ends up on top; labels after every box, so no box line
  // crosses a label's text.
  const order = detections.map((_, i) => detections.length - 1 - i).filter((i) => i !== highlighted);
  ctx.globalAlpha = highlighted === null ? 1 : DIMMED_ALPHA;
  for (const i of order) drawBox(i, lw);
  for (const i of order) {
    const r = labels[i];
    if (r) drawLabel(i, r);
  }
  if (highlighted !== null) {
    // Over everything else, so nothing hides it; a label the layout left out is shown too, at its usual spot.
    ctx.globalAlpha = 1;
    drawBox(highlighted, Math.round(lw * 1.5));
    const r = labels[highlighted] ?? anchorRect(requests[highlighted]!, area);
    if (r) drawLabel(highlighted, r);
  }
  ctx.restore();
  return labels;
}
