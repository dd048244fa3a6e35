/**
 * WebGPU in Node through Dawn (npm `webgpu`), set up the way onnxruntime-web
 * expects a browser: `navigator.gpu`, the GPU* globals, and one shim: Dawn
 * refuses `queue.writeBuffer` on views of WebAssembly memory, so it gets a copy.
 */
import { create, globals } from 'webgpu';

/** Dawn's instance must outlive every device: if it is garbage-collected, the process aborts. */
let instance: GPU | null = null;

export async function setUpDawn(): Promise<{ adapter: string }> {
  Object.assign(globalThis, globals);
  instance ??= create([]);
  const g = globalThis as { navigator?: object };
  g.navigator ??= {};
  const nav = g.navigator as { gpu?: GPU };
  Object.defineProperty(nav, 'gpu', { value: instance, configurable: true });
  const queue = (globals as unknown as { GPUQueue: { prototype: GPUQueue } }).GPUQueue.prototype;
  const writeBuffer = queue.writeBuffer as (...a: unknown[]) => undefined;
  if (!(writeBuffer as { shimmed?: boolean }).shimmed) {
    const shim = function (
      this: GPUQueue,
      buffer: GPUBuffer,
      offset: number,
      data: ArrayBufferView | ArrayBuffer,
      dataOffset = 0,
      size?: number,
    ) {
      const view = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
      const bpe = (view as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
      const start = view.byteOffset + dataOffset * bpe;
      const len = size === undefined ? view.byteLength - dataOffset * bpe : size * bpe;
      const copy = new Uint8Array(len);
      copy.set(new Uint8Array(view.buffer, start, len));
      return writeBuffer.call(this, buffer, offset, copy, 0, len);
    };
    (shim as { shimmed?: boolean }).shimmed = true;
    queue.writeBuffer = shim as GPUQueue['writeBuffer'];
  }
  const adapter = await instance.requestAdapter();
  if (!adapter)
    throw new Error(
      `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}, LD_LIBRARY_PATH=${process.env.LD_LIBRARY_PATH ?? 'unset'})`,
    );
  const i = adapter.info;
  return {
    adapter: [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ') || 'unknown adapter',
  };
}
