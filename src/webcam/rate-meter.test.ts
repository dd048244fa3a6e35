import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter.ts';

function feed(m: RateMeter, start: number, intervalMs: number, n: number, latency: number): number {
  let t = start;
  for (let i = 0; i < n; i++) {
    t += intervalMs;
    m.record(t, latency);
  }
  return t;
}

describe('RateMeter', () => {
  it('reports nothing before two results', () => {
    const m = new RateMeter();
    expect(m.fps(0)).toBe(0);
    expect(m.latencyMs()).toBe(0);
    m.record(100, 40);
    expect(m.fps(100)).toBe(0);
    expect(m.latencyMs()).toBe(40);
  });

  it('measures a steady rate exactly', () => {
    const m = new RateMeter();
    const t = feed(m, 0, 100, 30, 80);
    expect(m.fps(t)).toBeCloseTo(10, 6);
    expect(m.latencyMs()).toBeCloseTo(80, 6);
  });

  it('follows a rate change within about a second, at high and low rates', () => {
    const m = new RateMeter();
    let t = feed(m, 0, 50, 100, 40); // 20 fps
    t = feed(m, t, 250, 8, 240); // 2 s at 4 fps
    expect(m.fps(t)).toBeGreaterThan(3.6);
    expect(m.fps(t)).toBeLessThan(5);
    expect(m.latencyMs()).toBeGreaterThan(200);
  });

  it('smooths jitter rather than jumping with each frame', () => {
    const m = new RateMeter();
    let t = 0;
    for (let i = 0; i < 60; i++) {
      t += i % 2 ? 40 : 160; // alternating, mean 100 ms
      m.record(t, 100);
    }
    expect(m.fps(t)).toBeGreaterThan(7);
    expect(m.fps(t)).toBeLessThan(13);
  });

  it('drops to 0 when results stop, and starts over after reset', () => {
    const m = new RateMeter();
    const t = feed(m, 0, 100, 20, 50);
    expect(m.fps(t + 500)).toBeGreaterThan(0);
    expect(m.fps(t + 2500)).toBe(0);
    m.reset();
    expect(m.fps(t)).toBe(0);
    expect(m.latencyMs()).toBe(0);
  });
});
