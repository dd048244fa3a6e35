/**
 * `npx tsx scripts/bench-detect.ts [--images N] [--model ID] [--threads T]`:
 * the throughput of `npm run detect` (images/s, model loading excluded) on a
 * folder of N images (default 120: bus.jpg and zidane.jpg copies at sizes
 * from 320 to 1920 px wide, as JPEG, PNG and WebP), every export written.
 * Beside it, the model alone on onnxruntime-node with the same threads
 * (`bench-native.ts`): 1000 / p50 ms is the ceiling no pipeline can pass.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { benchNative } from './bench-native.ts';
import { resolveBundle } from './detect/bundle.ts';
import { runDetect } from './detect/run.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shared = process.env.SHARED_DIR ?? resolve(root, '../shared');

export interface DetectBench {
  model: string;
  threads: number;
  images: number;
  /** Images per second from the first image to the last, exports included. */
  imagesPerSecond: number;
  /** The model alone: median inference time on the bundle's input size, and the rate it allows. */
  inferenceP50Ms: number;
  ceilingImagesPerSecond: number;
}

/** Writes `count` images into `dir`: the two shared photos at widths 320–1920, in three formats. */
export async function makeBenchFolder(dir: string, count: number): Promise<void> {
  const sources = ['bus.jpg', 'zidane.jpg'].map((f) => join(shared, 'images', f));
  const widths = [320, 480, 640, 810, 1024, 1280, 1600, 1920];
  const formats = ['jpeg', 'png', 'webp'] as const;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `set ${i % 4}`);
    mkdirSync(folder, { recursive: true });
    const format = formats[i % 3]!;
    const width = widths[i % widths.length]!;
    await sharp(sources[i % 2]!)
      .resize({ width })
      .toFormat(format, { quality: 90 })
      .toFile(join(folder, `${String(i).padStart(4, '0')}.${format === 'jpeg' ? 'jpg' : format}`));
  }
}

export async function benchDetect(
  opts: { images?: number; model?: string; threads?: number } = {},
): Promise<DetectBench> {
  const count = opts.images ?? 120;
  const threads = opts.threads ?? os.availableParallelism();
  const bundle = resolveBundle(opts.model);
  if (!bundle.ok) throw new Error(bundle.problem);
  const { config, modelPath } = bundle.bundle;
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-detect-'));
  try {
    await makeBenchFolder(join(dir, 'in'), count);
    const silent = { stderr: { write: () => {} }, stdout: () => {} };
    const run = await runDetect(
      {
        paths: [join(dir, 'in')],
        out: join(dir, 'out'),
        formats: ['coco', 'yolo', 'csv'],
        threads,
        ...(opts.model ? { model: opts.model } : {}),
      },
      silent,
    );
    if (run.code !== 0 || run.images !== count)
      throw new Error(`the run did not detect every image: ${run.problem ?? JSON.stringify(run.failed)}`);
    const shape: [number, number, number, number] =
      config.input.kind === 'static'
        ? [1, 3, config.input.height, config.input.width]
        : [1, 3, config.input.maxSide, config.input.maxSide];
    const native = await benchNative({
      model: config.id,
      modelPath,
      inputName: config.inputName,
      shape,
      threads,
      n: 20,
      warmup: 3,
    });
    return {
      model: config.id,
      threads,
      images: run.images,
      imagesPerSecond: run.images / run.imageSeconds,
      inferenceP50Ms: native.inference.p50,
      ceilingImagesPerSecond: 1000 / native.inference.p50,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const images = value('--images');
  const threads = value('--threads');
  const model = value('--model');
  benchDetect({
    ...(images ? { images: Number(images) } : {}),
    ...(threads ? { threads: Number(threads) } : {}),
    ...(model ? { model } : {}),
  }).then(
    (r) => {
      const share = (100 * r.imagesPerSecond) / r.ceilingImagesPerSecond;
      console.log(
        `npm run detect, ${r.model}, ${r.threads} threads, ${r.images} images: ${r.imagesPerSecond.toFixed(2)} images/s` +
          ` (model alone: p50 ${r.inferenceP50Ms.toFixed(1)} ms = ${r.ceilingImagesPerSecond.toFixed(2)} images/s; ${share.toFixed(0)}% of that)`,
      );
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
