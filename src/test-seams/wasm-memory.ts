/**
 * ORT does not expose its WebAssembly.Memory, so the worker notes every memory
 * Emscripten creates (threaded builds construct it in JS) or exports, and
 * reports the largest one's size for the memory-growth checks.
 */
const memories = new Set<WebAssembly.Memory>();

export function watchWasmMemory(): void {
  const Original = WebAssembly.Memory;
  const Patched = function (this: unknown, desc: WebAssembly.MemoryDescriptor) {
    const m = new Original(desc);
    memories.add(m);
    return m;
  } as unknown as typeof WebAssembly.Memory;
  Patched.prototype = Original.prototype;
  WebAssembly.Memory = Patched;

  const remember = (exports: WebAssembly.Exports) => {
    for (const v of Object.values(exports)) if (v instanceof Original) memories.add(v);
  };
  const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (...a: unknown[]) => Promise<unknown>;
  WebAssembly.instantiate = (async (...args: unknown[]) => {
    const r = await instantiate(...args);
    const inst = (r as { instance?: WebAssembly.Instance }).instance ?? (r as WebAssembly.Instance);
    if (inst?.exports) remember(inst.exports);
    return r;
  }) as typeof WebAssembly.instantiate;
  if (WebAssembly.instantiateStreaming) {
    const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
    WebAssembly.instantiateStreaming = async (...args: Parameters<typeof WebAssembly.instantiateStreaming>) => {
      const r = await streaming(...args);
      remember(r.instance.exports);
      return r;
    };
  }
}

export function wasmMemoryBytes(): number | null {
  let max: number | null = null;
  for (const m of memories) max = Math.max(max ?? 0, m.buffer.byteLength);
  return max;
}
