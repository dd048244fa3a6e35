/**
 * Test-only fault injection: failures that cannot be provoked for real in a
 * headless browser (a lost GPU device, a failing session, a crashing worker)
 * are switched on by the page's `?fault=` parameter, which the bridge passes
 * in WorkerInit. Nothing sets it in normal use.
 */
export type Fault = 'no-webgpu' | 'webgpu-create' | 'webgpu-run' | 'crash-on-detect';

const active = new Set<string>();

export const faults = {
  has: (f: Fault) => active.has(f),
  set(list: readonly string[]) {
    active.clear();
    for (const f of list) active.add(f);
  },
};
