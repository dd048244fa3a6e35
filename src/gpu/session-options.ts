import type { GpuLevers } from './levers.ts';

/** The WebGPU session options a lever set asks for (merged over the app's base options). */
export interface GpuSessionOptions {
  preferredOutputLocation?: 'gpu-buffer';
  enableGraphCapture?: boolean;
}

/**
 * Output on the GPU for `out` (the compaction reads it there) and for graph
 * capture (ORT requires it); graph capture only for static shapes, because a
 * captured graph replays one fixed set of buffers.
 */
export function gpuSessionOptions(levers: GpuLevers, staticShape: boolean): GpuSessionOptions {
  const graph = levers.graphCapture && staticShape;
  return {
    ...(levers.output || graph ? { preferredOutputLocation: 'gpu-buffer' as const } : {}),
    ...(graph ? { enableGraphCapture: true } : {}),
  };
}

/** Why a lever that was asked for does not run on this model, or '' when it does. */
export function graphCaptureNote(levers: GpuLevers, staticShape: boolean): string {
  if (!levers.graphCapture || staticShape) return '';
  return 'Graph capture is off for this model: its input size changes per image (dynamic shape).';
}

/**
 * Graph capture is built (session options, pre-allocated buffers, the retry)
 * but not used: with onnxruntime-web 1.30's WebGPU EP, runs after the first of
 * a captured session did not follow new input. Our e2e caught it once a blank
 * warm-up run came first: bus.jpg then got the blank image's result.
 */
export const GRAPH_CAPTURE_OFF_NOTE =
  "Graph capture is off: with this ONNX Runtime, a captured graph kept returning its first run's result for new frames.";
