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
