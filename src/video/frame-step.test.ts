import { describe, expect, it } from 'vitest';
import { analysedFrameCount, frameStepProblem, isAnalysed, MAX_FRAME_STEP, parseFrameStep } from './frame-step.ts';

describe('frame step', () => {
  it('analyses frames 1, 1 + N, 1 + 2N, … (0-based indices 0, N, 2N)', () => {
    const picked = Array.from({ length: 10 }, (_, i) => i).filter((i) => isAnalysed(i, 3));
    expect(picked).toEqual([0, 3, 6, 9]);
    expect(analysedFrameCount(10, 3)).toBe(picked.length);
  });

  it('counts every frame with step 1, none of an empty video', () => {
    expect(analysedFrameCount(100, 1)).toBe(100);
    expect(analysedFrameCount(100, 7)).toBe(15);
    expect(analysedFrameCount(0, 5)).toBe(0);
  });

  it('parses ?every= and says what is wrong with a bad one', () => {
    expect(parseFrameStep(null)).toEqual({ every: null, problem: null });
    expect(parseFrameStep('4')).toEqual({ every: 4, problem: null });
    for (const bad of ['0', '-2', '1.5', 'abc', '', String(MAX_FRAME_STEP + 1)]) {
      const r = parseFrameStep(bad);
      expect(r.every).toBeNull();
      expect(r.problem).toContain(`?every=${bad} is not a frame step`);
      expect(r.problem).toContain('analysing every frame');
    }
    expect(frameStepProblem(MAX_FRAME_STEP)).toBeNull();
  });
});
