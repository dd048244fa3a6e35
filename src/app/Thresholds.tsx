import { useApp } from '../store/app-store.ts';
import { CANDIDATE_FLOOR, candidateFloor } from '../detect/detections.ts';
import { setThresholds } from '../image-detection/current-detections.ts';

export function Thresholds() {
  const conf = useApp((s) => s.conf);
  const iou = useApp((s) => s.iou);
  const bundle = useApp((s) => s.bundle);
  const minConf = bundle ? candidateFloor(bundle.config) : CANDIDATE_FLOOR;
  return (
    <section className="panel thresholds" aria-label="Thresholds">
      <label>
        Confidence <output>{conf.toFixed(2)}</output>
        <input
          type="range"
          data-testid="conf-slider"
          min={minConf}
          max={0.99}
          step={0.01}
          value={conf}
          onChange={(e) => setThresholds(Number(e.target.value), iou)}
        />
      </label>
      <label>
        IoU (overlap) <output>{iou.toFixed(2)}</output>
        <input
          type="range"
          data-testid="iou-slider"
          min={0.01}
          max={1}
          step={0.01}
          value={iou}
          onChange={(e) => setThresholds(conf, Number(e.target.value))}
        />
      </label>
    </section>
  );
}
