import { describe, expect, it } from 'vitest';
import { MAX_SIDE, sizeProblem, svgRasterSize } from './limits.ts';

describe('sizeProblem', () => {
  it('within both limits: none', () => {
    expect(sizeProblem(8000, 8000)).toBeNull();
    expect(sizeProblem(MAX_SIDE, 3000)).toBeNull();
  });
  it('over 64 MP, a side over 16384 px even under 64 MP, and no pixels', () => {
    expect(sizeProblem(20000, 20000)).toBe("is 20000x20000 (400 MP), over this app's limit of 64 MP");
    expect(sizeProblem(16385, 100)).toMatch(/its width is over this app's limit of 16384 px per side/);
    expect(sizeProblem(100, 40000)).toMatch(/its height is over/);
    expect(sizeProblem(0, 10)).toMatch(/has no pixels \(0x10\)/);
    expect(sizeProblem(Number.NaN, 10)).toMatch(/has no pixels/);
  });
});

describe('svgRasterSize', () => {
  it('the declared size when it fits; otherwise scaled so the longest side is 2048, aspect kept', () => {
    expect(svgRasterSize({ width: 200, height: 100 })).toEqual({ width: 200, height: 100 });
    expect(svgRasterSize({ width: 8192, height: 4096 })).toEqual({ width: 2048, height: 1024 });
    expect(svgRasterSize({ width: 100, height: 16000 })).toEqual({ width: 13, height: 2048 });
    expect(svgRasterSize({ width: 1e6, height: 1 })).toEqual({ width: 2048, height: 1 });
  });
});
