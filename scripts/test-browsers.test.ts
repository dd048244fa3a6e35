import { describe, expect, it } from 'vitest';
import { threadsInSettings, threadsInStatus } from '../e2e-browsers/app.ts';
import { waitFor, withTimeout } from '../e2e-browsers/driver.ts';
import { tally } from '../e2e-browsers/suite.ts';

describe('the browser suite reads the thread count the app shows', () => {
  it('from the ready status and from Settings', () => {
    expect(threadsInStatus('YOLOv5n COCO 640 ready on WASM (4 threads). Drop, pick or paste an image.')).toBe(4);
    expect(threadsInStatus('YOLOv5n COCO 640 ready on WASM (1 thread). Drop, pick or paste an image.')).toBe(1);
    expect(threadsInStatus('Found 3 objects in zidane.jpg (inference 155 ms on WASM).')).toBeNull();
    expect(threadsInSettings('In use: WASM on 2 threads')).toBe(2);
    expect(threadsInSettings('In use: WASM on 1 thread')).toBe(1);
    expect(threadsInSettings('')).toBeNull();
  });
});

describe('its time limits', () => {
  it('withTimeout rejects a promise that never settles, naming it', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'a stuck call')).rejects.toThrow(/a stuck call/);
    await expect(withTimeout(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
  });
  it('waitFor gives up with the last value seen', async () => {
    let n = 0;
    await expect(
      waitFor(
        async () => n++,
        (v) => v > 1,
        5_000,
        'count',
        1,
      ),
    ).resolves.toBe(2);
    await expect(
      waitFor(
        async () => 'loading',
        (v) => v === 'ready',
        20,
        'app ready',
        5,
      ),
    ).rejects.toThrow(/app ready.*"loading"/);
  });
});

describe('its report', () => {
  it('counts each outcome', () => {
    const r = (outcome: 'passed' | 'failed' | 'skipped') => ({ name: 'x', outcome, detail: '', ms: 0 });
    expect(tally([r('passed'), r('passed'), r('failed'), r('skipped')])).toEqual({ passed: 2, failed: 1, skipped: 1 });
  });
});
