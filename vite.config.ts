import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { pagesPlugin } from './src/sw/vite-plugin.ts';

// COOP/COEP make the page cross-origin isolated, which onnxruntime-web needs
// for SharedArrayBuffer, i.e. multi-threaded WASM.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig(({ mode }) => ({
  // Relative base so dist/ works under any sub-path (GitHub Pages project sites).
  base: process.env.BASE_PATH ?? './',
  // pagesPlugin (build only): CSP meta tag, content-addressed ORT runtime folder and the Workbox
  // service worker, for hosts that send no headers (GitHub Pages).
  plugins: [react(), pagesPlugin()],
  resolve: {
    alias: {
      // The "extern wasm" build loads ort-wasm-*.mjs/.wasm from env.wasm.wasmPaths
      // (our own public/ort/), so ORT's pthread workers start from that file
      // rather than from our bundled worker chunk.
      // Two builds: ORT's WebGPU EP (onnxruntime-web/webgpu, Asyncify) for WebGPU sessions and the
      // plain WASM one, which is faster on the CPU (no Asyncify).
      'onnxruntime-web/webgpu': fileURLToPath(
        new URL('./node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs', import.meta.url),
      ),
      'onnxruntime-web/wasm': fileURLToPath(
        new URL('./node_modules/onnxruntime-web/dist/ort.wasm.min.mjs', import.meta.url),
      ),
      'onnxruntime-web': fileURLToPath(new URL('./node_modules/onnxruntime-web/dist/ort.min.mjs', import.meta.url)),
    },
  },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  // `--mode test` is the build the e2e suites and the benchmark run on: it carries the
  // test seams (src/test-seams/), which `npm run build` (dist/, what users get) leaves out.
  build: { target: 'es2022', chunkSizeWarningLimit: 1024, outDir: mode === 'test' ? 'dist-test' : 'dist' },
}));
