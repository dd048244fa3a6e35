import { describe, expect, it } from 'vitest';
import { browserResults, chromiumVersion } from './report.ts';
import { validateBenchResults } from './schema.ts';

describe('chromiumVersion', () => {
  it('reads Chrome, HeadlessChrome and Chromium user agents', () => {
    expect(
      chromiumVersion(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.7339.16 Safari/537.36',
      ),
    ).toBe('140.0.7339.16');
    expect(chromiumVersion('… Chrome/139.0.1.2 Safari/537.36')).toBe('139.0.1.2');
    expect(chromiumVersion('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('');
  });
});

describe('browserResults', () => {
  it('is a valid results file even with no runs and odd core counts', () => {
    const r = browserResults([], { userAgent: 'x', cores: 0, date: new Date(0) });
    expect(r.machine.cpus).toBe(1);
    expect(validateBenchResults(r).ok).toBe(true);
  });
});
