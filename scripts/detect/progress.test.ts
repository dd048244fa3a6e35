import { describe, expect, it } from 'vitest';
import { duration, Progress, progressLine } from './progress.ts';

describe('progress line', () => {
  it('says images done of total, images/s and time left', () => {
    expect(progressLine(0, 100, 0)).toBe('0/100 images');
    expect(progressLine(10, 100, 2000)).toBe('10/100 images, 5.0 images/s, 18 s left');
    expect(progressLine(50, 1000, 2000)).toBe('50/1000 images, 25 images/s, 38 s left');
    expect(progressLine(100, 100, 20_000)).toBe('100/100 images, 5.0 images/s');
  });

  it('writes durations a person reads', () => {
    expect(duration(4.24)).toBe('4.2 s');
    expect(duration(45)).toBe('45 s');
    expect(duration(200)).toBe('3 min 20 s');
    expect(duration(7500)).toBe('2 h 05 min');
  });

  it('rewrites one line on a terminal, with notes above it', () => {
    const written: string[] = [];
    let now = 0;
    const p = new Progress({ write: (t) => void written.push(t), isTTY: true }, 3, () => now);
    now = 1000;
    p.update(1);
    p.note('failed x.jpg: truncated');
    now = 1050;
    p.update(2); // within 100 ms of the last: not redrawn
    now = 2000;
    p.update(3);
    expect(written.join('')).toBe(
      '\r\x1b[K1/3 images, 1.0 images/s, 2.0 s left' +
        '\r\x1b[Kfailed x.jpg: truncated\n1/3 images, 1.0 images/s, 2.0 s left' +
        '\r\x1b[K3/3 images, 1.5 images/s\n',
    );
  });

  it('writes plain lines at most every few seconds elsewhere, and always the last', () => {
    const lines: string[] = [];
    let now = 0;
    const p = new Progress({ write: (t) => void lines.push(t) }, 4, () => now, 5000);
    for (const [t, done] of [
      [1000, 1],
      [2000, 2],
      [7000, 3],
      [7100, 4],
    ] as const) {
      now = t;
      p.update(done);
    }
    expect(lines).toEqual([
      '1/4 images, 1.0 images/s, 3.0 s left\n',
      '3/4 images, 0.4 images/s, 2.3 s left\n',
      '4/4 images, 0.6 images/s\n',
    ]);
  });
});
