import { describe, expect, it } from 'vitest';
import { gpuParam, leverLabel, parseGpuParam } from './levers.ts';
import { gpuSessionOptions, graphCaptureNote } from './session-options.ts';

describe('?gpu= levers', () => {
  it('absent: every lever on, no note', () => {
    expect(parseGpuParam(null)).toEqual({
      levers: { preprocess: true, output: true, graphCapture: true },
      problems: [],
    });
  });
  it('names the levers that are on; none turns all off', () => {
    expect(parseGpuParam('pre,graph').levers).toEqual({ preprocess: true, output: false, graphCapture: true });
    expect(parseGpuParam('out').levers).toEqual({ preprocess: false, output: true, graphCapture: false });
    expect(parseGpuParam('none').levers).toEqual({ preprocess: false, output: false, graphCapture: false });
    expect(parseGpuParam(' PRE , out ').levers).toEqual({ preprocess: true, output: true, graphCapture: false });
  });
  it('an unknown token is left out with a note naming it and the known ones', () => {
    const r = parseGpuParam('pre,turbo');
    expect(r.levers).toEqual({ preprocess: true, output: false, graphCapture: false });
    expect(r.problems).toEqual([
      '?gpu=pre,turbo: "turbo" is not a lever (use pre, out, graph or none); WebGPU levers on: GPU preprocessing.',
    ]);
  });
  it('round-trips through gpuParam and labels', () => {
    for (const v of ['pre,out,graph', 'pre', 'out,graph', 'none']) expect(gpuParam(parseGpuParam(v).levers)).toBe(v);
    expect(leverLabel(parseGpuParam('pre,out,graph').levers)).toBe('all levers');
    expect(leverLabel(parseGpuParam('none').levers)).toBe('naive');
    expect(leverLabel(parseGpuParam('pre,out').levers)).toBe('no graph');
  });
});

describe('WebGPU session options per lever', () => {
  const all = parseGpuParam('pre,out,graph').levers;
  it('output on the GPU for out or graph; graph capture only on static shapes', () => {
    expect(gpuSessionOptions(all, true)).toEqual({ preferredOutputLocation: 'gpu-buffer', enableGraphCapture: true });
    expect(gpuSessionOptions(all, false)).toEqual({ preferredOutputLocation: 'gpu-buffer' });
    expect(gpuSessionOptions({ ...all, output: false }, true)).toEqual({
      preferredOutputLocation: 'gpu-buffer',
      enableGraphCapture: true,
    });
    expect(gpuSessionOptions({ preprocess: true, output: false, graphCapture: false }, true)).toEqual({});
  });
  it('says why graph capture is off on a dynamic model', () => {
    expect(graphCaptureNote(all, false)).toMatch(/dynamic shape/);
    expect(graphCaptureNote(all, true)).toBe('');
  });
});
