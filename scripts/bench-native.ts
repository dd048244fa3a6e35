/**
 * Native baseline: the same ONNX files on onnxruntime-node (CPU EP), so a
 * browser number can be read as "x times native" on the same machine.
 * `tsx scripts/bench-native.ts [--n 10] [--levels]` runs it alone.
 */
import * as ort from 'onnxruntime-node';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NativeRun } from '../src/bench/schema.ts';
import { roundSummary, summarize } from '../src/bench/stats.ts';

export type OptLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface NativeCase {
  model: string;
  modelPath: string;
  inputName: string;
  /** [1, 3, H, W] */
  shape: readonly [number, number, number, number];
  threads: number;
  n: number;
  warmup: number;
  graphOptimizationLevel?: OptLevel;
}

/**
 * Random input in 0..1: inference time of a conv net does not depend on
 * pixel values, and it keeps the baseline free of any image library.
 */
export async function benchNative(c: NativeCase): Promise<NativeRun> {
  const level = c.graphOptimizationLevel ?? 'all';
  const session = await ort.InferenceSession.create(c.modelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: c.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: level,
    // As the browser worker does for the dynamic export.
    freeDimensionOverrides: { batch: 1 },
  });
  try {
    const size = c.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = Math.random();
    const input = new ort.Tensor('float32', data, [...c.shape]);
    const times: number[] = [];
    for (let i = 0; i < c.warmup + c.n; i++) {
      const t0 = performance.now();
      const out = await session.run({ [c.inputName]: input });
      const dt = performance.now() - t0;
      for (const t of Object.values(out)) t.dispose();
      if (i >= c.warmup) times.push(dt);
    }
    return {
      threads: c.threads,
      model: c.model,
      input: c.shape.join('x'),
      inference: roundSummary(summarize(times)),
      n: c.n,
      ...(level !== 'all' ? { graphOptimizationLevel: level } : {}),
    };
  } finally {
    await session.release();
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');

export interface BenchModel {
  /** Relative to the project root, or absolute. */
  file: string;
  shapes: [number, number, number, number][];
  /**
   * Not a shipped bundle: the browser run drops this file alone on the app (a
   * custom bundle whose config is written from the model's metadata).
   */
  custom?: boolean;
}

/** Models and the input shapes the browser runs use for bus.jpg (810x1080) and zidane (16:9). */
export const NATIVE_MODELS: Record<string, BenchModel> = {
  yolov5n: { file: 'public/models/yolov5n/yolov5n-640.onnx', shapes: [[1, 3, 640, 640]] },
  'yolov5n-320': { file: 'public/models/yolov5n-320/yolov5n-320.onnx', shapes: [[1, 3, 320, 320]] },
  'yolov5n-rect': {
    file: 'public/models/yolov5n-rect/yolov5n-dynamic.onnx',
    shapes: [
      [1, 3, 640, 480],
      [1, 3, 384, 640],
    ],
  },
  // Test data, never shipped: YOLOv5n's weights with the YOLOv8-family output layout (../shared/models/yolov8-layout).
  'yolov8-layout': {
    file: path.join(shared, 'models/yolov8-layout/yolov8-layout-640.onnx'),
    shapes: [[1, 3, 640, 640]],
    custom: true,
  },
};

export function modelPath(id: string): string {
  const m = NATIVE_MODELS[id];
  if (!m) throw new Error(`no native model for bundle ${id}`);
  return path.resolve(root, m.file);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nAt = args.indexOf('--n');
  const n = nAt >= 0 ? Number(args[nAt + 1]) : 10;
  const levels: OptLevel[] = args.includes('--levels') ? ['disabled', 'basic', 'extended', 'all'] : ['all'];
  const threadCounts = [...new Set([Math.min(2, os.cpus().length), 1])];
  for (const [model, m] of Object.entries(NATIVE_MODELS)) {
    for (const shape of m.shapes) {
      for (const threads of threadCounts) {
        for (const level of levels) {
          const r = await benchNative({
            model,
            modelPath: modelPath(model),
            inputName: 'images',
            shape,
            threads,
            n,
            warmup: 2,
            graphOptimizationLevel: level,
          });
          console.log(
            `${model.padEnd(13)} ${r.input.padEnd(12)} threads=${threads} opt=${level.padEnd(8)} p50 ${r.inference.p50.toFixed(1)} ms  p95 ${r.inference.p95.toFixed(1)} ms`,
          );
        }
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
