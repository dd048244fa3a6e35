import { describe, expect, it } from 'vitest';
import { fixed, rounded } from './decimals.ts';

describe('fixed', () => {
  it('pads and rounds to the number of decimals', () => {
    expect(fixed(12, 2)).toBe('12.00');
    expect(fixed(0.123456789, 6)).toBe('0.123457');
    expect(fixed(219.25506591796875, 2)).toBe('219.26');
    expect(fixed(0.8231045603752136, 4)).toBe('0.8231');
  });

  it('never writes a negative zero', () => {
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(-0, 4)).toBe('0.0000');
    expect(fixed(-0.4, 0)).toBe('0');
    expect(fixed(-0.01, 2)).toBe('-0.01');
  });

  it('refuses NaN and infinities instead of writing them into a dataset', () => {
    expect(() => fixed(Number.NaN, 2)).toThrow(/NaN/);
    expect(() => fixed(Number.POSITIVE_INFINITY, 2)).toThrow(/Infinity/);
  });
});

describe('rounded', () => {
  it('is the number fixed() writes', () => {
    expect(rounded(349.4082336425781, 2)).toBe(349.41);
    expect(rounded(810, 2)).toBe(810);
    expect(Object.is(rounded(-0.001, 2), 0)).toBe(true);
  });
});
