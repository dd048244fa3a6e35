import type { InputShape } from '../config/runtime-config.ts';

/** Where the image lands inside the model input, and how to map boxes back. */
export interface LetterboxPlan {
  inputWidth: number;
  inputHeight: number;
  /** Resized image size and top-left offset inside the input (integers, as drawn). */
  drawWidth: number;
  drawHeight: number;
  drawX: number;
  drawY: number;
}

/** Python's round(): half to even. Upstream YOLOv5 uses it, and parity needs the same pixels. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // `+ 0` turns -0 into 0 so offsets compare and print cleanly.
  return (Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r) + 0;
}

/**
 * Mirrors upstream `letterbox()`: aspect kept, image centred, padding split
 * with the same -0.1/+0.1 rounding. A static input pads to the fixed size;
 * a dynamic one pads only up to the next stride multiple (upstream `auto=True`).
 */
export function planLetterbox(srcWidth: number, srcHeight: number, input: InputShape, stride: number): LetterboxPlan {
  if (!(srcWidth > 0 && srcHeight > 0)) throw new Error(`image has no pixels (${srcWidth}x${srcHeight})`);
  const targetW = input.kind === 'static' ? input.width : input.maxSide;
  const targetH = input.kind === 'static' ? input.height : input.maxSide;
  const r = Math.min(targetW / srcWidth, targetH / srcHeight);
  const drawWidth = Math.max(1, roundHalfEven(srcWidth * r));
  const drawHeight = Math.max(1, roundHalfEven(srcHeight * r));
  const inputWidth = input.kind === 'static' ? input.width : Math.ceil(drawWidth / stride) * stride;
  const inputHeight = input.kind === 'static' ? input.height : Math.ceil(drawHeight / stride) * stride;
  const dw = (inputWidth - drawWidth) / 2;
  const dh = (inputHeight - drawHeight) / 2;
  return {
    inputWidth,
    inputHeight,
    drawWidth,
    drawHeight,
    drawX: roundHalfEven(dw - 0.1),
    drawY: roundHalfEven(dh - 0.1),
  };
}

/**
 * Upstream `scale_coords()`: gain and padding are recomputed from the two
 * shapes (not the rounded draw offsets), then boxes are clipped to the image.
 */
export function inputToImageTransform(srcWidth: number, srcHeight: number, inputWidth: number, inputHeight: number) {
  const gain = Math.min(inputWidth / srcWidth, inputHeight / srcHeight);
  const padX = (inputWidth - srcWidth * gain) / 2;
  const padY = (inputHeight - srcHeight * gain) / 2;
  return { gain, padX, padY };
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function clipBox(b: Box, width: number, height: number): Box {
  return {
    x1: Math.min(Math.max(b.x1, 0), width),
    y1: Math.min(Math.max(b.y1, 0), height),
    x2: Math.min(Math.max(b.x2, 0), width),
    y2: Math.min(Math.max(b.y2, 0), height),
  };
}

export function boxToImage(b: Box, srcWidth: number, srcHeight: number, inputWidth: number, inputHeight: number): Box {
  const { gain, padX, padY } = inputToImageTransform(srcWidth, srcHeight, inputWidth, inputHeight);
  return clipBox(
    { x1: (b.x1 - padX) / gain, y1: (b.y1 - padY) / gain, x2: (b.x2 - padX) / gain, y2: (b.y2 - padY) / gain },
    srcWidth,
    srcHeight,
  );
}

/** The inverse, for tests and overlays: image pixels to input pixels. */
export function boxToInput(b: Box, srcWidth: number, srcHeight: number, inputWidth: number, inputHeight: number): Box {
  const { gain, padX, padY } = inputToImageTransform(srcWidth, srcHeight, inputWidth, inputHeight);
  return { x1: b.x1 * gain + padX, y1: b.y1 * gain + padY, x2: b.x2 * gain + padX, y2: b.y2 * gain + padY };
}
