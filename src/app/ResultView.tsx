import { type PointerEvent, type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { Detection } from '../detect/detections.ts';
import { type DetectionResult, useApp } from '../store/app-store.ts';
import { setHighlight, useHighlighted } from '../store/highlight-store.ts';
import { useCurrentDetections } from '../image-detection/current-detections.ts';
import { drawDetections, screenStyle } from '../image/draw.ts';
import { displaySize } from '../image/display-size.ts';
import { detectionAt } from '../image/hit-test.ts';
import type { Rect } from '../image/label-layout.ts';
import { countByClass, summaryText } from '../detect/summary.ts';
import { downloadResultJson, downloadResultPng } from '../image-detection/downloads.ts';
import { displayText } from '../util/text.ts';
import { useFitSpace } from './use-fit-space.ts';
import { filterByClass, useClassFilter } from '../store/class-filter-store.ts';

export function ResultView() {
  const result = useApp((s) => s.result);
  return result ? <ResultFigure result={result} /> : null;
}

/** Label rectangles as drawn (canvas pixels) and the scale they were drawn at, for hit tests. */
interface Drawn {
  labels: (Rect | null)[];
  scale: number;
}

function ResultFigure({ result }: { result: DetectionResult }) {
  const all = useCurrentDetections();
  const hidden = useClassFilter((s) => s.hidden);
  const detections = useMemo(() => filterByClass(all, hidden), [all, hidden]);
  return (
    <DetectionsFigure
      name={result.imageName}
      image={result.image}
      width={result.width}
      height={result.height}
      detections={detections}
    >
      <button type="button" data-testid="download-json" onClick={() => void downloadResultJson()}>
        Download JSON
      </button>
      <button type="button" data-testid="download-png" onClick={() => void downloadResultPng()}>
        Download PNG
      </button>
    </DetectionsFigure>
  );
}

export interface FigureProps {
  name: string;
  image: ImageBitmap;
  width: number;
  height: number;
  /** Already through the class filter. */
  detections: readonly Detection[];
  /** Buttons under the image. */
  children?: ReactNode;
  testId?: string;
}

/**
 * An image with its boxes, for a single image's result and a batch's image
 * opened from the grid. It fills its column (up to the viewport's height, at
 * most 2× its pixel size), drawn at screen resolution: the backing store is
 * CSS size × devicePixelRatio, boxes and labels are sized in CSS pixels.
 */
export function DetectionsFigure({
  name,
  image,
  width,
  height,
  detections,
  children,
  testId = 'result-canvas',
}: FigureProps) {
  const figure = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const highlighted = useHighlighted(detections);
  const space = useFitSpace(figure);
  const size = useMemo(() => (space ? displaySize({ width, height }, space, space.dpr) : null), [width, height, space]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !size || !space) return;
    const labels = drawDetections(ctx, image, width, height, detections, {
      scale: size.scale,
      style: screenStyle(space.dpr, size.cssWidth),
      highlighted,
    });
    drawn.current = { labels, scale: size.scale };
    // What was drawn, in CSS pixels from the canvas's corner: for tests and anyone checking the layout.
    const css = (v: number) => Math.round((v / space.dpr) * 100) / 100;
    c.dataset.labels = JSON.stringify(labels.map((r) => r && [css(r.x), css(r.y), css(r.width), css(r.height)]));
  }, [image, width, height, detections, highlighted, size, space]);

  const pick = (e: PointerEvent<HTMLCanvasElement>): number | null => {
    const d = drawn.current;
    if (!d) return null;
    const r = e.currentTarget.getBoundingClientRect();
    const k = e.currentTarget.width / r.width;
    const boxes = detections.map((b) => ({
      x1: b.x1 * d.scale,
      y1: b.y1 * d.scale,
      x2: b.x2 * d.scale,
      y2: b.y2 * d.scale,
    }));
    return detectionAt(boxes, d.labels, (e.clientX - r.left) * k, (e.clientY - r.top) * k);
  };
  const n = detections.length;
  const found = n ? `: ${summaryText(countByClass(detections))}` : '';
  return (
    <figure className="result" ref={figure}>
      <canvas
        ref={canvas}
        data-testid={testId}
        data-image-width={width}
        data-image-height={height}
        data-highlight={highlighted ?? undefined}
        width={size?.pixelWidth ?? 0}
        height={size?.pixelHeight ?? 0}
        style={size ? { width: `${size.cssWidth}px`, height: `${size.cssHeight}px` } : undefined}
        role="img"
        aria-label={displayText(`${name} with ${n} detected object${n === 1 ? '' : 's'}${found}`)}
        onPointerMove={(e) => setHighlight(detections, pick(e))}
        // A touch has no hover: a tap shows its box, and it stays until the next tap.
        onPointerDown={(e) => setHighlight(detections, pick(e))}
        onPointerLeave={(e) => e.pointerType === 'mouse' && setHighlight(detections, null)}
      />
      {children && <figcaption className="downloads">{children}</figcaption>}
    </figure>
  );
}
