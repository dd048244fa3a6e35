import { type PointerEvent, useEffect, useMemo, useRef } from 'react';
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

export function ResultView() {
  const result = useApp((s) => s.result);
  return result ? <ResultFigure result={result} /> : null;
}

/** Label rectangles as drawn (canvas pixels) and the scale they were drawn at, for hit tests. */
interface Drawn {
  labels: (Rect | null)[];
  scale: number;
}

/**
 * The image fills its column (up to the viewport's height, at most 2× its
 * pixel size), drawn at screen resolution: the backing store is CSS size ×
 * devicePixelRatio, boxes and labels are sized in CSS pixels.
 */
function ResultFigure({ result }: { result: DetectionResult }) {
  const figure = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const detections = useCurrentDetections();
  const highlighted = useHighlighted(detections);
  const space = useFitSpace(figure);
  const size = useMemo(() => (space ? displaySize(result, space, space.dpr) : null), [result, space]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !size || !space) return;
    const labels = drawDetections(ctx, result.image, result.width, result.height, detections, {
      scale: size.scale,
      style: screenStyle(space.dpr, size.cssWidth),
      highlighted,
    });
    drawn.current = { labels, scale: size.scale };
    // What was drawn, in CSS pixels from the canvas's corner: for tests and anyone checking the layout.
    const css = (v: number) => Math.round((v / space.dpr) * 100) / 100;
    c.dataset.labels = JSON.stringify(labels.map((r) => r && [css(r.x), css(r.y), css(r.width), css(r.height)]));
  }, [result, detections, highlighted, size, space]);

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
        data-testid="result-canvas"
        data-image-width={result.width}
        data-image-height={result.height}
        data-highlight={highlighted ?? undefined}
        width={size?.pixelWidth ?? 0}
        height={size?.pixelHeight ?? 0}
        style={size ? { width: `${size.cssWidth}px`, height: `${size.cssHeight}px` } : undefined}
        role="img"
        aria-label={displayText(`${result.imageName} with ${n} detected object${n === 1 ? '' : 's'}${found}`)}
        onPointerMove={(e) => setHighlight(detections, pick(e))}
        // A touch has no hover: a tap shows its box, and it stays until the next tap.
        onPointerDown={(e) => setHighlight(detections, pick(e))}
        onPointerLeave={(e) => e.pointerType === 'mouse' && setHighlight(detections, null)}
      />
      <figcaption className="downloads">
        <button type="button" data-testid="download-json" onClick={() => void downloadResultJson()}>
          Download JSON
        </button>
        <button type="button" data-testid="download-png" onClick={() => void downloadResultPng()}>
          Download PNG
        </button>
      </figcaption>
    </figure>
  );
}
