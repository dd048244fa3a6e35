import type { LetterboxPlan } from '../detect/letterbox.ts';

/**
 * The letterbox in plain TypeScript, as the GPU pass and the canvas compute
 * it: bilinear, pixel centres at +0.5, edges clamped, pad outside the drawn
 * rectangle. RGBA bytes in, NCHW float32 (0..1) out. It is the reference the
 * GPU pass is tested against, and the CPU preprocessing of `bench:gpu`'s
 * naive path (Node has no canvas).
 */
export function bilinearLetterbox(
  rgba: Uint8Array | Uint8ClampedArray,
  srcWidth: number,
  srcHeight: number,
  plan: LetterboxPlan,
  padValue: number,
  out: Float32Array = new Float32Array(3 * plan.inputWidth * plan.inputHeight),
): Float32Array {
  const { inputWidth: w, inputHeight: h, drawX, drawY, drawWidth, drawHeight } = plan;
  if (rgba.length < srcWidth * srcHeight * 4)
    throw new Error(
      `expected ${srcWidth}x${srcHeight} RGBA pixels (${srcWidth * srcHeight * 4} bytes), got ${rgba.length}`,
    );
  const plane = w * h;
  const pad = padValue / 255;
  const sx = srcWidth / drawWidth;
  const sy = srcHeight / drawHeight;
  const lastX = srcWidth - 1;
  const lastY = srcHeight - 1;
  const clampX = (x: number) => (x < 0 ? 0 : Math.min(x, lastX));
  const clampY = (y: number) => (y < 0 ? 0 : Math.min(y, lastY));
  for (let y = 0; y < h; y++) {
    const dy = y - drawY;
    const insideY = dy >= 0 && dy < drawHeight;
    const v = (dy + 0.5) * sy - 0.5;
    const fy = Math.floor(v);
    const ty = v - fy;
    const row0 = clampY(fy) * srcWidth;
    const row1 = clampY(fy + 1) * srcWidth;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const dx = x - drawX;
      if (!insideY || dx < 0 || dx >= drawWidth) {
        out[i] = pad;
        out[i + plane] = pad;
        out[i + 2 * plane] = pad;
        continue;
      }
      const u = (dx + 0.5) * sx - 0.5;
      const fx = Math.floor(u);
      const tx = u - fx;
      const a = (row0 + clampX(fx)) * 4;
      const b = (row0 + clampX(fx + 1)) * 4;
      const c = (row1 + clampX(fx)) * 4;
      const d = (row1 + clampX(fx + 1)) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const top = rgba[a + ch]! + (rgba[b + ch]! - rgba[a + ch]!) * tx;
        const bottom = rgba[c + ch]! + (rgba[d + ch]! - rgba[c + ch]!) * tx;
        out[i + ch * plane] = (top + (bottom - top) * ty) / 255;
      }
    }
  }
  return out;
}
