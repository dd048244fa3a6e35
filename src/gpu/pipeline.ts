/** Builds a compute pipeline; rejects, naming the pass, if its shader does not compile on this device. */
export async function buildPipeline(device: GPUDevice, code: string, label: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code, label });
  try {
    return await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' }, label });
  } catch (e) {
    throw new Error(`the ${label} shader did not build: ${e instanceof Error ? e.message : String(e)}`);
  }
}
