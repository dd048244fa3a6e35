import { type GpuLevers, parseGpuParam } from '../gpu/levers.ts';
import type { BackendChoice } from '../worker/protocol.ts';
import type { FractionLine } from '../store/video-analysis-store.ts';
import { parseFrameStep } from '../video/frame-step.ts';
import { parseLineParam } from '../video/line-param.ts';

/** The URL contract: ?backend=auto|wasm|webgpu, ?threads=N, ?model=<id>, ?gpu=pre,out,graph|none. */
export interface UrlParams {
  backend: BackendChoice | null;
  threads: number | null;
  model: string | null;
  /** WebGPU levers (all on when ?gpu= is absent). */
  gpu: GpuLevers;
  /** Problems with the parameters themselves, shown in the status line. */
  problems: string[];
}

export function readUrlParams(search: string): UrlParams {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  let backend: BackendChoice | null = null;
  const b = q.get('backend');
  if (b !== null) {
    if (b === 'auto' || b === 'wasm' || b === 'webgpu') backend = b;
    else problems.push(`?backend=${b} is not a backend (use auto, webgpu or wasm); using the saved choice.`);
  }
  let threads: number | null = null;
  const t = q.get('threads');
  if (t !== null) {
    const n = Number(t);
    if (Number.isInteger(n) && n >= 1 && n <= 64) threads = n;
    else problems.push(`?threads=${t} is not a thread count (a whole number 1–64); using the saved choice.`);
  }
  const gpu = parseGpuParam(q.get('gpu'));
  problems.push(...gpu.problems);
  problems.push(...readVideoParams(search).problems);
  return {
    backend,
    threads,
    model: q.get('model'),
    gpu: gpu.levers,
    problems,
  };
}

/** The video analysis's part of the contract: ?line=x1,y1,x2,y2 (fractions of the frame) and ?every=N (frame step). */
export interface VideoParams {
  line: FractionLine | null;
  every: number | null;
  problems: string[];
}

export function readVideoParams(search: string): VideoParams {
  const q = new URLSearchParams(search);
  const line = parseLineParam(q.get('line'));
  const every = parseFrameStep(q.get('every'));
  return {
    line: line.line,
    every: every.every,
    problems: [line.problem, every.problem].filter((p): p is string => p !== null),
  };
}
