import { describe, expect, it } from 'vitest';
import { formatDuration, RateWindow, ratePerSecond, secondsLeft } from './eta.ts';

describe('ratePerSecond', () => {
  it('counts intervals, not images: 3 images 500 ms apart are 2 images/s', () => {
    expect(ratePerSecond([1000, 1500, 2000])).toBe(2);
  });
  it('is unknown with fewer than two images or no time between them', () => {
    expect(ratePerSecond([])).toBeNull();
    expect(ratePerSecond([5])).toBeNull();
    expect(ratePerSecond([5, 5])).toBeNull();
  });
});

describe('RateWindow', () => {
  it('follows the recent pace: after the window fills, the old pace is gone', () => {
    const w = new RateWindow(3);
    for (const t of [0, 1000, 2000]) w.add(t); // 1 image/s
    expect(w.rate()).toBe(1);
    for (const t of [2250, 2500, 2750]) w.add(t); // 4 images/s
    expect(w.rate()).toBe(4);
  });
  it('a pause does not count once reset', () => {
    const w = new RateWindow(5);
    w.add(0);
    w.add(500);
    w.reset();
    w.add(60_000);
    expect(w.rate()).toBeNull();
    w.add(60_500);
    expect(w.rate()).toBe(2);
  });
  it('refuses a window too small to hold an interval', () => {
    expect(() => new RateWindow(1)).toThrow();
  });
});

describe('secondsLeft', () => {
  it('is what remains over the rate', () => {
    expect(secondsLeft(10, 2)).toBe(5);
  });
  it('is 0 when nothing remains, unknown without a rate', () => {
    expect(secondsLeft(0, null)).toBe(0);
    expect(secondsLeft(3, null)).toBeNull();
    expect(secondsLeft(3, 0)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('reads in seconds, minutes or hours', () => {
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(7620)).toBe('2 h 07 min');
    expect(formatDuration(-3)).toBe('0 s');
  });
});
