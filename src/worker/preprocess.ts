import type { LetterboxPlan } from '../detect/letterbox.ts';
import type { FrameSource } from './protocol.ts';

/**
 * Letterboxes a bitmap or video frame into a reused NCHW float32 buffer. The canvas and the
 * buffer live as long as the worker, so a frame loop allocates nothing here.
 */
export class Preprocessor {
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private buffer = new Float32Array(0);

  run(bitmap: FrameSource, plan: LetterboxPlan, padValue: number): Float32Array {
    const { inputWidth: w, inputHeight: h } = plan;
    const ctx = this.context(w, h);
    ctx.fillStyle = `rgb(${padValue},${padValue},${padValue})`;
    ctx.fillRect(0, 0, w, h);
    // 'low' is bilinear, as OpenCV INTER_LINEAR upstream; 'high' shifts scores (see shared/README).
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'low';
    ctx.drawImage(bitmap, plan.drawX, plan.drawY, plan.drawWidth, plan.drawHeight);
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const plane = w * h;
    if (this.buffer.length !== plane * 3) this.buffer = new Float32Array(plane * 3);
    const out = this.buffer;
    const scale = 1 / 255;
    for (let i = 0, p = 0; i < plane; i++, p += 4) {
      out[i] = rgba[p]! * scale;
      out[i + plane] = rgba[p + 1]! * scale;
      out[i + 2 * plane] = rgba[p + 2]! * scale;
    }
    return out;
  }

  private context(w: number, h: number): OffscreenCanvasRenderingContext2D {
    if (!this.canvas || !this.ctx) {
      this.canvas = new OffscreenCanvas(w, h);
      const ctx = this.canvas.getContext('2d', { willReadFrequently: true, alpha: false });
      if (!ctx) throw new Error('this browser cannot draw to an OffscreenCanvas in a worker');
      this.ctx = ctx;
    } else if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    return this.ctx;
  }
}
