import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BoundedQueue', () => {
  it('keeps order and makes the producer wait while full', async () => {
    const q = new BoundedQueue<number>(2);
    const pushed: number[] = [];
    const producer = (async () => {
      for (let i = 1; i <= 5; i++) {
        await q.push(i);
        pushed.push(i);
      }
      q.close();
    })();
    await tick();
    expect(pushed).toEqual([1, 2]);
    expect(q.size).toBe(2);
    const got: number[] = [];
    for (let v = await q.take(); v !== null; v = await q.take()) {
      got.push(v);
      expect(q.size).toBeLessThanOrEqual(2);
    }
    await producer;
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });

  it('makes the consumer wait while empty, and ends after close', async () => {
    const q = new BoundedQueue<string>(1);
    const taken = q.take();
    await tick();
    await q.push('a');
    expect(await taken).toBe('a');
    q.close();
    expect(await q.take()).toBeNull();
  });

  it('disposes what it holds on cancel, and what is pushed after', async () => {
    const disposed: number[] = [];
    const q = new BoundedQueue<number>(2, (n) => disposed.push(n));
    await q.push(1);
    await q.push(2);
    const blocked = q.push(3);
    q.cancel();
    expect(await blocked).toBe(false);
    expect(disposed.sort()).toEqual([1, 2, 3]);
    expect(await q.take()).toBeNull();
    expect(await q.push(4)).toBe(false);
    expect(disposed).toContain(4);
  });

  it('refuses a capacity that is not a whole number from 1', () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
  });
});
