/**
 * `npm run detect`'s run: the bundle, the files, the model, then every image
 * through the detector into the export writers as it comes (constant memory
 * whatever the folder's size). A file that is not an image, or an image that
 * cannot be read or detected, is listed with its reason and the run goes on.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  cocoWriter,
  csvWriter,
  type DatasetWriter,
  ExportError,
  type ExportOptions,
  type ImageResult,
  MAX_ZIP_IMAGES,
  yoloZipWriter,
} from '../../src/export/index.ts';
import { MAX_FILE_BYTES } from '../../src/image/limits.ts';
import { errorText } from '../../src/util/errors.ts';
import { classFilter, type DetectArgs, type Format } from './args.ts';
import { bundleName, resolveBundle } from './bundle.ts';
import { NodeDetector, type Thresholds } from './detector.ts';
import { type InputFile, listInputs } from './inputs.ts';
import { OutputFile } from './output-file.ts';
import { Progress, type ProgressSink, duration } from './progress.ts';
import { type DecodedRgba, decodeImageFile, notAnImageReason, READABLE_NAMES, SNIFF_BYTES } from './read-image.ts';

export interface NotTaken {
  name: string;
  reason: string;
}

export interface RunSummary {
  /** 0: at least one image detected; 1: nothing to do or nothing could be done; 130: stopped by the signal. */
  code: number;
  /** The one line said when the run could not start. */
  problem?: string;
  images: number;
  boxes: number;
  /** Images that could not be read or detected. */
  failed: NotTaken[];
  /** Files that are not images this tool reads, and links not followed. */
  skipped: NotTaken[];
  /** The whole run, model loading included. */
  seconds: number;
  /** From the first image on: what images/s is measured over. */
  imageSeconds: number;
  /** Files written, in --format order. */
  written: string[];
}

export interface RunIo {
  /** Progress, notes and the summary. */
  stderr: ProgressSink;
  /** One line per file written. */
  stdout: (line: string) => void;
}

const show = (p: string) => relative(process.cwd(), p) || p;

function writerFor(
  format: Format,
  opts: ExportOptions,
  info: Record<string, string | number | readonly string[]>,
): DatasetWriter {
  if (format === 'coco') return cocoWriter({ ...opts, info });
  if (format === 'yolo') return yoloZipWriter(opts);
  return csvWriter(opts);
}

/** Reads only the start of a file, to tell an image from anything else without reading it all. */
function sniff(file: InputFile): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file.path, 'r');
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, SNIFF_BYTES));
    readSync(fd, head, 0, head.length, 0);
    return notAnImageReason(head, size);
  } catch (e) {
    return `cannot be read (${errorText(e)})`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; reason: string };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (e) => ({ ok: false as const, reason: errorText(e) }),
  );

async function readAndDecode(file: InputFile): Promise<DecodedRgba> {
  // A file past the limit is refused from its size, before it is read into memory.
  const size = statSync(file.path).size;
  if (size > MAX_FILE_BYTES)
    throw new Error(
      `${(size / 2 ** 20).toFixed(0)} MiB, over the app's limit of ${MAX_FILE_BYTES / 2 ** 20} MiB for an image file`,
    );
  return decodeImageFile(new Uint8Array(readFileSync(file.path)));
}

