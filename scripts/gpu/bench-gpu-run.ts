/**
 * The body of `npm run bench:gpu`: the app's own WebGPU modules (src/gpu/:
 * WGSL passes, session options, detector) on ORT's WebGPU EP under Dawn,
 * each lever set against the naive path and a CPU baseline (onnxruntime-node),
 * on bus.jpg. Prints one JSON line per configuration.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import * as ortNode from 'onnxruntime-node';
import * as ort from 'onnxruntime-web/webgpu';
import type { InputShape, RuntimeConfig } from '../../src/config/runtime-config.ts';
import { extractCandidates } from '../../src/detect/candidates.ts';
import { detectionsAt } from '../../src/detect/detections.ts';
import { compareWithGolden } from '../../src/detect/golden-match.ts';
import { planLetterbox } from '../../src/detect/letterbox.ts';
import { bilinearLetterbox } from '../../src/gpu/bilinear-letterbox.ts';
import { GpuDetector } from '../../src/gpu/gpu-detector.ts';
import { type GpuLevers, gpuParam, leverLabel, parseGpuParam } from '../../src/gpu/levers.ts';
import { gpuSessionOptions } from '../../src/gpu/session-options.ts';
import { errorText } from '../../src/util/errors.ts';
import { setUpDawn } from './dawn-node.ts';

export interface GpuBenchModel {
  id: string;
  file: string;
  input: InputShape;
  golden: string;
}

export const GPU_BENCH_MODELS: GpuBenchModel[] = [
  {
    id: 'yolov5n',
    file: 'yolov5n-640.onnx',
    input: { kind: 'static', width: 640, height: 640 },
    golden: 'yolov5n-640',
  },
  {
    id: 'yolov5n-320',
    file: 'yolov5n-320.onnx',
    input: { kind: 'static', width: 320, height: 320 },
    golden: 'yolov5n-320',
  },
  {
    id: 'yolov5n-rect',
    file: 'yolov5n-dynamic.onnx',
    input: { kind: 'dynamic', maxSide: 640 },
    golden: 'yolov5n-rect',
  },
];

/** The lever sets timed, as ?gpu= values: the naive path, each lever alone, all. */
export const LEVER_SETS = ['none', 'pre', 'out', 'graph', 'pre,out,graph'];

export interface GpuBenchOptions {
  models: GpuBenchModel[];
  leverSets: string[];
  n: number;
  warmup: number;
  /** Folder with the .onnx files, bus.jpg, golden/<set>/bus.json. */
  modelsDir: string;
  imagePath: string;
  goldenDir: string | null;
  /** Folder with ORT's ort-wasm-simd-threaded.asyncify.{mjs,wasm}. */
  ortDir: string;
  cpuBaseline: boolean;
  log: (line: string) => void;
  emit: (record: object) => void;
}

const FLOOR = 0.01;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round((p / 100) * (s.length - 1))))] ?? Number.NaN;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function stats(xs: number[]) {
  return { p10: r2(percentile(xs, 10)), p50: r2(percentile(xs, 50)), p90: r2(percentile(xs, 90)) };
}

function config(model: GpuBenchModel): RuntimeConfig {
  return {
    id: model.id,
    name: model.id,
    schemaVersion: 2,
    modelFile: model.file,
    inputName: 'images',
    outputName: 'output0',
    outputFormat: 'yolov5',
    input: model.input,
    stride: 32,
    padValue: 114,
    confidence: 0.25,
    iou: 0.45,
    maxDetections: 300,
    classAgnostic: false,
    labels: Array.from({ length: 80 }, (_, i) => `class ${i}`),
  };
}

function goldenProblems(
  opts: GpuBenchOptions,
  model: GpuBenchModel,
  cands: { data: Float32Array; count: number },
  img: { width: number; height: number },
  inputWidth: number,
  inputHeight: number,
): string[] | null {
  if (!opts.goldenDir) return null;
  let golden: { detections: Parameters<typeof compareWithGolden>[1] };
  try {
    golden = JSON.parse(readFileSync(path.join(opts.goldenDir, model.golden, 'bus.json'), 'utf8'));
  } catch {
    return null;
  }
  const dets = detectionsAt(
    cands,
    { width: img.width, height: img.height, inputWidth, inputHeight },
    config(model),
    0.25,
    0.45,
  );
  return compareWithGolden(dets, golden.detections);
}

