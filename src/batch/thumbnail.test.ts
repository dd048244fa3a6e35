import { describe, expect, it } from 'vitest';
import { thumbSize } from './thumbnail.ts';

describe('thumbSize', () => {
  it('fits the long side, keeps the proportion', () => {
    expect(thumbSize(810, 1080)).toEqual({ width: 72, height: 96 });
    expect(thumbSize(1280, 720)).toEqual({ width: 96, height: 54 });
  });
  it('never upscales, never reaches 0', () => {
    expect(thumbSize(40, 30)).toEqual({ width: 40, height: 30 });
    expect(thumbSize(10000, 10)).toEqual({ width: 96, height: 1 });
  });
});
