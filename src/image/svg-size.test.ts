import { describe, expect, it } from 'vitest';
import { parseSvgLength, parseViewBox, svgDeclaredSize } from './svg-size.ts';
import { svgRoot } from './svg-text.ts';

const size = (tag: string) => svgDeclaredSize(svgRoot(tag)!.attrs);

describe('parseSvgLength', () => {
  it('units in CSS pixels, exponents, signs and spaces', () => {
    expect(parseSvgLength('640')).toBe(640);
    expect(parseSvgLength(' 640px ')).toBe(640);
    expect(parseSvgLength('1in')).toBe(96);
    expect(parseSvgLength('72pt')).toBe(96);
    expect(parseSvgLength('1pc')).toBe(16);
    expect(parseSvgLength('2.54cm')).toBeCloseTo(96);
    expect(parseSvgLength('25.4mm')).toBeCloseTo(96);
    expect(parseSvgLength('10em')).toBe(160);
    expect(parseSvgLength('2e4')).toBe(20000);
    expect(parseSvgLength('2E+4px')).toBe(20000);
    expect(parseSvgLength('.5e1')).toBe(5);
    expect(parseSvgLength('+3')).toBe(3);
  });
  it('percentages, auto, unknown units and junk have no absolute length', () => {
    for (const v of ['100%', 'auto', '12furlongs', 'px', '', 'e5', '1e999', null]) expect(parseSvgLength(v)).toBeNull();
  });
});

describe('svgDeclaredSize', () => {
  it('width and height with units', () => {
    expect(size('<svg width="10cm" height="5cm">')).toEqual({ width: 378, height: 189 });
    expect(size("<svg width='2e4' height='2e4'>")).toEqual({ width: 20000, height: 20000 });
  });
  it('one side from the viewBox aspect ratio; the viewBox alone; percentages fall back to it', () => {
    expect(size('<svg width="400" viewBox="0 0 200 100">')).toEqual({ width: 400, height: 200 });
    expect(size('<svg height="50" viewBox="0,0,200,100">')).toEqual({ width: 100, height: 50 });
    expect(size('<svg viewBox="-10 -10 3e4 1e4">')).toEqual({ width: 30000, height: 10000 });
    expect(size('<svg width="100%" height="100%" viewBox="0 0 20 10">')).toEqual({ width: 20, height: 10 });
  });
  it('no size at all: null; zero or negative stays so the limit check refuses it', () => {
    expect(size('<svg width="100%">')).toBeNull();
    expect(size('<svg viewBox="0 0 0 10">')).toBeNull();
    expect(size('<svg width="0" height="10">')).toEqual({ width: 0, height: 10 });
  });
  it('parseViewBox needs four numbers', () => {
    expect(parseViewBox('0 0 10')).toBeNull();
    expect(parseViewBox('0 0 10 1e1')).toEqual({ width: 10, height: 10 });
  });
});
