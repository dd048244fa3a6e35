/** The largest frame step `?every=` and the panel accept: past it a video is barely sampled. */
export const MAX_FRAME_STEP = 1000;

/** Whether the frame at 0-based `index` (decode order = presentation order for these codecs' output) is analysed. */
export function isAnalysed(index: number, every: number): boolean {
  return index % every === 0;
}

/** How many of `total` frames an analysis with step `every` looks at: frames 1, 1 + every, 1 + 2·every, … */
export function analysedFrameCount(total: number, every: number): number {
  return total <= 0 ? 0 : Math.ceil(total / every);
}

/** Checks a frame step: a problem in words, or null. */
export function frameStepProblem(every: number): string | null {
  if (Number.isInteger(every) && every >= 1 && every <= MAX_FRAME_STEP) return null;
  return `the frame step must be a whole number from 1 to ${MAX_FRAME_STEP} (1 = every frame)`;
}

/** `?every=N`: the step, or a problem sentence; null step when the parameter is absent. */
export function parseFrameStep(raw: string | null): { every: number | null; problem: string | null } {
  if (raw === null) return { every: null, problem: null };
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  const problem = frameStepProblem(n);
  if (problem) return { every: null, problem: `?every=${raw} is not a frame step: ${problem}; analysing every frame.` };
  return { every: n, problem: null };
}
