import type { BenchResults, BenchRun } from './schema.ts';

/** "HeadlessChrome/140.0.7339.0" and "Chrome/140…" both give the version; '' when not Chromium. */
export function chromiumVersion(userAgent: string): string {
  return /(?:Headless)?Chrom(?:e|ium)\/([\d.]+)/.exec(userAgent)?.[1] ?? '';
}

/**
 * The panel's download: the CLI's results format with what a page can know.
 * A browser cannot see the CPU model or Node, and has no native baseline.
 */
export function browserResults(
  runs: readonly BenchRun[],
  env: { userAgent: string; cores: number; date: Date },
): BenchResults {
  return {
    date: env.date.toISOString(),
    machine: {
      cpus: Math.max(1, Math.floor(env.cores) || 1),
      cpuModel: 'unknown (browser)',
      chromium: chromiumVersion(env.userAgent),
      node: '',
      userAgent: env.userAgent,
    },
    runs: [...runs],
    native: [],
  };
}
