import { useEffect, useMemo, useRef } from 'react';
import { useApp } from '../store/app-store';
import { currentDetections } from './controller';
import { drawDetections } from './draw';
import { downloadResultJson, downloadResultPng } from './downloads';

export function ResultView() {
  const result = useApp((s) => s.result);
  const conf = useApp((s) => s.conf);
  const iou = useApp((s) => s.iou);
  const bundle = useApp((s) => s.bundle);
  const canvas = useRef<HTMLCanvasElement>(null);
  const detections = useMemo(() => currentDetections(), [result, conf, iou, bundle]);

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
        aria-label={`${result.imageName} with ${detections.length} detected objects`}
      />
      <figcaption className="downloads">
        <button type="button" data-testid="download-json" onClick={() => downloadResultJson()}>
          Download JSON
        </button>
        <button type="button" data-testid="download-png" onClick={() => void downloadResultPng()}>
          Download PNG
        </button>
      </figcaption>
    </figure>
  );
}
