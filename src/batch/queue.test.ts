import { describe, expect, it } from 'vitest';
import { abortError } from '../util/errors.ts';
import { BatchQueue, type QueueSteps } from './queue.ts';

/** A detector that finishes only when the test says so, in call order, as the worker does. */
function steps(opts: { failDecode?: string[]; failDetect?: string[] } = {}) {
  const log: string[] = [];
  const waiting: { item: string; done: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const discarded: string[] = [];
  const s: QueueSteps<string, string, number> = {
    async decode(item) {
      log.push(`decode ${item}`);
      await Promise.resolve();
      if (opts.failDecode?.includes(item)) throw new Error(`${item} is truncated`);
      return item;
    },
    detect(decoded, _item, signal) {
      log.push(`detect ${decoded}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<number>((resolve, reject) => {
        const finish = () => {
          inFlight--;
          if (opts.failDetect?.includes(decoded)) reject(new Error('the worker ran out of memory'));
          else resolve(decoded.length);
        };
        waiting.push({ item: decoded, done: finish });
        signal.addEventListener('abort', () => {
          inFlight--;
          reject(signal.reason);
        });
      });
    },
    discard: (d) => discarded.push(d),
  };
  /** Lets the oldest detection finish, then lets the queue take its next steps. */
  const finishOne = async () => {
    await settle();
    waiting.shift()?.done();
    await settle();
  };
  return { s, log, finishOne, waiting, discarded, maxInFlight: () => maxInFlight };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function events() {
  const results: string[] = [];
  const failures: string[] = [];
  return {
    results,
    failures,
    e: {
      result: (item: string) => results.push(item),
      failure: (item: string, message: string) => failures.push(`${item}: ${message}`),
    },
  };
}

describe('BatchQueue', () => {
  it('keeps two detections in flight, decoding the next while one runs, results in order', async () => {
    const t = steps();
    const ev = events();
    const q = new BatchQueue(['a', 'b', 'c', 'd'], t.s, ev.e);
    const run = q.run();
    await settle();
    // a and b are with the detector; c is not read until a is done.
    expect(t.log).toEqual(['decode a', 'detect a', 'decode b', 'detect b']);
    await t.finishOne();
    expect(t.log.slice(4)).toEqual(['decode c', 'detect c']);
    while (t.waiting.length) await t.finishOne();
    expect(await run).toBe('done');
    expect(ev.results).toEqual(['a', 'b', 'c', 'd']);
    expect(t.maxInFlight()).toBe(2);
  });

  it('a file that fails to decode or detect is listed with its message and the run goes on', async () => {
    const t = steps({ failDecode: ['b'], failDetect: ['c'] });
    const ev = events();
    const run = new BatchQueue(['a', 'b', 'c', 'd'], t.s, ev.e).run();
    for (let i = 0; i < 10; i++) await t.finishOne();
    expect(await run).toBe('done');
    expect(ev.results).toEqual(['a', 'd']);
    expect(ev.failures).toEqual(['b: b is truncated', 'c: the worker ran out of memory']);
  });

  it('pause takes no new item (those in flight finish); resume goes on from there', async () => {
    const t = steps();
    const ev = events();
    const busy: number[] = [];
    const q = new BatchQueue(['a', 'b', 'c', 'd', 'e'], t.s, { ...ev.e, busy: (n) => busy.push(n) });
    const run = q.run();
    await settle();
    q.pause();
    expect(q.state).toBe('paused');
    await t.finishOne();
    await t.finishOne();
    await t.finishOne();
    // a and b were in flight and are done; c was decoded before the pause took effect.
    const decodedWhilePaused = t.log.filter((l) => l.startsWith('decode')).length;
    await settle();
    expect(t.log.filter((l) => l.startsWith('decode')).length).toBe(decodedWhilePaused);
    expect(decodedWhilePaused).toBeLessThan(5);
    // The pause has taken effect: nothing in flight.
    expect(busy[busy.length - 1]).toBe(0);
    q.resume();
    while (q.state !== 'done') await t.finishOne();
    expect(await run).toBe('done');
    expect(ev.results).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('cancel stops at once: what is in flight is dropped, nothing more is read', async () => {
    const t = steps();
    const ev = events();
    const q = new BatchQueue(['a', 'b', 'c', 'd'], t.s, ev.e);
    const run = q.run();
    await t.finishOne();
    q.cancel();
    expect(await run).toBe('cancelled');
    expect(ev.results).toEqual(['a']);
    expect(t.log.filter((l) => l.startsWith('decode'))).toEqual(['decode a', 'decode b', 'decode c']);
    expect(q.stopReason).toBe('cancelled');
  });

  it('cancel while paused ends the run', async () => {
    const t = steps();
    const q = new BatchQueue(['a', 'b', 'c'], t.s, events().e);
    const run = q.run();
    q.pause();
    await t.finishOne();
    await t.finishOne();
    q.cancel();
    expect(await run).toBe('cancelled');
  });

  it('an AbortError from the detector (the engine cancelled, a model load) stops the run with its reason', async () => {
    const ev = events();
    const q = new BatchQueue(
      ['a', 'b', 'c'],
      {
        decode: async (i) => i,
        detect: async () => {
          throw abortError('superseded by a model load');
        },
      },
      ev.e,
    );
    expect(await q.run()).toBe('cancelled');
    expect(q.stopReason).toBe('superseded by a model load');
    expect(ev.failures).toEqual([]);
  });

  it('a decoded item left when the run is cancelled is handed back to be released', async () => {
    const discarded: string[] = [];
    let q: BatchQueue<string, string, number> | null = null;
    q = new BatchQueue(
      ['a'],
      {
        decode: async (i) => {
          q!.cancel();
          return i;
        },
        detect: async () => 1,
        discard: (d) => discarded.push(d),
      },
      events().e,
    );
    expect(await q.run()).toBe('cancelled');
    expect(discarded).toEqual(['a']);
  });
});
