import { type Detection, detectionsAt } from '../detect/detections.ts';
import { useApp } from '../store/app-store.ts';
import { useSettings } from '../store/settings-store.ts';

let memo: { result: unknown; bundle: unknown; conf: number; iou: number; detections: Detection[] } | null = null;

const NONE: Detection[] = [];

type AppSnapshot = ReturnType<typeof useApp.getState>;

/**
 * Detections for the current result at the current slider values. Memoised on
 * its inputs, so the canvas, list and downloads share one NMS run and a store
 * selector gets the same array until something it depends on changes.
 */
export function currentDetections(state: AppSnapshot = useApp.getState()): Detection[] {
  const { result, bundle, conf, iou } = state;
  if (!result || !bundle || result.bundleId !== bundle.id) return NONE;
  if (memo && memo.result === result && memo.bundle === bundle && memo.conf === conf && memo.iou === iou)
    return memo.detections;
  const detections = detectionsAt(result.candidates, result, bundle.config, conf, iou);
  memo = { result, bundle, conf, iou, detections };
  return detections;
}

/** The current detections, re-rendering when the result, bundle or sliders change. */
export function useCurrentDetections(): Detection[] {
  return useApp(currentDetections);
}

/** Slider moves re-run only filter + NMS, and are remembered for the bundle they were made on. */
export function setThresholds(conf: number, iou: number): void {
  useApp.setState({ conf, iou });
  const id = useApp.getState().bundle?.id;
  if (id) useSettings.getState().setSliders(id, conf, iou);
}
