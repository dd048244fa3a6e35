import { describe, expect, it } from 'vitest';
import { LEVER_COMPARISON, planBackends, planLabel } from './plan.ts';

describe('planBackends', () => {
  it('runs WebGPU, threaded and single-thread WASM on a hardware GPU', () => {
    const r = planBackends({
      webgpu: 'hardware',
      forceWebgpu: false,
      threads: 8,
      isolated: true,
      sharedArrayBuffer: true,
    });
    expect(r.plans).toEqual([
      { backend: 'webgpu', threads: 1, gpu: { preprocess: true, output: true, graphCapture: true } },
      { backend: 'wasm', threads: 8 },
      { backend: 'wasm', threads: 1 },
    ]);
    expect(r.skipped).toEqual([]);
  });

  it('runs one WebGPU configuration per lever set, labelled by what is off', () => {
    const r = planBackends({
      webgpu: 'hardware',
      forceWebgpu: false,
      threads: 2,
      isolated: true,
      sharedArrayBuffer: true,
      leverSets: LEVER_COMPARISON,
    });
    expect(r.plans.map(planLabel)).toEqual([
      'WebGPU',
      'WebGPU (no pre)',
      'WebGPU (no out)',
      'WebGPU (no graph)',
      'WebGPU (naive)',
      'WASM ×2',
      'WASM ×1',
    ]);
  });

  it('skips a software adapter unless forced', () => {
    expect(
      planBackends({
        webgpu: 'software',
        forceWebgpu: false,
        threads: 2,
        isolated: true,
        sharedArrayBuffer: true,
      }).plans.map(planLabel),
    ).toEqual(['WASM ×2', 'WASM ×1']);
    expect(
      planBackends({
        webgpu: 'software',
        forceWebgpu: true,
        threads: 2,
        isolated: true,
        sharedArrayBuffer: true,
      }).plans.map(planLabel),
    ).toEqual(['WebGPU', 'WASM ×2', 'WASM ×1']);
  });

  it('forcing does not conjure WebGPU where there is none', () => {
    const r = planBackends({ webgpu: 'none', forceWebgpu: true, threads: 2, isolated: true, sharedArrayBuffer: true });
    expect(r.plans.map(planLabel)).toEqual(['WASM ×2', 'WASM ×1']);
    expect(r.skipped[0]).toMatch(/not available/);
  });

  it('has no threaded run where the browser gives no SharedArrayBuffer though isolated (WebKitGTK), and says why', () => {
    const r = planBackends({
      webgpu: 'none',
      forceWebgpu: false,
      threads: 4,
      isolated: true,
      sharedArrayBuffer: false,
    });
    expect(r.plans).toEqual([{ backend: 'wasm', threads: 1 }]);
    expect(r.skipped).toContain(
      'WASM threaded: this browser gives no SharedArrayBuffer (the page is cross-origin isolated)',
    );
  });

  it('has no threaded run without isolation or with one core', () => {
    expect(
      planBackends({ webgpu: 'none', forceWebgpu: false, threads: 4, isolated: false, sharedArrayBuffer: false }).plans,
    ).toEqual([{ backend: 'wasm', threads: 1 }]);
    expect(
      planBackends({ webgpu: 'none', forceWebgpu: false, threads: 1, isolated: true, sharedArrayBuffer: true }).plans,
    ).toEqual([{ backend: 'wasm', threads: 1 }]);
  });
});
