/**
 * `tsx scripts/track-street.ts [--model 320|640] [--conf 0.25] [--line y] [--out DIR]`
 *
 * The tracker on real detections: ../shared/video/street.mjpeg (100 frames,
 * 768x576, 10 fps), each frame decoded with jpeg-js, letterboxed bilinearly
 * (src/gpu/bilinear-letterbox.ts), run through yolov5n on onnxruntime-node,
 * decoded and NMS'd as the app does (src/detect), then tracked and counted
 * across a horizontal line. There is no ground truth for this video: it
 * prints what a person can check by eye against the video (IDs given, how
 * long tracks live, counts), and the tracker's time per frame. With --out it
 * writes tracks.csv, tracks.json and counts.json there (src/export/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-node';
import { parse } from 'yaml';
import { decodeOutput } from '../src/detect/candidates.ts';
import { selectDetections } from '../src/detect/detections.ts';
import { planLetterbox } from '../src/detect/letterbox.ts';
import { TrackRecorder } from '../src/export/track-recorder.ts';
import { bilinearLetterbox } from '../src/gpu/bilinear-letterbox.ts';
import { ByteTracker } from '../src/tracking/byte-tracker.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');

/** Motion JPEG is JPEG files back to back: split at each start-of-image marker. */
function splitMjpeg(bytes: Uint8Array): Uint8Array[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd8 && bytes[i + 2] === 0xff) starts.push(i);
  }
  return starts.map((s, k) => bytes.subarray(s, starts[k + 1] ?? bytes.length));
}

function arg(argv: string[], name: string, fallback: string): string {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
}

async function main(argv: string[]): Promise<void> {
  const size = Number(arg(argv, '--model', '320'));
  const conf = Number(arg(argv, '--conf', '0.25'));
  const lineY = Number(arg(argv, '--line', '288'));
  const frames = splitMjpeg(readFileSync(path.join(shared, 'video/street.mjpeg')));
  const session = await ort.InferenceSession.create(path.join(shared, `models/yolov5n/yolov5n-${size}.onnx`), {
    executionProviders: ['cpu'],
  });
  // The shipped bundle's labels (COCO, in the model's order).
  const config = parse(readFileSync(path.join(root, 'public/models/yolov5n-320/config.yaml'), 'utf8')) as {
    labels: string[];
  };
  const labels = config.labels;
  const tracker = new ByteTracker({ highThreshold: conf, frameRate: 10 });
  let recorder: TrackRecorder | null = null;
  const trackMs: number[] = [];
  const life = new Map<number, number[]>();
  let boxes = 0;
  let high = 0;
  let tracked = 0;
  for (const [i, bytes] of frames.entries()) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    recorder ??= new TrackRecorder(
      {
        video: 'street.mjpeg',
        width: img.width,
        height: img.height,
        fps: 10,
        every: 1,
        frames: frames.length,
        model: `yolov5n-${size}`,
      },
      { x1: 0, y1: lineY, x2: img.width, y2: lineY },
    );
    const plan = planLetterbox(img.width, img.height, { kind: 'static', width: size, height: size }, 32);
    const input = bilinearLetterbox(img.data, img.width, img.height, plan, 114);
    const out = await session.run({ images: new ort.Tensor('float32', input, [1, 3, size, size]) });
    const t = out.output0!;
    const cands = decodeOutput('yolov5', t.data as Float32Array, t.dims.map(Number), 0.1, 80);
    // Everything above the tracker's floor (0.1), as the app will pass it; the user's confidence is highThreshold.
    const dets = selectDetections(
      cands,
      { width: img.width, height: img.height, inputWidth: size, inputHeight: size },
      labels,
      { confidence: 0.1, iou: 0.45, maxDetections: 300, classAgnostic: false },
    );
    boxes += dets.length;
    high += dets.filter((d) => d.score >= conf).length;
    const t0 = performance.now();
    const result = tracker.update(dets);
    trackMs.push(performance.now() - t0);
    tracked += result.length;
    for (const r of result) {
      const l = life.get(r.trackId) ?? [];
      l.push(i + 1);
      life.set(r.trackId, l);
    }
    recorder.add(i + 1, result);
  }
  await session.release();
  const lengths = [...life.values()].map((l) => l.length).sort((a, b) => b - a);
  const sorted = [...trackMs].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!.toFixed(3);
  console.log(`street.mjpeg: ${frames.length} frames, yolov5n-${size}, confidence ${conf}`);
  console.log(
    `  boxes a frame: ${(boxes / frames.length).toFixed(1)} from 0.1, ${(high / frames.length).toFixed(1)} at or above ${conf}`,
  );
  console.log(`  tracked boxes a frame: ${(tracked / frames.length).toFixed(1)}; IDs given: ${tracker.idsIssued}`);
  console.log(`  frames per ID, longest first: ${lengths.join(' ')}`);
  const counter = recorder?.counter;
  console.log(`  line y = ${lineY}: ${JSON.stringify(counter?.counts())} crossings ${counter?.crossings().length}`);
  console.log(`  tracker ms a frame: p50 ${pct(50)} p95 ${pct(95)}`);
  const out = arg(argv, '--out', '');
  if (out && recorder) {
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'tracks.csv'), recorder.csv());
    writeFileSync(path.join(out, 'tracks.json'), recorder.json());
    writeFileSync(path.join(out, 'counts.json'), recorder.counts());
    console.log(`  wrote tracks.csv, tracks.json, counts.json in ${out}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`track-street: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
