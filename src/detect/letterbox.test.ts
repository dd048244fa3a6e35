import { describe, expect, it } from 'vitest';
import { boxToImage, boxToInput, clipBox, planLetterbox, roundHalfEven } from './letterbox.ts';

const square = (n: number) => ({ kind: 'static', width: n, height: n }) as const;

describe('roundHalfEven', () => {
  it('rounds halves to even like Python', () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 0, 2, 3]);
  });
});

describe('planLetterbox', () => {
  it('fits a portrait image into a square input, centred horizontally', () => {
    // bus.jpg: 810x1080 -> 480x640 drawn, 80 px each side
    expect(planLetterbox(810, 1080, square(640), 32)).toEqual({
      inputWidth: 640,
      inputHeight: 640,
      drawWidth: 480,
      drawHeight: 640,
      drawX: 80,
      drawY: 0,
    });
  });
  it('fits a landscape image, centred vertically', () => {
    // zidane.jpg: 1280x720 -> 640x360, 140 px above and below
    expect(planLetterbox(1280, 720, square(640), 32)).toMatchObject({
      drawWidth: 640,
      drawHeight: 360,
      drawX: 0,
      drawY: 140,
    });
  });
  it('pads a dynamic input only to the next stride multiple (upstream rect letterbox)', () => {
    const dyn = { kind: 'dynamic', maxSide: 640 } as const;
    expect(planLetterbox(810, 1080, dyn, 32)).toMatchObject({ inputWidth: 480, inputHeight: 640, drawX: 0, drawY: 0 });
    expect(planLetterbox(1280, 720, dyn, 32)).toMatchObject({
      inputWidth: 640,
      inputHeight: 384,
      drawHeight: 360,
      drawY: 12,
    });
  });
  it('scales tiny images up and keeps at least one pixel', () => {
    expect(planLetterbox(1, 1, square(320), 32)).toMatchObject({ drawWidth: 320, drawHeight: 320 });
    expect(planLetterbox(4000, 1, square(320), 32)).toMatchObject({ drawWidth: 320, drawHeight: 1 });
  });
  it('refuses an empty image', () => {
    expect(() => planLetterbox(0, 10, square(320), 32)).toThrow(/no pixels/);
  });
});

describe('box mapping', () => {
  it('round-trips image -> input -> image', () => {
    for (const [w, h, input] of [
      [810, 1080, square(640)],
      [1280, 720, square(320)],
      [1280, 720, { kind: 'static', width: 640, height: 384 } as const],
    ] as const) {
      const box = { x1: 10.5, y1: 20.25, x2: w - 30, y2: h - 1 };
      const inp = boxToInput(box, w, h, input.width, input.height);
      const back = boxToImage(inp, w, h, input.width, input.height);
      expect(back.x1).toBeCloseTo(box.x1, 4);
      expect(back.y1).toBeCloseTo(box.y1, 4);
      expect(back.x2).toBeCloseTo(box.x2, 4);
      expect(back.y2).toBeCloseTo(box.y2, 4);
    }
  });
  it('maps the padding away: input x=80 on bus.jpg is image x=0', () => {
    expect(boxToImage({ x1: 80, y1: 0, x2: 560, y2: 640 }, 810, 1080, 640, 640)).toEqual({
      x1: 0,
      y1: 0,
      x2: 810,
      y2: 1080,
    });
  });
  it('clips boxes to the image', () => {
    expect(clipBox({ x1: -5, y1: -1, x2: 900, y2: 50 }, 810, 1080)).toEqual({ x1: 0, y1: 0, x2: 810, y2: 50 });
    expect(boxToImage({ x1: 0, y1: 0, x2: 640, y2: 640 }, 810, 1080, 640, 640)).toEqual({
      x1: 0,
      y1: 0,
      x2: 810,
      y2: 1080,
    });
  });
});
