import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BASE_ARGS, findChromium, WEBGPU_ARGS } from './scripts/browser.ts';

const root = path.dirname(fileURLToPath(import.meta.url));
// npm test finds (or installs) the browser and sets CHROMIUM_PATH; a direct `playwright test` looks for one.
const chromium = findChromium() ?? '/usr/bin/chromium';
const sharedDir = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
const cameraArgs = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${path.join(sharedDir, 'video/street.mjpeg')}`,
];
export const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The test build (`vite build --mode test`, with the test seams); the pages project builds the deployed one itself. */
const OUT_DIR = process.env.E2E_OUTDIR ?? 'dist-test';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    acceptDownloads: true,
    launchOptions: { executablePath: chromium, args: [...BASE_ARGS, '--enable-precise-memory-info'] },
  },
  projects: [
    { name: 'wasm', testIgnore: [/webgpu\..*spec/, /webcam[.-].*spec/, /pages\..*spec/] },
    {
      name: 'webgpu',
      testMatch: /webgpu\..*spec/,
      // The fake camera too, for the live loop on WebGPU (live.webgpu.spec.ts).
      use: { launchOptions: { executablePath: chromium, args: [...BASE_ARGS, ...WEBGPU_ARGS, ...cameraArgs] } },
    },
    {
      name: 'webcam',
      testMatch: /webcam[.-].*spec/,
      use: {
        launchOptions: {
          executablePath: chromium,
          args: [...BASE_ARGS, ...cameraArgs, '--enable-precise-memory-info'],
        },
      },
    },
    { name: 'pages', testMatch: /pages\..*spec/ },
  ],
  webServer: {
    // The test build; scripts/test-all.sh builds it first (npm run build:test).
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1 --outDir ${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
