/** What WebGPU this worker can get, without creating a device. */
export interface WebGpuProbe {
  available: boolean;
  /** A software adapter (SwiftShader, a "fallback adapter") is slower than WASM. */
  software: boolean;
  description: string;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu)
    return { available: false, software: false, description: 'this browser has no WebGPU (navigator.gpu is missing)' };
  type AdapterLike = { info?: AdapterInfoLike; isFallbackAdapter?: boolean };
  let adapter: AdapterLike | null;
  try {
    adapter = (await gpu.requestAdapter()) as AdapterLike | null;
  } catch (e) {
    return { available: false, software: false, description: `WebGPU adapter request failed: ${String(e)}` };
  }
  if (!adapter)
    return { available: false, software: false, description: 'no WebGPU adapter (GPU blocked or unsupported)' };
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  const software =
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader|llvmpipe|software/i.test(text);
  return { available: true, software, description: text || 'unknown adapter' };
}
