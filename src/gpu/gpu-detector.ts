import type * as Ort from 'onnxruntime-web';
import type { Candidates } from '../detect/candidates.ts';
import type { LetterboxPlan } from '../detect/letterbox.ts';
import { errorText } from '../util/errors.ts';
import { CompactPass, readWholeBuffer } from './compact-pass.ts';
import { fitsTexture, type GpuFrame, LetterboxPass } from './letterbox-pass.ts';
import type { GpuLevers } from './levers.ts';
import { type OutputLayout, outputShape } from './output-layout.ts';

type OrtTensors = { Tensor: typeof Ort.Tensor };

/** What the detector needs to know about the model. */
export interface GpuModel {
  inputName: string;
  outputName: string;
  layout: OutputLayout;
  /** Letterbox padding, 0..255. */
  padValue: number;
}

/** One frame's work, from whoever calls: the CPU letterbox (canvas in a browser, pure TS in Node) and the CPU decoder. */
export interface GpuFrameRequest {
  frame: GpuFrame;
  plan: LetterboxPlan;
  minScore: number;
  cpuLetterbox(): Float32Array;
  cpuDecode(data: Float32Array, dims: readonly number[]): Candidates & { nonFinite?: number };
}

export interface GpuFrameResult extends Candidates {
  timings: { preprocess: number; inference: number; postprocess: number };
  /** Bytes copied from the GPU to the CPU for this frame. */
  readbackBytes: number;
  /** More candidates than the compaction buffer holds: this frame was read back whole and decoded on the CPU. */
  overflow: boolean;
  /** Output rows dropped because they held NaN or ±Infinity. */
  nonFinite: number;
  /** The levers that really ran for this frame. */
  levers: GpuLevers;
  /** A lever that fell back for this frame, in words; '' when none did. */
  note: string;
}

const now = () => performance.now();

/**
 * The WebGPU path of one session: frame → (GPU letterbox | CPU letterbox) →
 * input (GPU buffer | CPU tensor) → session.run → output (GPU buffer → compaction
 * → kilobytes read back | whole output read back) → candidates. Everything
 * lives on ORT's own device. `levers` are those the session was created for;
 * a lever whose pass cannot be built here is off, and says why in `notes`.
 */
export class GpuDetector {
  readonly notes: string[] = [];
  private input: GPUBuffer | null = null;
  private destroyed = false;

  private constructor(
    private readonly ort: OrtTensors,
    private readonly session: Ort.InferenceSession,
    private readonly device: GPUDevice,
    private readonly model: GpuModel,
    readonly levers: GpuLevers,
    private readonly letterbox: LetterboxPass | null,
    private readonly compact: CompactPass | null,
  ) {}

  static async create(
    ort: OrtTensors,
    session: Ort.InferenceSession,
    device: GPUDevice,
    model: GpuModel,
    wanted: GpuLevers,
  ): Promise<GpuDetector> {
    const notes: string[] = [];
    const letterbox = wanted.preprocess
      ? await LetterboxPass.create(device).catch((e) => {
          notes.push(`GPU preprocessing is off: its shader did not build on this GPU (${errorText(e)}).`);
          return null;
        })
      : null;
    const compact = wanted.output
      ? await CompactPass.create(device).catch((e) => {
          notes.push(`GPU output compaction is off: its shader did not build on this GPU (${errorText(e)}).`);
          return null;
        })
      : null;
    const levers = { preprocess: letterbox !== null, output: compact !== null, graphCapture: wanted.graphCapture };
    const d = new GpuDetector(ort, session, device, model, levers, letterbox, compact);
    d.notes.push(...notes);
    return d;
  }

  /** GPU buffers and textures this detector holds now (a leak check after a fallback). */
  get liveResources(): number {
    if (this.destroyed) return 0;
    return [this.input, this.letterbox, this.compact].filter(Boolean).length;
  }

