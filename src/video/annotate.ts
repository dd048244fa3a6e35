import { drawDetections, imageStyle } from '../image/draw.ts';
import type { TrackedDetection } from '../tracking/byte-tracker.ts';
import type { ClassCounts, DirectionCounts } from '../tracking/line-counter.ts';
import { type CountLine, inNormal } from '../tracking/line-geometry.ts';
import { displayText } from '../util/text.ts';

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A tracked box's label: `#7 person 83%`. */
export function trackLabel(d: TrackedDetection): string {
  return `#${d.trackId} ${d.label} ${(d.score * 100).toFixed(0)}%`;
}

/** The frame and its tracked boxes, labelled with their IDs, at the frame's own resolution. */
export function drawTrackedFrame(
  ctx: Ctx,
  image: CanvasImageSource,
  width: number,
  height: number,
  tracked: readonly TrackedDetection[],
): void {
  drawDetections(ctx, image, width, height, tracked, {
    labelText: (d) => trackLabel(d as TrackedDetection),
  });
}

export interface LineCounts {
  totals: DirectionCounts;
  counts: readonly ClassCounts[];
}

/** The counts in words, one line each: `in 3 · out 1`, then `car: in 2 · out 1` per class. */
export function countLines(c: LineCounts): string[] {
  return [
    `in ${c.totals.in} · out ${c.totals.out}`,
    ...c.counts.map((k) => `${displayText(k.label)}: in ${k.in} · out ${k.out}`),
  ];
}

/**
 * The counting line in image pixels, its ends A and B, an arrow to the "in"
 * side, and (given counts) the totals per direction and class in a box at
 * the top left. Used by the annotated video and the live overlay alike.
 */
export function drawCountLine(ctx: Ctx, line: CountLine, width: number, height: number, counts?: LineCounts): void {
  const { lineWidth, fontPx } = imageStyle(width, height);
  const lw = Math.max(2, lineWidth);
  ctx.save();
  ctx.lineCap = 'round';
  // A dark outline under a light line reads on bright and dark video alike.
  for (const [colour, w] of [
    ['rgba(0,0,0,0.75)', lw + 3],
    ['#ffeb3b', lw],
  ] as const) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = w;
    ctx.beginPath();
    ctx.moveTo(line.x1, line.y1);
    ctx.lineTo(line.x2, line.y2);
    ctx.stroke();
  }
  const n = inNormal(line);
  const mx = (line.x1 + line.x2) / 2;
  const my = (line.y1 + line.y2) / 2;
  const len = Math.max(24, fontPx * 2.5);
  const tip = { x: mx + n.x * len, y: my + n.y * len };
  const head = Math.max(8, fontPx * 0.7);
  ctx.strokeStyle = '#ffeb3b';
  ctx.fillStyle = '#ffeb3b';
  ctx.lineWidth = lw;
  ctx.beginPath();
  ctx.moveTo(mx, my);
  ctx.lineTo(tip.x - n.x * head * 0.5, tip.y - n.y * head * 0.5);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(tip.x, tip.y);
  ctx.lineTo(tip.x - n.x * head - n.y * head * 0.6, tip.y - n.y * head + n.x * head * 0.6);
  ctx.lineTo(tip.x - n.x * head + n.y * head * 0.6, tip.y - n.y * head - n.x * head * 0.6);
  ctx.closePath();
  ctx.fill();
  ctx.font = `700 ${fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const tag = (text: string, x: number, y: number) => {
    const w = ctx.measureText(text).width + fontPx * 0.6;
    const h = fontPx * 1.3;
    const cx = Math.min(width - w / 2, Math.max(w / 2, x));
    const cy = Math.min(height - h / 2, Math.max(h / 2, y));
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.fillRect(cx - w / 2, cy - h / 2, w, h);
    ctx.fillStyle = '#ffeb3b';
    ctx.fillText(text, cx, cy);
  };
  tag('in', tip.x + n.x * fontPx, tip.y + n.y * fontPx);
  tag('A', line.x1, line.y1);
  tag('B', line.x2, line.y2);
  if (counts) drawCountsBox(ctx, countLines(counts), fontPx);
  ctx.restore();
}

function drawCountsBox(ctx: Ctx, lines: readonly string[], fontPx: number): void {
  ctx.textAlign = 'left';
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  const pad = Math.round(fontPx * 0.4);
  const rowH = Math.round(fontPx * 1.3);
  const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 2 * pad;
  ctx.fillStyle = 'rgba(0,0,0,0.65)';
  ctx.fillRect(pad, pad, w, rowH * lines.length + pad);
  ctx.fillStyle = '#fff';
  lines.forEach((l, i) => {
    ctx.fillText(l, 2 * pad, pad + rowH * i + rowH / 2 + pad / 2);
  });
}
