import { appUrl } from '../app/controller';
import { candidateFloor } from '../detect/detections';
import type { ActiveBundle } from '../store/app-store';
import type { SessionOverrides } from '../worker/protocol';
import { probeWebGpu } from '../worker/webgpu-probe';
import { readUrlParams } from '../app/url-params';
import { planBackends, type BackendPlanResult } from './plan';
import { browserResults } from './report';
import { runBenchmark } from './runner';
import type { BenchResults } from './schema';

const OPT_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;

/** ?bench-opt=basic etc.: a lever for measuring ORT's graph optimisation level; never used by detection. */
function overridesFromUrl(search: string): SessionOverrides | undefined {
  const level = new URLSearchParams(search).get('bench-opt');
  return (OPT_LEVELS as readonly string[]).includes(level ?? '')
    ? { graphOptimizationLevel: level as SessionOverrides['graphOptimizationLevel'] }
    : undefined;
}

export interface AppBenchRequest {
  bundle: ActiveBundle;
  image: { blob: Blob; name: string };
  n: number;
  warmup: number;
  threads: number;
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
    forceWebgpu: readUrlParams(location.search).backend === 'webgpu',
    threads: req.threads,
    isolated: self.crossOriginIsolated === true,
  });
  req.onPlan(plan);
  const overrides = overridesFromUrl(location.search);
  const { runs, errors } = await runBenchmark({
    ortBase: appUrl('ort/'),
    model: { id: bundle.id, config: bundle.config, url: appUrl(`models/${bundle.id}/${bundle.config.modelFile}`) },
    image: req.image,
    n: req.n,
    warmup: req.warmup,
    plans: plan.plans,
    minScore: candidateFloor(bundle.config),
    ...(overrides ? { sessionOverrides: overrides } : {}),
    onProgress: req.onProgress,
    signal: req.signal,
  });
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  return { results: browserResults(runs, { userAgent: navigator.userAgent, cores, date: new Date() }), errors };
}
