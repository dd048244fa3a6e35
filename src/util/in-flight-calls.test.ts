import { describe, expect, it } from 'vitest';
import { InFlightCalls } from './in-flight-calls.ts';

describe('InFlightCalls', () => {
  it('settles with the call and keeps nothing once it has settled', async () => {
    const calls = new InFlightCalls();
    for (let i = 0; i < 1000; i++) await calls.run(Promise.resolve(i));
    await expect(calls.run(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(calls.size).toBe(0);
  });

  it('rejects a call still in flight when stopped, with the stop reason', async () => {
    const calls = new InFlightCalls();
    const pending = calls.run(new Promise<number>(() => undefined));
    expect(calls.size).toBe(1);
    calls.stop(new Error('worker crashed'));
    await expect(pending).rejects.toThrow('worker crashed');
    expect(calls.size).toBe(0);
  });

  it('rejects every call after a stop at once, keeping the first reason', async () => {
    const calls = new InFlightCalls();
    calls.stop(new Error('first'));
    calls.stop(new Error('second'));
    await expect(calls.run(Promise.resolve(1))).rejects.toThrow('first');
  });

  it('a call that settles after the stop changes nothing', async () => {
    const calls = new InFlightCalls();
    let finish!: (v: number) => void;
    const pending = calls.run(new Promise<number>((r) => (finish = r)));
    calls.stop(new Error('stopped'));
    finish(5);
    await expect(pending).rejects.toThrow('stopped');
  });
});
