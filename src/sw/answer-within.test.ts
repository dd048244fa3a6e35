import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerWithin } from './answer-within.ts';

describe('answerWithin', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the response that comes in time', async () => {
    const res = new Response('x');
    await expect(answerWithin(Promise.resolve(res), 1000)).resolves.toBe(res);
  });

  it('gives null when the network neither answers nor fails in time', async () => {
    vi.useFakeTimers();
    const never = new Promise<Response>(() => undefined);
    const p = answerWithin(never, 8000);
    vi.advanceTimersByTime(7999);
    let settled = false;
    void p.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(p).resolves.toBeNull();
  });

  it('passes a network failure on (offline: the caller serves the cached copy)', async () => {
    await expect(answerWithin(Promise.reject(new TypeError('Failed to fetch')), 1000)).rejects.toThrow(
      'Failed to fetch',
    );
  });
});
