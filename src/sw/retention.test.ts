import { describe, expect, it } from 'vitest';
import { helloMessage, helloReply, isHelloMessage, isHelloReply } from './messages.ts';
import { buildStatus, deletionsFor, PENDING_INSTALL_MS, planRetention, type VersionRecord } from './retention.ts';

const SCOPE = 'https://x.github.io/app/';
const u = (p: string) => `${SCOPE}${p}`;
const A: VersionRecord = {
  id: 'a',
  urls: [
    u('index.html?__WB_REVISION__=1'),
    u('assets/index-A.js'),
    u('assets/inference.worker-A.js'),
    u('assets/ort-S.js'),
  ],
  ortPath: 'ort/111/',
  installedAt: 1000,
};
const B: VersionRecord = {
  id: 'b',
  urls: [
    u('index.html?__WB_REVISION__=2'),
    u('assets/index-B.js'),
    u('assets/inference.worker-B.js'),
    u('assets/ort-S.js'),
  ],
  ortPath: 'ort/222/',
  installedAt: 2000,
};
const existing = {
  shellKeys: [...new Set([...A.urls, ...B.urls])],
  dataKeys: [
    u('ort/111/ort-wasm-simd-threaded.wasm'),
    u('ort/222/ort-wasm-simd-threaded.wasm'),
    u('models/yolov5n/yolov5n-640.onnx'),
    u('ort/ort-wasm-simd-threaded.mjs'),
  ],
  cacheNames: ['yolo-data', 'yolo-shell', 'yolo-sw-meta', 'yolo-shell-0123456789ab', 'someone-else'],
  scope: SCOPE,
};

describe('planRetention', () => {
  it('keeps the version an open tab runs, and drops it once that tab is gone', () => {
    const open = planRetention({
      current: B,
      versions: [A, B],
      clients: [
        { clientId: 't1', entry: u('assets/index-A.js') },
        { clientId: 't2', entry: u('assets/index-B.js') },
      ],
      liveClientIds: ['t1', 't2'],
      now: 3000,
    });
    expect(open).toEqual({ safe: true, keepVersions: ['a', 'b'], dropVersions: [], dropClients: [] });
    expect(deletionsFor(open, [A, B], B, existing)).toEqual({
      shell: [],
      data: [u('ort/ort-wasm-simd-threaded.mjs')],
      caches: ['yolo-shell-0123456789ab'],
    });

    const closed = planRetention({
      current: B,
      versions: [A, B],
      clients: [
        { clientId: 't1', entry: u('assets/index-A.js') },
        { clientId: 't2', entry: u('assets/index-B.js') },
      ],
      liveClientIds: ['t2'],
      now: 3000,
    });
    expect(closed).toEqual({ safe: true, keepVersions: ['b'], dropVersions: ['a'], dropClients: ['t1'] });
    const gone = deletionsFor(closed, [A, B], B, existing);
    // A file both versions list (an unchanged chunk) stays.
    expect(gone.shell).toEqual([
      u('index.html?__WB_REVISION__=1'),
      u('assets/index-A.js'),
      u('assets/inference.worker-A.js'),
    ]);
    expect(gone.data).toEqual([u('ort/111/ort-wasm-simd-threaded.wasm'), u('ort/ort-wasm-simd-threaded.mjs')]);
  });

  it('deletes nothing while an open tab has not said which build it runs', () => {
    const plan = planRetention({
      current: B,
      versions: [A, B],
      clients: [{ clientId: 'gone', entry: u('assets/index-A.js') }],
      liveClientIds: ['new-tab'],
      now: 3000,
    });
    expect(plan.safe).toBe(false);
    expect(plan.dropClients).toEqual(['gone']);
    expect(deletionsFor(plan, [A, B], B, existing)).toEqual({ shell: [], data: [], caches: [] });
  });

  it('deletes nothing while an open tab runs a build no record names (one from before this bookkeeping)', () => {
    const plan = planRetention({
      current: B,
      versions: [B],
      clients: [{ clientId: 'old', entry: u('assets/index-OLD.js') }],
      liveClientIds: ['old'],
      now: 3000,
    });
    expect(plan.safe).toBe(false);
  });

  it('keeps a newer version that is still installing, but not one whose install was abandoned long ago', () => {
    const base = { current: A, versions: [A, B], clients: [], liveClientIds: [] };
    expect(planRetention({ ...base, now: 2500 }).keepVersions).toEqual(['a', 'b']);
    expect(planRetention({ ...base, now: 2000 + PENDING_INSTALL_MS + 1 }).dropVersions).toEqual(['b']);
  });

  it('never drops the current version, even without its record', () => {
    const plan = planRetention({ current: B, versions: [A], clients: [], liveClientIds: [], now: 3000 });
    expect(plan.keepVersions).toEqual(['b']);
    expect(plan.dropVersions).toEqual(['a']);
    const gone = deletionsFor(plan, [A], B, existing);
    expect(gone.shell).not.toContain(u('assets/index-B.js'));
    expect(gone.data).not.toContain(u('ort/222/ort-wasm-simd-threaded.wasm'));
    expect(gone.data).not.toContain(u('models/yolov5n/yolov5n-640.onnx'));
  });
});

describe('buildStatus', () => {
  it("offers a reload only to a tab that runs an older version than the worker's", () => {
    expect(buildStatus(u('assets/index-B.js'), B, [A, B])).toBe('current');
    expect(buildStatus(u('assets/index-A.js'), B, [A, B])).toBe('outdated');
    // A page newer than the worker (its own worker still installing), or one nothing records: no offer.
    expect(buildStatus(u('assets/index-B.js'), A, [A, B])).toBe('unknown');
    expect(buildStatus(u('assets/index-X.js'), B, [A, B])).toBe('unknown');
  });
});

describe('page ↔ worker messages', () => {
  it('accepts only well-formed messages', () => {
    expect(isHelloMessage(helloMessage(u('assets/index-A.js')))).toBe(true);
    expect(isHelloMessage({ type: 'yolo-hello', entry: 42 })).toBe(false);
    expect(isHelloMessage({ type: 'yolo-hello', entry: 'x'.repeat(5000) })).toBe(false);
    expect(isHelloMessage(null)).toBe(false);
    expect(isHelloReply(helloReply('outdated'))).toBe(true);
    expect(isHelloReply({ type: 'yolo-hello-reply', build: 'newer' })).toBe(false);
  });
});
