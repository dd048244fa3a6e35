/** Builds a compute pipeline; rejects, naming the pass and the compiler's first error, if its shader does not compile on this device. */
export async function buildPipeline(device: GPUDevice, code: string, label: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code, label });
  try {
    return await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' }, label });
  } catch (e) {
    const info = await module.getCompilationInfo().catch(() => null);
    const first = info?.messages.find((m) => m.type === 'error');
    const why = first
      ? `${first.lineNum}:${first.linePos} ${first.message}`
      : e instanceof Error
        ? e.message
        : String(e);
    throw new Error(`the ${label} shader did not build: ${why}`);
  }
}