  async detect(req: GpuFrameRequest): Promise<GpuFrameResult> {
    if (this.destroyed) throw new Error('the WebGPU detector was released');
    const { plan } = req;
    const dims = [1, 3, plan.inputHeight, plan.inputWidth];
    const t0 = now();
    const notes: string[] = [];
    let gpuPre = false;
    let feed: Ort.Tensor;
    // Graph capture binds one input buffer for good, so a frame the GPU pass cannot take is written into it.
    if (this.levers.preprocess || this.levers.graphCapture) {
      const input = this.inputBuffer(dims);
      if (this.letterbox && fitsTexture(this.device, req.frame.width, req.frame.height)) {
        try {
          this.letterbox.upload(req.frame);
          const encoder = this.device.createCommandEncoder();
          this.letterbox.encode(encoder, input, plan, this.model.padValue);
          this.device.queue.submit([encoder.finish()]);
          gpuPre = true;
        } catch (e) {
          notes.push(`GPU preprocessing failed on this frame (${errorText(e)}); it was letterboxed on the CPU.`);
        }
      } else if (this.letterbox) {
        notes.push(
          `This ${req.frame.width}×${req.frame.height} frame exceeds the GPU's texture limit; it was letterboxed on the CPU.`,
        );
      }
      if (!gpuPre) this.device.queue.writeBuffer(input, 0, req.cpuLetterbox());
      feed = this.ort.Tensor.fromGpuBuffer(input, { dataType: 'float32', dims });
    } else {
      feed = new this.ort.Tensor('float32', req.cpuLetterbox(), dims);
    }
    const t1 = now();
    // ORT allocates the output, graph capture or not: with an output buffer of ours passed as a
    // fetch, onnxruntime-web 1.30 replays a captured graph without writing it, so every frame
    // read the first run's result (measured under Dawn; e2e/gpu-levers.webgpu.spec.ts guards it).
    const out = await this.session.run({ [this.model.inputName]: feed });
    const t2 = now();
    const tensor = out[this.model.outputName];
    for (const [name, t] of Object.entries(out)) if (name !== this.model.outputName) t.dispose();
    if (!tensor) throw new Error(`the model produced no output named "${this.model.outputName}"`);
    try {
      const outDims = tensor.dims.map(Number);
      const bytes = outDims.reduce((a, b) => a * b, 1) * 4;
      let cands: Candidates & { nonFinite?: number };
      let readbackBytes = 0;
      let overflow = false;
      if (tensor.location === 'gpu-buffer') {
        const buffer = tensor.gpuBuffer as GPUBuffer;
        if (this.compact) {
          const encoder = this.device.createCommandEncoder();
          this.compact.encode(encoder, buffer, outputShape(this.model.layout, outDims), req.minScore);
          this.device.queue.submit([encoder.finish()]);
          const c = await this.compact.read();
          readbackBytes = this.compact.readbackBytes;
          overflow = c.overflow;
          if (!overflow) cands = c;
          else {
            notes.push(
              `${c.found} candidates cleared the floor, more than the ${this.compact.capacity} the GPU buffer holds; this frame was read back whole and decoded on the CPU.`,
            );
            cands = req.cpuDecode(await readWholeBuffer(this.device, buffer, bytes), outDims);
            readbackBytes += bytes;
          }
        } else {
          cands = req.cpuDecode(await readWholeBuffer(this.device, buffer, bytes), outDims);
          readbackBytes = bytes;
        }
      } else {
        // ORT read the whole output back itself.
        cands = req.cpuDecode(tensor.data as Float32Array, outDims);
        readbackBytes = bytes;
      }
      const t3 = now();
      return {
        ...cands,
        timings: { preprocess: t1 - t0, inference: t2 - t1, postprocess: t3 - t2 },
        readbackBytes,
        overflow,
        nonFinite: cands.nonFinite ?? 0,
        levers: { preprocess: gpuPre, output: this.compact !== null, graphCapture: this.levers.graphCapture },
        note: notes.join(' '),
      };
    } finally {
      tensor.dispose();
    }
  }

  /**
   * One run on a blank (padding-coloured) input through this path's own
   * buffers, as the worker's warm-up: a captured graph is recorded on the
   * buffers it will replay with. Returns the output's element type.
   */
  async warmUp(width: number, height: number): Promise<string> {
    const dims = [1, 3, height, width];
    const blank = new Float32Array(3 * width * height).fill(this.model.padValue / 255);
    let feed: Ort.Tensor;
    if (this.levers.preprocess || this.levers.graphCapture) {
      const input = this.inputBuffer(dims);
      this.device.queue.writeBuffer(input, 0, blank);
      feed = this.ort.Tensor.fromGpuBuffer(input, { dataType: 'float32', dims });
    } else feed = new this.ort.Tensor('float32', blank, dims);
    const out = await this.session.run({ [this.model.inputName]: feed });
    const tensor = out[this.model.outputName];
    if (!tensor) throw new Error(`the model produced no output named "${this.model.outputName}"`);
    const type = tensor.type;
    for (const t of Object.values(out)) t.dispose();
    return type;
  }

  /** Frees every GPU buffer and texture of this path. Call after the session is released. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.letterbox?.destroy();
    this.compact?.destroy();
    this.input?.destroy();
    this.input = null;
  }

  private inputBuffer(dims: number[]): GPUBuffer {
    const size = dims.reduce((a, b) => a * b, 1) * 4;
    if (this.input && this.input.size === size) return this.input;
    if (this.input && this.levers.graphCapture)
      throw new Error('graph capture needs one input size; this model changed it');
    this.input?.destroy();
    this.input = this.device.createBuffer({
      size,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      label: 'input tensor',
    });
    return this.input;
  }
}
