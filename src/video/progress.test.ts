import { describe, expect, it } from 'vitest';
import { formatEta, ProgressMeter } from './progress.ts';

describe('progress', () => {
  it('measures frames per second and time left', () => {
    const m = new ProgressMeter(3000);
    expect(m.update(1, 100, 0)).toEqual({ done: 1, total: 100, fps: 0, etaSeconds: null });
    const r = m.update(11, 100, 1000);
    expect(r.fps).toBeCloseTo(10);
    expect(r.etaSeconds).toBeCloseTo(8.9);
  });

  it('follows a change of speed within its window', () => {
    const m = new ProgressMeter(2000);
    let t = 0;
    for (let done = 1; done <= 50; done++) {
      t += 100; // 10 fps
      m.update(done, 200, t);
    }
    let r = m.update(50, 200, t);
    for (let done = 51; done <= 80; done++) {
      t += 500; // 2 fps
      r = m.update(done, 200, t);
    }
    expect(r.fps).toBeCloseTo(2, 1);
    expect(r.etaSeconds).toBeCloseTo(60, -1);
  });

  it('does not count paused time after a restart', () => {
    const m = new ProgressMeter();
    m.update(1, 10, 0);
    m.update(5, 10, 400);
    m.restart();
    m.update(5, 10, 60_000);
    expect(m.update(6, 10, 60_100).fps).toBeCloseTo(10);
  });

  it('writes time left as seconds, minutes or hours', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(8.2)).toBe('9 s');
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(3725)).toBe('1:02:05');
  });
});
