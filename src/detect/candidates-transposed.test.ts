// The transposed YOLOv8 layout on a real model: the shared yolov8-layout models with a Transpose node
// appended (src/test-support/onnx-edit.ts), run by onnxruntime-node on bus.jpg, decoded, and compared
// with the golden detections of the YOLOv5n weights they carry, at the documented tolerance.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { bilinearLetterbox } from '../gpu/bilinear-letterbox.ts';
import { transposeOutput } from '../test-support/onnx-edit.ts';
import { runtimeConfig } from '../test-support/runtime-config.ts';
import { HAVE_SHARED, sharedFile } from '../test-support/shared.ts';
import { decodeOutput } from './candidates.ts';
import { CANDIDATE_FLOOR, detectionsAt } from './detections.ts';
import { compareWithGolden } from './golden-match.ts';
import { planLetterbox } from './letterbox.ts';

describe.skipIf(!HAVE_SHARED)(
  `the transposed yolov8-layout model${HAVE_SHARED ? '' : ' (skipped: ../shared not found)'}`,
  () => {
    it.each([320, 640])(
      'at %i: bus.jpg at golden parity, and the same candidates as the untransposed model',
      async (size) => {
        const ort = await import('onnxruntime-node');
        const v8 = new Uint8Array(readFileSync(sharedFile(`models/yolov8-layout/yolov8-layout-${size}.onnx`)));
        const img = jpeg.decode(readFileSync(sharedFile('images/bus.jpg')), { useTArray: true, formatAsRGBA: true });
        const input = { kind: 'static', width: size, height: size } as const;
        const plan = planLetterbox(img.width, img.height, input, 32);
        const pixels = bilinearLetterbox(img.data, img.width, img.height, plan, 114);
        const run = async (model: Uint8Array) => {
          const session = await ort.InferenceSession.create(model, {
            executionProviders: ['cpu'],
            intraOpNumThreads: 1,
          });
          try {
            const out = await session.run({ images: new ort.Tensor('float32', pixels, [1, 3, size, size]) });
            return { data: out.output0!.data as Float32Array, dims: out.output0!.dims.map(Number) };
          } finally {
            await session.release();
          }
        };
        const t = await run(transposeOutput(v8));
        expect(t.dims).toEqual([1, size === 320 ? 6300 : 25200, 84]);
        const cands = decodeOutput('yolov8-transposed', t.data, t.dims, CANDIDATE_FLOOR, 80);
        const plain = await run(v8);
        expect(Array.from(cands.data)).toEqual(
          Array.from(decodeOutput('yolov8', plain.data, plain.dims, CANDIDATE_FLOOR, 80).data),
        );

        const config = runtimeConfig({
          outputFormat: 'yolov8-transposed',
          input,
          labels: Array.from({ length: 80 }, (_, i) => `c${i}`),
        });
        const dets = detectionsAt(
          cands,
          { width: img.width, height: img.height, inputWidth: size, inputHeight: size },
          config,
          0.25,
          0.45,
        );
        const golden = JSON.parse(readFileSync(sharedFile(`golden/yolov5n-${size}/bus.json`), 'utf8'));
        expect(dets.length).toBeGreaterThanOrEqual(4);
        expect(compareWithGolden(dets, golden.detections)).toEqual([]);
      },
      60_000,
    );
  },
);
