import { useEffect, useRef } from 'react';
import { useApp } from '../store/app-store.ts';
import { useCurrentDetections } from '../image-detection/current-detections.ts';
import { drawDetections } from '../image/draw.ts';
import { downloadResultJson, downloadResultPng } from '../image-detection/downloads.ts';
import { displayText } from '../util/text.ts';

export function ResultView() {
  const result = useApp((s) => s.result);
  const canvas = useRef<HTMLCanvasElement>(null);
  const detections = useCurrentDetections();

  useEffect(() => {
    const c = canvas.current;
    if (!c || !result) return;
    c.width = result.width;
    c.height = result.height;
    const ctx = c.getContext('2d');
    if (ctx) drawDetections(ctx, result.image, result.width, result.height, detections);
  }, [result, detections]);

  if (!result) return null;
  return (
    <figure className="result">
      <canvas
        ref={canvas}
        data-testid="result-canvas"
        role="img"
        aria-label={`${displayText(result.imageName)} with ${detections.length} detected objects`}
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
