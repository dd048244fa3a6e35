/**
 * Runs every check in Firefox, then in WebKitGTK (one after the other: on two
 * cores, two model loads at once would only slow both), one browser session
 * and one set of sites each, and always closes both. A browser that is absent
 * has its checks skipped with the reason; one that fails to start fails them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, type CheckContext, HAVE_SHARED } from './checks.ts';
import { type BrowserDriver, withTimeout } from './driver.ts';
import { findChromiumHere, launchChromium } from './chromium.ts';
import { findFirefox, launchFirefox } from './firefox.ts';
import { type Site, type SiteKind, startSite } from './sites.ts';
import { findWebKit, launchWebKit } from './webkit.ts';

export type Outcome = 'passed' | 'failed' | 'skipped';
export interface CheckResult {
  name: string;
  outcome: Outcome;
  detail: string;
  ms: number;
}

/** One check's hard limit: past it the check fails and the next one runs on whatever state is left. */
const CHECK_LIMIT_MS = 100_000;

interface BrowserPlan {
  name: 'firefox' | 'webkit' | 'chromium';
  /** Run only when asked for by name (--browser=…). */
  optIn?: boolean;
  media: CheckContext['media'];
  /** The reason it cannot run here, or how to start it. */
  find(): { missing: string } | { launch(): Promise<BrowserDriver> };
}

const BROWSERS: readonly BrowserPlan[] = [
  {
    name: 'firefox',
    // Firefox has fake media devices and plays VP9: both must run.
    media: 'runs',
    find() {
      const f = findFirefox();
      return 'missing' in f ? f : { launch: () => launchFirefox(f.path) };
    },
  },
  {
    name: 'webkit',
    media: 'runs or says why not',
    find() {
      const w = findWebKit();
      return 'missing' in w ? w : { launch: () => launchWebKit(w) };
    },
  },
  {
    name: 'chromium',
    optIn: true,
    media: 'runs',
    find() {
      const c = findChromiumHere();
      return 'missing' in c ? c : { launch: () => launchChromium(c.path) };
    },
  },
];

export interface SuiteOptions {
  distDir: string;
  /** Only these browsers (default both). */
  only?: readonly string[];
  onResult(r: CheckResult): void;
  onInfo(line: string): void;
}

export async function runSuite(opts: SuiteOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const report = (r: CheckResult) => {
    results.push(r);
    opts.onResult(r);
  };
  const browsers = BROWSERS.filter((b) => (opts.only?.length ? opts.only.includes(b.name) : !b.optIn));
  if (!existsSync(join(opts.distDir, 'index.html'))) {
    report({
      name: 'build present',
      outcome: 'failed',
      detail: `no ${join(opts.distDir, 'index.html')}: run \`npm run build\` (or set DIST_DIR)`,
      ms: 0,
    });
    return results;
  }
  for (const b of browsers) await runBrowser(b, opts, report);
  return results;
}

async function runBrowser(b: BrowserPlan, opts: SuiteOptions, report: (r: CheckResult) => void): Promise<void> {
  const named = (n: string) => `${b.name}: ${n}`;
  const found = b.find();
  if ('missing' in found) {
    for (const c of CHECKS)
      report({ name: named(c.name), outcome: 'skipped', detail: `skipped: ${found.missing}`, ms: 0 });
    return;
  }
  const sites: Partial<Record<SiteKind, Site>> = {};
  let driver: BrowserDriver | null = null;
  const t0 = Date.now();
  try {
    try {
      for (const kind of ['plain', 'headers', 'pages'] as const) sites[kind] = await startSite(kind, opts.distDir);
    } catch (e) {
      const why = `the test servers did not start: ${e instanceof Error ? e.message : e}`;
      for (const c of CHECKS) report({ name: named(c.name), outcome: 'failed', detail: why, ms: 0 });
      return;
    }
    try {
      driver = await withTimeout(found.launch(), 60_000, `starting ${b.name}`);
    } catch (e) {
      const why = `${b.name} did not start: ${e instanceof Error ? e.message : e}`;
      for (const c of CHECKS) report({ name: named(c.name), outcome: 'failed', detail: why, ms: 0 });
      return;
    }
    opts.onInfo(`${b.name}: ${driver.version}, started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const ctx: CheckContext = { driver, sites: sites as Record<SiteKind, Site>, media: b.media };
    for (const c of CHECKS) {
      if (c.shared && !HAVE_SHARED) {
        report({ name: named(c.name), outcome: 'skipped', detail: 'skipped: ../shared not found', ms: 0 });
        continue;
      }
      const start = Date.now();
      try {
        const detail = await withTimeout(c.run(ctx), CHECK_LIMIT_MS, c.name);
        report({ name: named(c.name), outcome: 'passed', detail, ms: Date.now() - start });
      } catch (e) {
        report({
          name: named(c.name),
          outcome: 'failed',
          detail: e instanceof Error ? e.message : String(e),
          ms: Date.now() - start,
        });
      }
    }
  } finally {
    if (driver) await driver.close();
    for (const s of Object.values(sites)) await s?.close();
    opts.onInfo(`${b.name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

export function tally(results: readonly CheckResult[]): { passed: number; failed: number; skipped: number } {
  const n = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return { passed: n('passed'), failed: n('failed'), skipped: n('skipped') };
}
