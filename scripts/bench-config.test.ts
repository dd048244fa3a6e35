import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../src/config/index.ts';
import { benchConfigLoader, loaderTable, SCALES, WORKLOADS } from './bench-config.ts';

describe('config loader benchmark inputs', () => {
  it('grow with the scale and stay under the config size limit (so the loader, not the size check, is timed)', () => {
    for (const w of WORKLOADS) {
      const sizes = SCALES.map((s) => new TextEncoder().encode(w.build(s)).length);
      expect(sizes[2]!, w.name).toBeLessThanOrEqual(MAX_CONFIG_BYTES);
      expect(sizes[2]! / sizes[0]!, w.name).toBeGreaterThan(10);
    }
  });

  it('measure what they claim: one issue per unknown key; a valid config of up to 1000 labels', () => {
    const rows = benchConfigLoader(1, 0);
    expect(rows.map((r) => [r.scale, r.issues])).toEqual([
      [1, 240],
      [10, 2400],
      [100, 24_000],
      [1, 0],
      [10, 0],
      [100, 0],
    ]);
    expect(loaderTable(rows).split('\n')).toHaveLength(2 + rows.length + 1);
  });
});
