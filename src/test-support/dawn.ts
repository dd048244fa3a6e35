/**
 * A WebGPU device for unit tests: Dawn in Node (npm `webgpu`), which on a
 * machine without a GPU runs on Chromium's SwiftShader. vitest.config.ts
 * points LD_LIBRARY_PATH and VK_ICD_FILENAMES at Chromium's files before the
 * test processes start. Where Dawn finds no adapter, tests skip with `reason`.
 */
export type TestGpu =
  | { device: GPUDevice; adapter: string; reason?: undefined }
  | { device?: undefined; reason: string };

let cached: Promise<TestGpu> | null = null;
/** Held for the life of the process: if Dawn's instance is garbage-collected, its threads go and the process aborts. */
const keepAlive: unknown[] = [];

export function testGpu(): Promise<TestGpu> {
  cached ??= open();
  return cached;
}

async function open(): Promise<TestGpu> {
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await import('webgpu');
  } catch (e) {
    return { reason: `skipped: Dawn (npm webgpu) did not load: ${String(e)}` };
  }
  Object.assign(globalThis, webgpu.globals);
  const where = process.env.VK_ICD_FILENAMES
    ? `Vulkan driver ${process.env.VK_ICD_FILENAMES}`
    : 'no VK_ICD_FILENAMES (no Chromium SwiftShader found)';
  try {
    const gpu = webgpu.create([]);
    keepAlive.push(gpu);
    const adapter = await gpu.requestAdapter();
    keepAlive.push(adapter);
    if (!adapter) return { reason: `skipped: Dawn found no WebGPU adapter (${where})` };
    const device = await adapter.requestDevice();
    const info = adapter.info;
    return { device, adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') };
  } catch (e) {
    return { reason: `skipped: Dawn found no WebGPU adapter (${where}): ${String(e)}` };
  }
}
