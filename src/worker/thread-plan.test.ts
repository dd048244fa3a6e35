import { describe, expect, it } from 'vitest';
import { AUTO_THREAD_CAP, confirmThreads, planThreads, type ThreadEnv, threadEnvHere } from './thread-plan.ts';

const threaded: ThreadEnv = { crossOriginIsolated: true, sharedArrayBuffer: true, wasmThreads: true, cores: 8 };
/** WebKitGTK: isolated by the service worker, yet no SharedArrayBuffer, and 4 cores reported on a 2-core machine. */
const webkit: ThreadEnv = { crossOriginIsolated: true, sharedArrayBuffer: false, wasmThreads: true, cores: 4 };
const plain: ThreadEnv = { crossOriginIsolated: false, sharedArrayBuffer: false, wasmThreads: true, cores: 2 };

describe('planThreads', () => {
  it('automatic: every core up to the cap where threads can be had, without a note', () => {
    expect(planThreads(null, { ...threaded, cores: 2 })).toEqual({ threads: 2, note: '' });
    expect(planThreads(null, threaded)).toEqual({ threads: AUTO_THREAD_CAP, note: '' });
    expect(planThreads(null, { ...threaded, cores: 1 })).toEqual({ threads: 1, note: '' });
  });

  it('isolated without SharedArrayBuffer (WebKitGTK): 1 thread, and the note says why', () => {
    const p = planThreads(null, webkit);
    expect(p.threads).toBe(1);
    expect(p.note).toBe(
      'The page is cross-origin isolated, but this browser gives no SharedArrayBuffer to workers, so WASM runs on 1 thread (slower).',
    );
    expect(planThreads(4, webkit)).toEqual({
      threads: 1,
      note: '4 threads requested, but this browser gives no SharedArrayBuffer to workers (the page is cross-origin isolated); running WASM on 1 thread.',
    });
  });

  it('not isolated: 1 thread with the note the page has always shown', () => {
    expect(planThreads(null, plain)).toEqual({
      threads: 1,
      note: 'The page is not cross-origin isolated, so WASM runs on 1 thread (slower).',
    });
    expect(planThreads(3, plain)).toEqual({
      threads: 1,
      note: '3 threads requested, but the page is not cross-origin isolated (no SharedArrayBuffer); running WASM on 1 thread.',
    });
    // SharedArrayBuffer forced on without isolation (a browser flag) still gets no threads: ORT would not start them.
    expect(planThreads(null, { ...plain, sharedArrayBuffer: true }).threads).toBe(1);
  });

  it('no WebAssembly threads: 1 thread, said so', () => {
    const p = planThreads(null, { ...threaded, wasmThreads: false });
    expect(p).toEqual({
      threads: 1,
      note: "This browser's WebAssembly has no threads (atomics), so WASM runs on 1 thread (slower).",
    });
  });

  it("a user's count is kept up to the cores reported, past the automatic cap", () => {
    expect(planThreads(1, threaded)).toEqual({ threads: 1, note: '' });
    expect(planThreads(6, threaded)).toEqual({ threads: 6, note: '' });
    expect(planThreads(16, threaded)).toEqual({
      threads: 8,
      note: '16 threads requested, but the browser reports 8 cores; running WASM on 8 threads.',
    });
  });

  it('odd inputs stay whole and at least 1', () => {
    expect(planThreads(0, threaded).threads).toBe(1);
    expect(planThreads(2.7, threaded).threads).toBe(2);
    expect(planThreads(null, { ...threaded, cores: 0 }).threads).toBe(1);
    expect(planThreads(null, { ...threaded, cores: Number.NaN }).threads).toBe(1);
  });
});

describe('confirmThreads', () => {
  it("the runtime's lower count wins, with a note", () => {
    expect(confirmThreads({ threads: 4, note: '' }, 1)).toEqual({
      threads: 1,
      note: 'onnxruntime-web could not start 4 threads in this browser; running WASM on 1 thread.',
    });
  });
  it('agreement, or no readable count, keeps the plan', () => {
    const plan = { threads: 2, note: '' };
    expect(confirmThreads(plan, 2)).toBe(plan);
    expect(confirmThreads(plan, undefined)).toBe(plan);
    expect(confirmThreads(plan, 0)).toBe(plan);
  });
});

describe('threadEnvHere', () => {
  it('reads this realm: Node has SharedArrayBuffer and WebAssembly threads, and is not a cross-origin isolated page', () => {
    const env = threadEnvHere();
    expect(env.sharedArrayBuffer).toBe(true);
    expect(env.wasmThreads).toBe(true);
    expect(env.crossOriginIsolated).toBe(false);
    expect(env.cores).toBeGreaterThanOrEqual(1);
  });
});
