import type { LetterboxPlan } from '../detect/letterbox.ts';
import { buildPipeline } from './pipeline.ts';
import { LETTERBOX_PARAMS_BYTES, LETTERBOX_WGSL, LETTERBOX_WORKGROUP, letterboxParams } from './letterbox-shader.ts';

/**
 * A frame for the GPU letterbox: something the browser can copy straight into
 * a texture (an ImageBitmap, a VideoFrame, a canvas: no CPU pixel copy), or
 * RGBA bytes (Node, tests), written with writeTexture.
 */
export type GpuFrame =
  | { width: number; height: number; source: GPUCopyExternalImageSource }
  | { width: number; height: number; rgba: Uint8Array | Uint8ClampedArray };

/** Frames larger than the device's texture limit cannot enter this pass; the caller letterboxes them on the CPU. */
export function fitsTexture(device: GPUDevice, width: number, height: number): boolean {
  const max = device.limits.maxTextureDimension2D;
  return width <= max && height <= max;
}

/**
 * The letterbox pass's driver: a reused frame texture (re-made only when the
 * frame size changes), one pipeline, one uniform buffer, and one bind group
 * while the texture and the tensor stay the same (every frame of a camera).
 */
export class LetterboxPass {
  private texture: GPUTexture | null = null;
  private readonly params: GPUBuffer;
  private bound: { texture: GPUTexture; tensor: GPUBuffer; group: GPUBindGroup } | null = null;

  private constructor(
    private readonly device: GPUDevice,
    private readonly pipeline: GPUComputePipeline,
  ) {
    this.params = device.createBuffer({
      size: LETTERBOX_PARAMS_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
  }

  /** Compiles the pass; rejects if this device cannot. */
  static async create(device: GPUDevice): Promise<LetterboxPass> {
    const pipeline = await buildPipeline(device, LETTERBOX_WGSL, 'letterbox');
    return new LetterboxPass(device, pipeline);
  }

  /** Copies the frame into the texture (GPU to GPU for browser images). */
  upload(frame: GpuFrame): void {
    const { width, height } = frame;
    if (!fitsTexture(this.device, width, height))
      throw new Error(
        `a ${width}×${height} frame exceeds this GPU's texture limit (${this.device.limits.maxTextureDimension2D} px)`,
      );
    const texture = this.frameTexture(width, height);
    if ('rgba' in frame) {
      this.device.queue.writeTexture({ texture }, frame.rgba, { bytesPerRow: width * 4, rowsPerImage: height }, [
        width,
        height,
      ]);
    } else {
      this.device.queue.copyExternalImageToTexture({ source: frame.source }, { texture }, [width, height]);
    }
  }

  /** Records the letterbox of the uploaded frame into `tensor` (NCHW float32, at least 3 × w × h floats). */
  encode(encoder: GPUCommandEncoder, tensor: GPUBuffer, plan: LetterboxPlan, padValue: number): void {
    const texture = this.texture;
    if (!texture) throw new Error('no frame uploaded');
    this.device.queue.writeBuffer(this.params, 0, letterboxParams(texture.width, texture.height, plan, padValue));
    const bindGroup = this.bindGroup(texture, tensor);
    const pass = encoder.beginComputePass({ label: 'letterbox' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(
      Math.ceil(plan.inputWidth / LETTERBOX_WORKGROUP),
      Math.ceil(plan.inputHeight / LETTERBOX_WORKGROUP),
    );
    pass.end();
  }

  destroy(): void {
    this.texture?.destroy();
    this.texture = null;
    this.bound = null;
    this.params.destroy();
  }

  private bindGroup(texture: GPUTexture, tensor: GPUBuffer): GPUBindGroup {
    if (this.bound?.texture === texture && this.bound.tensor === tensor) return this.bound.group;
    const group = this.device.createBindGroup({
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: texture.createView() },
        { binding: 1, resource: { buffer: tensor } },
        { binding: 2, resource: { buffer: this.params } },
      ],
    });
    this.bound = { texture, tensor, group };
    return group;
  }

  private frameTexture(width: number, height: number): GPUTexture {
    if (this.texture && this.texture.width === width && this.texture.height === height) return this.texture;
    this.texture?.destroy();
    this.texture = this.device.createTexture({
      size: [width, height],
      format: 'rgba8unorm',
      // copyExternalImageToTexture needs RENDER_ATTACHMENT on its destination.
      usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT,
      label: 'frame',
    });
    return this.texture;
  }
}