/** Runs every model × lever set, then the CPU baseline; emits one record each. */
export async function runGpuBench(opts: GpuBenchOptions): Promise<void> {
  const { adapter } = await setUpDawn();
  opts.log(`Dawn adapter: ${adapter}`);
  ort.env.wasm.numThreads = 1; // no cross-origin isolation in Node: ORT's WASM threads are off, as in an unisolated page
  ort.env.wasm.wasmPaths = opts.ortDir.endsWith('/') ? opts.ortDir : `${opts.ortDir}/`;
  ort.env.logLevel = 'error';
  const img = jpeg.decode(readFileSync(opts.imagePath), { useTArray: true, formatAsRGBA: true });
  const rgba = new Uint8Array(img.data);
  opts.emit({
    kind: 'machine',
    adapter,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    ort: ort.env.versions.web ?? ort.env.versions.common,
    ortBuild: 'onnxruntime-web/webgpu (WebGPU EP, Asyncify)',
    image: `${path.basename(opts.imagePath)} ${img.width}x${img.height} (decoded with jpeg-js)`,
  });

  for (const model of opts.models) {
    const bytes = new Uint8Array(readFileSync(path.join(opts.modelsDir, model.file)));
    const plan = planLetterbox(img.width, img.height, model.input, 32);
    const input = `${plan.inputWidth}x${plan.inputHeight}`;
    const staticShape = model.input.kind === 'static';
    let naiveP50: number | null = null;
    for (const set of opts.leverSets) {
      const wanted: GpuLevers = parseGpuParam(set).levers;
      const label = leverLabel(wanted);
      opts.log(`${model.id} ${input}, ${label}: creating the session…`);
      const t0 = performance.now();
      let session: ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(bytes, {
          executionProviders: ['webgpu'],
          graphOptimizationLevel: 'all',
          freeDimensionOverrides: staticShape ? {} : { batch: 1 },
          ...gpuSessionOptions(wanted, staticShape),
        });
      } catch (e) {
        opts.emit({ kind: 'gpu', model: model.id, input, levers: gpuParam(wanted), error: errorText(e) });
        continue;
      }
      const createMs = performance.now() - t0;
      const device = (await ort.env.webgpu.device) as GPUDevice;
      const detector = await GpuDetector.create(
        ort,
        session,
        device,
        {
          inputName: 'images',
          outputName: 'output0',
          layout: 'yolov5',
          padValue: 114,
        },
        { ...wanted, graphCapture: wanted.graphCapture && staticShape },
      );
      const s = { pre: [] as number[], inf: [] as number[], post: [] as number[], e2e: [] as number[] };
      let readback = 0;
      let overflows = 0;
      let last: { data: Float32Array; count: number } | null = null;
      let levers: GpuLevers = detector.levers;
      try {
        // A blank first run, as the app's warm-up: a captured graph is recorded on it, so the golden
        // check below also proves the replays follow the real frame.
        await detector.warmUp(plan.inputWidth, plan.inputHeight);
        for (let i = 0; i < opts.warmup + opts.n; i++) {
          const t = performance.now();
          const r = await detector.detect({
            frame: { width: img.width, height: img.height, rgba },
            plan,
            minScore: FLOOR,
            cpuLetterbox: () => bilinearLetterbox(rgba, img.width, img.height, plan, 114),
            cpuDecode: (data, dims) => extractCandidates(data, dims[1]!, dims[2]!, FLOOR),
          });
          const e2e = performance.now() - t;
          last = r;
          levers = r.levers;
          if (i < opts.warmup) continue;
          s.pre.push(r.timings.preprocess);
          s.inf.push(r.timings.inference);
          s.post.push(r.timings.postprocess);
          s.e2e.push(e2e);
          readback = r.readbackBytes;
          if (r.overflow) overflows++;
        }
      } finally {
        await session.release();
        detector.destroy();
      }
      const endToEnd = stats(s.e2e);
      if (set === 'none') naiveP50 = endToEnd.p50;
      opts.emit({
        kind: 'gpu',
        model: model.id,
        input,
        levers: gpuParam(wanted),
        ran: gpuParam(levers),
        label,
        n: opts.n,
        warmup: opts.warmup,
        createMs: r2(createMs),
        preprocess: stats(s.pre),
        inference: stats(s.inf),
        postprocess: stats(s.post),
        endToEnd,
        vsNaive: naiveP50 ? r2(endToEnd.p50 / naiveP50) : null,
        readbackBytes: readback,
        overflows,
        candidates: last?.count ?? 0,
        golden: last ? goldenProblems(opts, model, last, img, plan.inputWidth, plan.inputHeight) : null,
      });
    }
    if (opts.cpuBaseline) await cpuBaseline(opts, model, bytes, rgba, img, plan);
  }
}

/** onnxruntime-node on the CPU, all cores: the same letterbox, model and decoder, end to end. */
async function cpuBaseline(
  opts: GpuBenchOptions,
  model: GpuBenchModel,
  bytes: Uint8Array,
  rgba: Uint8Array,
  img: { width: number; height: number },
  plan: ReturnType<typeof planLetterbox>,
): Promise<void> {
  const session = await ortNode.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
  const e2e: number[] = [];
  const inf: number[] = [];
  try {
    for (let i = 0; i < opts.warmup + opts.n; i++) {
      const t0 = performance.now();
      const x = bilinearLetterbox(rgba, img.width, img.height, plan, 114);
      const t1 = performance.now();
      const out = (
        await session.run({ images: new ortNode.Tensor('float32', x, [1, 3, plan.inputHeight, plan.inputWidth]) })
      ).output0!;
      const t2 = performance.now();
      extractCandidates(out.data as Float32Array, Number(out.dims[1]), Number(out.dims[2]), FLOOR);
      if (i < opts.warmup) continue;
      inf.push(t2 - t1);
      e2e.push(performance.now() - t0);
    }
  } finally {
    await session.release();
  }
  opts.emit({
    kind: 'cpu',
    model: model.id,
    input: `${plan.inputWidth}x${plan.inputHeight}`,
    runtime: `onnxruntime-node ${ortNode.env.versions.node ?? ''} (CPU, ${os.cpus().length} cores)`.trim(),
    n: opts.n,
    inference: stats(inf),
    endToEnd: stats(e2e),
  });
}