export async function runDetect(args: DetectArgs, io: RunIo, signal?: AbortSignal): Promise<RunSummary> {
  const t0 = performance.now();
  const summary: RunSummary = {
    code: 1,
    images: 0,
    boxes: 0,
    failed: [],
    skipped: [],
    seconds: 0,
    imageSeconds: 0,
    written: [],
  };
  const refuse = (problem: string): RunSummary => ({ ...summary, problem });

  const bundle = resolveBundle(args.model);
  if (!bundle.ok) return refuse(bundle.problem);
  const { config, modelPath } = bundle.bundle;
  const filter = args.classes ? classFilter(args.classes, config.labels) : undefined;
  if (filter && !filter.ok) return refuse(filter.problem);
  const listed = listInputs(args.paths, args.base);
  if (!listed.ok) return refuse(listed.problem);
  summary.skipped.push(...listed.notWalked);

  const images: InputFile[] = [];
  for (const f of listed.files) {
    const reason = sniff(f);
    if (reason) summary.skipped.push({ name: f.name, reason });
    else images.push(f);
  }
  const where = args.paths.join(', ');
  if (images.length === 0) {
    const what = listed.files.length
      ? `${listed.files.length} file${listed.files.length === 1 ? '' : 's'}, none a ${READABLE_NAMES} image`
      : 'no files';
    return refuse(`no image found in ${where} (${what}); give image files or folders that hold images`);
  }
  if (args.formats.includes('yolo') && images.length > MAX_ZIP_IMAGES)
    return refuse(
      `${images.length} images, more than labels.zip can hold (${MAX_ZIP_IMAGES}, a zip without ZIP64); run the folder in parts or leave out yolo with --format coco,csv`,
    );
  try {
    mkdirSync(args.out, { recursive: true });
  } catch (e) {
    return refuse(`cannot create the output folder ${args.out} (${errorText(e)}); give another --out`);
  }

  let detector: NodeDetector;
  try {
    detector = await NodeDetector.create(config, modelPath, args.threads);
  } catch (e) {
    return refuse(`onnxruntime could not load ${show(modelPath)} (${errorText(e)}); check it with npm run validate`);
  }

  const t: Thresholds = { conf: args.conf ?? config.confidence, iou: args.iou ?? config.iou };
  const progress = new Progress(io.stderr, images.length);
  progress.note(
    `${bundleName(bundle.bundle)} (${config.name}): ${images.length} image${images.length === 1 ? '' : 's'}, conf ${t.conf}, iou ${t.iou}, ${args.threads} thread${args.threads === 1 ? '' : 's'}${filter?.ok ? `, classes ${[...filter.keep].map((i) => config.labels[i]).join(', ')}` : ''}`,
  );
  for (const w of bundle.bundle.warnings) progress.note(`warning: ${w}`);
  for (const s of summary.skipped) progress.note(`skipped ${s.name}: ${s.reason}`);

  const keep = filter?.keep;
  const info = {
    model: bundleName(bundle.bundle),
    model_name: config.name,
    confidence: t.conf,
    iou: t.iou,
    ...(keep ? { classes_kept: [...keep].sort((a, b) => a - b).map((i) => config.labels[i]!) } : {}),
  };
  const outputs: { writer: DatasetWriter; file: OutputFile }[] = [];
  try {
    for (const format of args.formats) {
      const writer = writerFor(format, { labels: config.labels, ...(keep ? { keep } : {}) }, info);
      outputs.push({ writer, file: new OutputFile(join(args.out, writer.fileName)) });
    }
  } catch (e) {
    for (const o of outputs) o.file.discard();
    await detector.release();
    return refuse(`cannot write into ${args.out} (${errorText(e)}); give another --out`);
  }

  let stopped = false;
  const loopStart = performance.now();
  try {
    // Decoding the next image (sharp, on libuv's threads) overlaps the model run of this one.
    let next = settle(readAndDecode(images[0]!));
    for (let i = 0; i < images.length; i++) {
      const file = images[i]!;
      const decoded = await next;
      if (i + 1 < images.length) next = settle(readAndDecode(images[i + 1]!));
      const fail = (reason: string) => {
        summary.failed.push({ name: file.name, reason });
        progress.note(`failed ${file.name}: ${reason}`);
      };
      if (!decoded.ok) fail(decoded.reason);
      else {
        const { rgba, width, height } = decoded.value;
        try {
          const detections = await detector.detect(rgba, width, height, t);
          const result: ImageResult = { file: file.name, width, height, detections };
          for (const o of outputs) o.file.write(o.writer.add(result));
          summary.images++;
          summary.boxes += keep ? detections.filter((d) => keep.has(d.classId)).length : detections.length;
        } catch (e) {
          fail(e instanceof ExportError ? e.message : `detection failed (${errorText(e)})`);
        }
      }
      progress.update(i + 1);
      if (signal?.aborted && i + 1 < images.length) {
        await next; // let the decode in flight finish before the process exits
        stopped = true;
        progress.finish();
        progress.note(`stopped after ${i + 1} of ${images.length} images; the files hold those`);
        break;
      }
    }
    if (summary.images === 0) {
      for (const o of outputs) o.file.discard();
    } else {
      for (const o of outputs) {
        o.file.write(o.writer.end());
        o.file.commit();
        summary.written.push(o.file.path);
      }
    }
  } catch (e) {
    for (const o of outputs) o.file.discard();
    throw e;
  } finally {
    await detector.release();
  }

  const end = performance.now();
  summary.seconds = (end - t0) / 1000;
  // The rate is the images' own: loading and checking the model (once per run) is in the total time only.
  summary.imageSeconds = (end - loopStart) / 1000;
  const rate = summary.images / summary.imageSeconds;
  const failed = summary.failed.length ? `, ${summary.failed.length} failed` : '';
  const skipped = summary.skipped.length ? `, ${summary.skipped.length} skipped` : '';
  progress.note(
    `${summary.images} image${summary.images === 1 ? '' : 's'} (${summary.boxes} box${summary.boxes === 1 ? '' : 'es'})${failed}${skipped} in ${duration(summary.seconds)} (${rate.toFixed(1)} images/s after loading the model)`,
  );
  for (const path of summary.written) io.stdout(path);
  if (summary.images === 0) {
    summary.problem = `none of the ${images.length} images could be read (each is listed above); nothing was written`;
    summary.code = 1;
  } else summary.code = stopped ? 130 : 0;
  return summary;
}
