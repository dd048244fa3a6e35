import { describe, expect, it } from 'vitest';
import { LatestWinsScheduler } from './latest-wins.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LatestWinsScheduler', () => {
  it('runs an offer at once when idle', async () => {
    const ran: number[] = [];
    const s = new LatestWinsScheduler<number>(async (n) => void ran.push(n));
    s.offer(1);
    await tick();
    expect(ran).toEqual([1]);
    expect(s.busy).toBe(false);
  });

  it('keeps only the newest offer while busy, and drops the rest', async () => {
    const gates = new Map<number, ReturnType<typeof deferred>>();
    const ran: number[] = [];
    const dropped: number[] = [];
    const s = new LatestWinsScheduler<number>(
      (n) => {
        ran.push(n);
        const d = deferred();
        gates.set(n, d);
        return d.promise;
      },
      (n) => dropped.push(n),
    );
    s.offer(1);
    s.offer(2);
    s.offer(3);
    s.offer(4);
    expect(ran).toEqual([1]);
    expect(dropped).toEqual([2, 3]);
    expect(s.dropped).toBe(2);
    gates.get(1)!.resolve();
    await tick();
    expect(ran).toEqual([1, 4]);
    gates.get(4)!.resolve();
    await tick();
    expect(s.busy).toBe(false);
    expect(s.hasPending).toBe(false);
  });

  it('never runs two jobs at once', async () => {
    let active = 0;
    let maxActive = 0;
    const s = new LatestWinsScheduler<number>(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await tick();
      active--;
    });
    for (let i = 0; i < 50; i++) {
      s.offer(i);
      if (i % 7 === 0) await tick();
    }
    while (s.busy) await tick();
    expect(maxActive).toBe(1);
  });

  it('goes on after a failing job and reports the error', async () => {
    const errors: unknown[] = [];
    const ran: number[] = [];
    const first = deferred();
    const s = new LatestWinsScheduler<number>(
      (n) => {
        ran.push(n);
        return n === 1 ? first.promise : Promise.resolve();
      },
      undefined,
      (e) => errors.push(e),
    );
    s.offer(1);
    s.offer(2);
    first.reject(new Error('worker gone'));
    await tick();
    await tick();
    expect(errors).toHaveLength(1);
    expect(ran).toEqual([1, 2]);
  });

  it('clear() drops the waiting job', async () => {
    const first = deferred();
    const ran: number[] = [];
    const dropped: number[] = [];
    const s = new LatestWinsScheduler<number>(
      (n) => {
        ran.push(n);
        return n === 1 ? first.promise : Promise.resolve();
      },
      (n) => dropped.push(n),
    );
    s.offer(1);
    s.offer(2);
    s.clear();
    first.resolve();
    await tick();
    expect(ran).toEqual([1]);
    expect(dropped).toEqual([2]);
  });
});
