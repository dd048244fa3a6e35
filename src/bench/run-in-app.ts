import { candidateFloor } from '../detect/detections.ts';
import type { GpuLevers } from '../gpu/levers.ts';
import type { ActiveBundle } from '../store/app-store.ts';
import { probeWebGpu } from '../worker/webgpu-probe.ts';
import { ortBaseUrl } from '../util/app-url.ts';
import { planBackends, type BackendPlanResult } from './plan.ts';
import { browserResults } from './report.ts';
import { runBenchmark } from './runner.ts';
import type { BenchResults } from './schema.ts';

export interface AppBenchRequest {
  bundle: ActiveBundle;
  image: { blob: Blob; name: string };
  n: number;
  warmup: number;
  threads: number;
  /** Run WebGPU even on a software adapter (the page's ?backend=webgpu). */
  forceWebgpu: boolean;
  /** WebGPU lever sets to compare, one run each. */
  leverSets: readonly GpuLevers[];
  signal: AbortSignal;
  onProgress(text: string): void;
  /** Called once the backends to run are known, before any run. */
  onPlan(plan: BackendPlanResult): void;
}

/**
 * The Benchmark panel's run: decides the backends this browser offers (a
 * software WebGPU adapter only when ?backend=webgpu forces it), then runs the
 * current bundle on each, in fresh workers, and shapes the results file.
 */
export async function benchCurrentBundle(req: AppBenchRequest): Promise<{ results: BenchResults; errors: string[] }> {
  const { bundle } = req;
  req.onProgress('Probing backends…');
  const gpu = await probeWebGpu();
  const plan = planBackends({
    webgpu: !gpu.available ? 'none' : gpu.software ? 'software' : 'hardware',
    forceWebgpu: req.forceWebgpu,
    threads: req.threads,
    isolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    leverSets: req.leverSets,
  });
  req.onPlan(plan);
  const { runs, errors } = await runBenchmark({
    ortBase: ortBaseUrl(),
    // A custom bundle is named by its config so a results file says which model it was.
    model: {
      id: bundle.id === 'custom' ? `custom:${bundle.config.name}` : bundle.id,
      config: bundle.config,
      source: bundle.modelSource,
    },
    image: req.image,
    n: req.n,
    warmup: req.warmup,
    plans: plan.plans,
    minScore: candidateFloor(bundle.config),
    onProgress: req.onProgress,
    signal: req.signal,
  });
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  return { results: browserResults(runs, { userAgent: navigator.userAgent, cores, date: new Date() }), errors };
}
