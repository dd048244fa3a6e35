/**
 * Finds a Chromium for the end-to-end tests and the benchmark, or installs
 * one the way the platform allows, so `npm install && npm test` is all a new
 * machine needs.
 *
 *   tsx scripts/browser.ts ensure   prints the path (installing if needed), or exits 1 with what to run
 *
 * Order: $CHROMIUM_PATH, Playwright's own browser, a system Chromium or Chrome;
 * then, if none: `apt-get install -y chromium` on Debian/Ubuntu as root, else
 * `playwright install chromium` (60 s limit).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Without these, Chromium keeps dialling Google hosts that this sandbox refuses. */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** WebGPU on SwiftShader: exact and slow, the only adapter a GPU-less machine has. */
export const WEBGPU_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader',
];

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function executable(p: string | undefined): p is string {
  if (!p) return false;
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The first usable browser, without installing anything; undefined when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) return executable(fromEnv) ? fromEnv : undefined;
  return [playwrightChromium(), ...SYSTEM_CANDIDATES].find(executable);
}

/**
 * The folder holding the browser's own libraries (its SwiftShader Vulkan
 * driver, `vk_swiftshader_icd.json`), beside whichever Chromium was found.
 * Debian's /usr/bin/chromium is a script that runs /usr/lib/chromium/chromium.
 */
export function chromiumLibDir(exe: string): string | undefined {
  const real = realpathSync(exe);
  const dirs = [dirname(real), join('/usr/lib', basename(real))];
  try {
    const text = readFileSync(exe, 'utf8').slice(0, 20_000);
    for (const m of text.matchAll(/(\/[\w./-]+)\/(chromium|chrome)\b/g)) dirs.push(m[1]!);
  } catch {
    /* a binary, not a script */
  }
  return dirs.find((d) => existsSync(join(d, 'vk_swiftshader_icd.json')));
}

function isDebianRoot(): boolean {
  return existsSync('/etc/debian_version') && typeof process.getuid === 'function' && process.getuid() === 0;
}

function install(log: (line: string) => void): void {
  if (isDebianRoot()) {
    log('no Chromium found; installing Debian/Ubuntu package chromium (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    return;
  }
  log('no Chromium found; trying `playwright install chromium` (60 s limit)…');
  spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
}

/** Finds a browser, installing one if there is none; returns its path or a one-line instruction. */
export function ensureChromium(log: (line: string) => void = console.error): { path: string } | { error: string } {
  if (process.env['CHROMIUM_PATH'] && !executable(process.env['CHROMIUM_PATH'])) {
    return { error: `CHROMIUM_PATH=${process.env['CHROMIUM_PATH']} is not an executable file; fix or unset it.` };
  }
  const found = findChromium();
  if (found) return { path: found };
  install(log);
  const after = findChromium();
  if (after) return { path: after };
  return {
    error: isDebianRoot()
      ? 'No Chromium, and `apt-get install -y chromium` did not provide one: install Chromium or Chrome, or set CHROMIUM_PATH=/path/to/chrome, then run npm test again.'
      : 'No Chromium: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH=/path/to/chrome, then run npm test again.',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = ensureChromium();
  if ('error' in r) {
    console.error(r.error);
    process.exit(1);
  }
  const lib = chromiumLibDir(r.path);
  // Two lines for test-all.sh: the browser and the folder with its SwiftShader driver.
  console.log(r.path);
  console.log(lib ?? '');
}
