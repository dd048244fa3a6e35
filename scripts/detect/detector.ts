/**
 * One image through the model on onnxruntime-node (CPU), with the app's own
 * steps: the letterbox plan (src/detect/letterbox.ts), the bilinear
 * letterbox the browser's canvas draws (src/gpu/bilinear-letterbox.ts),
 * the output decoder for the config's layout (src/detect/candidates.ts) and
 * NMS at the given thresholds (src/detect/detections.ts).
 */
import * as ort from 'onnxruntime-node';
import type { RuntimeConfig } from '../../src/config/index.ts';
import { MAX_INPUT_SIDE } from '../../src/config/index.ts';
import { decodeOutput } from '../../src/detect/candidates.ts';
import { type Detection, detectionsAt } from '../../src/detect/detections.ts';
import { planLetterbox } from '../../src/detect/letterbox.ts';
import { bilinearLetterbox } from '../../src/gpu/bilinear-letterbox.ts';

export interface Thresholds {
  conf: number;
  iou: number;
}

export class NodeDetector {
  private input = new Float32Array(0);

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly config: RuntimeConfig,
  ) {}

  /** Session options as the app's WASM path and `bench-native.ts`: CPU, all graph optimisations. */
  static async create(config: RuntimeConfig, modelPath: string, threads: number): Promise<NodeDetector> {
    const session = await ort.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // The dynamic export's batch is symbolic; pinning it lets ORT plan memory once.
      freeDimensionOverrides: config.input.kind === 'dynamic' ? { batch: 1 } : {},
    });
    return new NodeDetector(session, config);
  }

  async detect(rgba: Uint8Array, width: number, height: number, t: Thresholds): Promise<Detection[]> {
    const c = this.config;
    const plan = planLetterbox(width, height, c.input, c.stride);
    if (plan.inputWidth > MAX_INPUT_SIDE || plan.inputHeight > MAX_INPUT_SIDE)
      throw new Error(`input ${plan.inputWidth}x${plan.inputHeight} is over the ${MAX_INPUT_SIDE} px limit`);
    const size = 3 * plan.inputWidth * plan.inputHeight;
    // A static model's input is the same size every time: one buffer for the whole run.
    if (this.input.length !== size) this.input = new Float32Array(size);
    bilinearLetterbox(rgba, width, height, plan, c.padValue, this.input);
    const tensor = new ort.Tensor('float32', this.input, [1, 3, plan.inputHeight, plan.inputWidth]);
    const outputs = await this.session.run({ [c.inputName]: tensor });
    const output = outputs[c.outputName];
    try {
      if (!output) throw new Error(`the model produced no output named "${c.outputName}"`);
      // NMS keeps scores above conf, and the decoder drops those at or below its floor: decoding at conf loses nothing.
      const candidates = decodeOutput(
        c.outputFormat,
        output.data as Float32Array,
        output.dims,
        t.conf,
        c.labels.length,
      );
      const geometry = { width, height, inputWidth: plan.inputWidth, inputHeight: plan.inputHeight };
      return detectionsAt(candidates, geometry, c, t.conf, t.iou);
    } finally {
      for (const o of Object.values(outputs)) o.dispose();
    }
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
