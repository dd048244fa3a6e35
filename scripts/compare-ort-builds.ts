/**
 * `tsx scripts/compare-ort-builds.ts [yolov5n-320|yolov5n]`: ONNX Runtime Web's
 * three WebGPU builds (JSEP `onnxruntime-web`, the WebGPU EP with Asyncify
 * `onnxruntime-web/webgpu`, the WebGPU EP with JSPI `onnxruntime-web/jspi`)
 * on the WebGPU path in headless Chromium (SwiftShader where there is no GPU),
 * each against onnxruntime-node's CPU output for the same input (bus.jpg,
 * letterboxed in TypeScript). Prints one JSON line per build: session
 * creation and run times, the largest difference from the CPU output, and
 * candidates above 0.25.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import * as ortNode from 'onnxruntime-node';
import { chromium } from 'playwright-core';
import { extractCandidates } from '../src/detect/candidates.ts';
import { planLetterbox } from '../src/detect/letterbox.ts';
import { bilinearLetterbox } from '../src/gpu/bilinear-letterbox.ts';
import { BASE_ARGS, findChromium, WEBGPU_ARGS } from './browser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
const model = process.argv[2] ?? 'yolov5n-320';
const size = model === 'yolov5n' ? 640 : 320;
const file = path.join(shared, 'models/yolov5n', `yolov5n-${size}.onnx`);
const BUILDS = [
  { name: 'JSEP (onnxruntime-web)', module: 'ort.min.mjs', wasm: 'ort-wasm-simd-threaded.jsep.wasm' },
  {
    name: 'WebGPU EP, Asyncify (onnxruntime-web/webgpu)',
    module: 'ort.webgpu.min.mjs',
    wasm: 'ort-wasm-simd-threaded.asyncify.wasm',
  },
  {
    name: 'WebGPU EP, JSPI (onnxruntime-web/jspi)',
    module: 'ort.jspi.min.mjs',
    wasm: 'ort-wasm-simd-threaded.jspi.wasm',
  },
];

const img = jpeg.decode(readFileSync(path.join(shared, 'images/bus.jpg')), { useTArray: true, formatAsRGBA: true });
const plan = planLetterbox(img.width, img.height, { kind: 'static', width: size, height: size }, 32);
const input = bilinearLetterbox(img.data, img.width, img.height, plan, 114);
const cpu = await ortNode.InferenceSession.create(file);
const ref = (await cpu.run({ images: new ortNode.Tensor('float32', input, [1, 3, size, size]) })).output0!;
const refData = ref.data as Float32Array;
const [rows, cols] = [Number(ref.dims[1]), Number(ref.dims[2])];
console.log(
  JSON.stringify({
    build: 'onnxruntime-node (CPU reference)',
    candidates: extractCandidates(refData, rows, cols, 0.25).count,
  }),
);

const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: [...BASE_ARGS, ...WEBGPU_ARGS],
});
try {
  for (const b of BUILDS) {
    const page = await browser.newPage();
    await page.route('http://localhost:9/**', (route) => {
      const p = new URL(route.request().url()).pathname;
      if (p === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ort</title>' });
      if (p === '/model.onnx') return route.fulfill({ body: readFileSync(file) });
      const f = path.join(root, 'node_modules/onnxruntime-web/dist', path.basename(p));
      return route.fulfill({
        body: readFileSync(f),
        contentType: p.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
      });
    });
    await page.goto('http://localhost:9/'); // localhost is a secure context: navigator.gpu exists
    const r = await page
      .evaluate(
        async ({ module, data, size }) => {
          const ort = await import(`/${module}`);
          ort.env.wasm.numThreads = 1;
          ort.env.wasm.wasmPaths = '/';
          const bytes = new Uint8Array(await (await fetch('/model.onnx')).arrayBuffer());
          const x = new Float32Array(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)).buffer);
          const t0 = performance.now();
          const s = await ort.InferenceSession.create(bytes, {
            executionProviders: ['webgpu'],
            graphOptimizationLevel: 'all',
          });
          const t1 = performance.now();
          const runs: number[] = [];
          let out: Float32Array = new Float32Array(0);
          for (let i = 0; i < 2; i++) {
            const t = performance.now();
            const o = await s.run({ images: new ort.Tensor('float32', x, [1, 3, size, size]) });
            runs.push(performance.now() - t);
            out = o.output0.data as Float32Array;
          }
          let bin = '';
          const u8 = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
          for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode(...u8.subarray(i, i + 0x8000));
          return { createMs: t1 - t0, runMs: runs, out: btoa(bin), jspi: 'Suspending' in WebAssembly };
        },
        { module: b.module, data: Buffer.from(input.buffer).toString('base64'), size },
      )
      .catch((e: unknown) => ({ error: String(e) }));
    if ('error' in r) {
      console.log(JSON.stringify({ build: b.name, error: r.error }));
    } else {
      const got = new Float32Array(Buffer.from(r.out, 'base64').buffer.slice(0));
      let maxDiff = 0;
      for (let i = 0; i < refData.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i]! - refData[i]!));
      console.log(
        JSON.stringify({
          build: b.name,
          wasmBytes: readFileSync(path.join(root, 'node_modules/onnxruntime-web/dist', b.wasm)).length,
          createMs: Math.round(r.createMs),
          runMs: r.runMs.map(Math.round),
          maxAbsDiffVsCpu: maxDiff,
          candidates: extractCandidates(got, rows, cols, 0.25).count,
          browserHasJspi: r.jspi,
        }),
      );
    }
    await page.close();
  }
} finally {
  await browser.close();
}
