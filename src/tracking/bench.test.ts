import { describe, expect, it } from 'vitest';
import { benchTracker } from './bench.ts';

// What the benchmark reports, not how fast: speed is measured by `tsx scripts/bench-tracker.ts`.
describe('benchTracker', () => {
  it('times every frame and reports ordered percentiles for the scene it ran', () => {
    const r = benchTracker(30, 12);
    expect(r).toMatchObject({ frames: 30, objects: 12 });
    // 12 objects less ~5% misses, plus 3 false boxes a frame.
    expect(r.detectionsPerFrame).toBeGreaterThan(12);
    expect(r.detectionsPerFrame).toBeLessThan(16);
    expect(r.p50).toBeLessThanOrEqual(r.p95);
    expect(r.p95).toBeLessThanOrEqual(r.max);
    expect(r.cpuP50).not.toBeNull();
    expect(r.idsIssued).toBeGreaterThanOrEqual(12);
  });
  it('refuses sizes it cannot run', () => {
    expect(() => benchTracker(0, 10)).toThrow(/whole number of frames above 0/);
  });
});
