import { useApp } from '../store/app-store.ts';
import { useCurrentDetections } from '../image-detection/current-detections.ts';
import { classColourCss } from '../image/palette.ts';
import { displayText } from '../util/text.ts';

export function DetectionList() {
  const result = useApp((s) => s.result);
  const conf = useApp((s) => s.conf);
  const detections = useCurrentDetections();
  if (!result) return null;
  return (
    <section className="panel" aria-label="Detections">
      <h2>
        Detections <span className="count">({detections.length})</span>
      </h2>
      {detections.length === 0 ? (
        <p className="muted">Nothing above {Math.round(conf * 100)}% confidence.</p>
      ) : (
        <ol className="detections">
          {detections.map((d, i) => (
            <li key={i} data-testid="detection" data-label={d.label} data-score={d.score.toFixed(4)}>
              <span className="swatch" style={{ background: classColourCss(d.classId) }} aria-hidden />
              <span className="label">{displayText(d.label)}</span>
              <span className="score">{(d.score * 100).toFixed(1)}%</span>
              <span className="box">
                {Math.round(d.x1)},{Math.round(d.y1)} – {Math.round(d.x2)},{Math.round(d.y2)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
