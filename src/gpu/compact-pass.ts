import { buildPipeline } from './pipeline.ts';
import {
  COMPACT_HEADER_BYTES,
  COMPACT_PARAMS_BYTES,
  COMPACT_WGSL,
  COMPACT_WORKGROUP,
  type Compacted,
  compactBytes,
  compactParams,
  DEFAULT_CAPACITY,
  readCompacted,
} from './compact-shader.ts';
import type { OutputShape } from './output-layout.ts';

/**
 * The compaction pass's driver: the compacted buffer (counter + bounded rows)
 * and the one buffer the CPU maps, both reused frame after frame.
 */
export class CompactPass {
  readonly capacity: number;
  /** What one frame reads back: the counter and every slot (one fixed-size copy, one round trip). */
  readonly readbackBytes: number;
  private readonly compacted: GPUBuffer;
  private readonly readback: GPUBuffer;
  private readonly params: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly pipeline: GPUComputePipeline,
    capacity: number,
  ) {
    this.capacity = capacity;
    this.readbackBytes = compactBytes(capacity);
    this.compacted = device.createBuffer({
      size: this.readbackBytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      label: 'candidates',
    });
    this.readback = device.createBuffer({
      size: this.readbackBytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      label: 'candidates readback',
    });
    this.params = device.createBuffer({
      size: COMPACT_PARAMS_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
  }

  static async create(device: GPUDevice, capacity = DEFAULT_CAPACITY): Promise<CompactPass> {
    if (!(Number.isInteger(capacity) && capacity > 0))
      throw new Error(`capacity must be a positive integer, got ${capacity}`);
    const pipeline = await buildPipeline(device, COMPACT_WGSL, 'compact');
    return new CompactPass(device, pipeline, capacity);
  }

  /** Records: reset the counter, compact `prediction`, copy the result to the mappable buffer. */
  encode(encoder: GPUCommandEncoder, prediction: GPUBuffer, shape: OutputShape, minScore: number): void {
    this.device.queue.writeBuffer(this.params, 0, compactParams(shape, minScore, this.capacity));
    const bindGroup = this.device.createBindGroup({
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: prediction } },
        { binding: 1, resource: { buffer: this.compacted } },
        { binding: 2, resource: { buffer: this.params } },
      ],
    });
    encoder.clearBuffer(this.compacted, 0, COMPACT_HEADER_BYTES);
    const pass = encoder.beginComputePass({ label: 'compact' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(shape.rows / COMPACT_WORKGROUP));
    pass.end();
    encoder.copyBufferToBuffer(this.compacted, 0, this.readback, 0, this.readbackBytes);
  }

  /** Maps the copy made by the last submitted `encode` and reads it. */
  async read(): Promise<Compacted> {
    await this.readback.mapAsync(GPUMapMode.READ);
    try {
      return readCompacted(this.readback.getMappedRange(), this.capacity);
    } finally {
      this.readback.unmap();
    }
  }

  destroy(): void {
    for (const b of [this.compacted, this.readback, this.params]) b.destroy();
  }
}

/** Copies `bytes` of a GPU buffer back to the CPU: the full readback of the naive path and of an overflowing frame. */
export async function readWholeBuffer(device: GPUDevice, source: GPUBuffer, bytes: number): Promise<Float32Array> {
  const staging = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(source, 0, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange().slice(0));
  } finally {
    staging.destroy();
  }
}
