import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { chromiumLibDir, findChromium } from './scripts/browser.ts';

// The GPU unit tests run Dawn (npm `webgpu`) on Chromium's SwiftShader Vulkan driver where
// there is no GPU. The loader path must be in the environment before the test processes
// start (they are forked from this one), so it is set here. npm test exports CHROMIUM_LIB_DIR.
const browser = findChromium();
const libDir = process.env.CHROMIUM_LIB_DIR || (browser ? chromiumLibDir(browser) : undefined);
if (libDir) {
  process.env.LD_LIBRARY_PATH = [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
  process.env.VK_ICD_FILENAMES ??= path.join(libDir, 'vk_swiftshader_icd.json');
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
