import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InputShape } from '../config/runtime-config.ts';
import { planLetterbox } from '../detect/letterbox.ts';
import { type TestGpu, testGpu } from '../test-support/dawn.ts';
import { HAVE_SHARED, sharedFile } from '../test-support/shared.ts';
import { bilinearLetterbox } from './bilinear-letterbox.ts';
import { readWholeBuffer } from './compact-pass.ts';
import { LetterboxPass } from './letterbox-pass.ts';

/**
 * The GPU letterbox against the pure-TS bilinear letterbox, both fed the same
 * RGBA pixels (frames enter the pass through writeTexture here; in the
 * browser through copyExternalImageToTexture). Test images are decoded with
 * jpeg-js; a generated image covers machines without ../shared.
 */
let gpu: TestGpu = { reason: 'not opened yet' };

interface Rgba {
  name: string;
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** High-contrast stripes and a gradient: bilinear weights show up at every edge. */
function generated(width: number, height: number): Rgba {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      rgba[p] = (x * 7) % 2 === 0 ? 255 : 0;
      rgba[p + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      rgba[p + 2] = (x * 31 + y * 17) % 256;
      rgba[p + 3] = 255;
    }
  return { name: `generated ${width}x${height}`, width, height, rgba };
}

function decoded(file: string): Rgba {
  const img = jpeg.decode(readFileSync(sharedFile('images', file)), { useTArray: true, formatAsRGBA: true });
  return { name: file, width: img.width, height: img.height, rgba: new Uint8Array(img.data) };
}

const square: InputShape = { kind: 'static', width: 640, height: 640 };
const small: InputShape = { kind: 'static', width: 320, height: 320 };
const rect: InputShape = { kind: 'dynamic', maxSide: 640 };

describe('GPU letterbox (Dawn in Node; SwiftShader where there is no GPU)', () => {
  let pass: LetterboxPass;
  beforeAll(async () => {
    gpu = await testGpu();
    if (gpu.device) pass = await LetterboxPass.create(gpu.device);
  });
  beforeEach((ctx) => {
    if (!gpu.device) ctx.skip(gpu.reason);
  });

  async function onGpu(img: Rgba, input: InputShape, pad: number) {
    const device = gpu.device!;
    const plan = planLetterbox(img.width, img.height, input, 32);
    const bytes = 3 * plan.inputWidth * plan.inputHeight * 4;
    const tensor = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    try {
      pass.upload({ width: img.width, height: img.height, rgba: img.rgba });
      const encoder = device.createCommandEncoder();
      pass.encode(encoder, tensor, plan, pad);
      device.queue.submit([encoder.finish()]);
      return { plan, got: await readWholeBuffer(device, tensor, bytes) };
    } finally {
      tensor.destroy();
    }
  }

  function maxDiff(a: Float32Array, b: Float32Array): number {
    expect(a.length).toBe(b.length);
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
    return m;
  }

  const cases: [string, () => Rgba, InputShape, number][] = [
    ['square 640, downscaled', () => generated(810, 1080), square, 114],
    ['square 320, upscaled (edge clamping)', () => generated(37, 23), small, 0],
    ['rectangle (dynamic max_side 640)', () => generated(1280, 720), rect, 114],
    ...(HAVE_SHARED
      ? ([
          ['bus.jpg square 640', () => decoded('bus.jpg'), square, 114],
          ['bus.jpg rectangle (480x640)', () => decoded('bus.jpg'), rect, 114],
          ['zidane.jpg rectangle (640x384)', () => decoded('zidane.jpg'), rect, 114],
        ] as [string, () => Rgba, InputShape, number][])
      : []),
  ];

  for (const [name, make, input, pad] of cases) {
    it(`${name}: equals the TypeScript bilinear letterbox within 1/255 per channel`, async () => {
      const img = make();
      const { plan, got } = await onGpu(img, input, pad);
      const want = bilinearLetterbox(img.rgba, img.width, img.height, plan, pad);
      expect(maxDiff(got, want)).toBeLessThanOrEqual(1 / 255);
      // The pad really is the configured value, and the image really is drawn (not all pad).
      expect(got[0]).toBeCloseTo(plan.drawX > 0 || plan.drawY > 0 ? pad / 255 : want[0]!, 5);
      expect(got.some((v) => Math.abs(v - pad / 255) > 0.05)).toBe(true);
    });
  }

  it('the rectangle plans match the golden inputs (bus 480x640, zidane 640x384)', () => {
    expect(planLetterbox(810, 1080, rect, 32)).toMatchObject({ inputWidth: 480, inputHeight: 640 });
    expect(planLetterbox(1280, 720, rect, 32)).toMatchObject({ inputWidth: 640, inputHeight: 384 });
  });

  it('refuses a frame larger than the texture limit, naming the limit', () => {
    const max = gpu.device!.limits.maxTextureDimension2D;
    expect(() => pass.upload({ width: max + 1, height: 1, rgba: new Uint8Array((max + 1) * 4) })).toThrow(
      new RegExp(`${max + 1}×1 frame exceeds this GPU's texture limit \\(${max} px\\)`),
    );
  });
});
