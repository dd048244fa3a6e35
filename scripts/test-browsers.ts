/**
 * `npm run test:browsers`: the deployed build in Firefox ESR and WebKitGTK
 * (e2e-browsers/, docs/browsers.md). One line per check, then the totals,
 * also written to test-reports/browsers.json for `npm test`'s summary.
 *
 *   tsx scripts/test-browsers.ts [--install] [--browser=firefox|webkit] [--dist=DIR]
 *
 * --install: as root on Debian, `apt-get install firefox-esr webkit2gtk-driver xvfb`
 * for whatever is missing (npm test passes it). The build folder is --dist, else
 * $DIST_DIR, else dist/. A hard limit ends the whole run; every browser, driver,
 * display and server it started is killed at the end, on failure and on Ctrl-C too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFirefox } from '../e2e-browsers/firefox.ts';
import { killAll, killAllNow } from '../e2e-browsers/processes.ts';
import { type CheckResult, runSuite, tally } from '../e2e-browsers/suite.ts';
import { findWebKit } from '../e2e-browsers/webkit.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = resolve(root, 'test-reports/browsers.json');
/** The whole suite's limit: it takes about 2 minutes here; past this something hangs. */
const SUITE_LIMIT_MS = 6 * 60_000;

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const distDir = resolve(root, arg('dist') ?? process.env['DIST_DIR'] ?? 'dist');
const only = arg('browser')?.split(',');

function isDebianRoot(): boolean {
  return existsSync('/etc/debian_version') && typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs the Debian packages of the browsers that are missing (root on Debian only; else they are skipped). */
function installMissing(): void {
  const want: string[] = [];
  if ('missing' in findFirefox()) want.push('firefox-esr');
  if ('missing' in findWebKit()) want.push('webkit2gtk-driver', 'xvfb');
  if (!want.length) return;
  if (!isDebianRoot()) {
    console.log(`browsers: missing ${want.join(', ')}; not root on Debian, so not installing (those checks skip)`);
    return;
  }
  console.log(`browsers: installing ${want.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { stdio: ['ignore', 'ignore', 'inherit'] as ('ignore' | 'inherit')[], env, timeout: 300_000 };
  spawnSync('apt-get', ['update', '-qq'], opts);
  spawnSync('apt-get', ['install', '-y', '-qq', ...want], opts);
}

function line(r: CheckResult): string {
  const mark = r.outcome === 'passed' ? '✓' : r.outcome === 'failed' ? '✘' : '-';
  const secs = r.ms ? ` (${(r.ms / 1000).toFixed(1)} s)` : '';
  return `  ${mark} ${r.name}${secs}${r.detail ? `\n      ${r.detail}` : ''}`;
}

function writeReport(results: readonly CheckResult[]): ReturnType<typeof tally> {
  const totals = tally(results);
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, `${JSON.stringify({ ...totals, checks: results }, null, 2)}\n`);
  return totals;
}

async function main(): Promise<number> {
  if (args.includes('--install')) installMissing();
  console.log(`browsers: the build in ${distDir}`);
  const results: CheckResult[] = [];
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), SUITE_LIMIT_MS);
  });
  const outcome = await Promise.race([
    runSuite({
      distDir,
      ...(only ? { only } : {}),
      onResult: (r) => {
        results.push(r);
        console.log(line(r));
      },
      onInfo: (l) => console.log(`browsers: ${l}`),
    }).then(
      () => 'done' as const,
      (e: unknown) => {
        results.push({ name: 'suite', outcome: 'failed', detail: String(e), ms: 0 });
        console.log(line(results.at(-1)!));
        return 'done' as const;
      },
    ),
    limit,
  ]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    const r: CheckResult = {
      name: 'suite time limit',
      outcome: 'failed',
      detail: `not finished within ${SUITE_LIMIT_MS / 60_000} min; the checks not reported did not run`,
      ms: SUITE_LIMIT_MS,
    };
    results.push(r);
    console.log(line(r));
  }
  await killAll();
  const t = writeReport(results);
  console.log(
    `browsers: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''} in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return t.failed ? 1 : 0;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    killAllNow();
    process.exit(130);
  });
process.on('exit', killAllNow);

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    killAllNow();
    process.exit(1);
  },
);
