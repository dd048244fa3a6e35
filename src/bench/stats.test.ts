import { describe, expect, it } from 'vitest';
import { addSamples, EmptySampleError, percentile, roundMs, summarize } from './stats.ts';

describe('percentile (nearest rank)', () => {
  it('returns the only sample for every p when there is one', () => {
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([7], 100)).toBe(7);
  });

  it('takes the lower middle for an even count (rank ceil(n/2))', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([10, 20], 50)).toBe(10);
  });

  it('takes the middle for an odd count', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
  });

  it('sorts unsorted input and leaves it untouched', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(3);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentile([100, 9, 20], 0)).toBe(9);
    expect(percentile([100, 9, 20], 100)).toBe(100);
  });

  it('p95 is the maximum for n <= 20 and the 95th of 100', () => {
    const ten = [3, 9, 1, 7, 5, 2, 8, 4, 6, 10];
    expect(percentile(ten, 95)).toBe(10);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
  });

  it('p0 is the minimum', () => {
    expect(percentile([4, 2, 8], 0)).toBe(2);
  });

  it('handles duplicates', () => {
    expect(percentile([2, 2, 2, 9], 50)).toBe(2);
  });

  it('throws on no samples', () => {
    expect(() => percentile([], 50)).toThrow(EmptySampleError);
    expect(() => summarize([])).toThrow(EmptySampleError);
  });

  it('throws on a percentile outside 0..100 or NaN', () => {
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('throws on non-finite samples rather than sorting them somewhere', () => {
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
    expect(() => percentile([1, Infinity], 50)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives p50 and p95', () => {
    expect(summarize([30, 10, 20])).toEqual({ p50: 20, p95: 30 });
  });
});

describe('addSamples', () => {
  it('adds run by run', () => {
    expect(addSamples([1, 2], [10, 20])).toEqual([11, 22]);
  });
  it('refuses lists of different length', () => {
    expect(() => addSamples([1], [1, 2])).toThrow(RangeError);
  });
});

describe('roundMs', () => {
  it('keeps two decimals', () => {
    expect(roundMs(1.23456)).toBe(1.23);
    expect(roundMs(0.005)).toBe(0.01);
  });
});
