/**
 * Issue 6 (security): the production build's CSP holds while detecting on
 * WASM and on WebGPU (no violations, no console errors), there is no inline
 * script, and the page, its workers and its service worker only talk to the
 * app's own origin. The build uses the default relative base, served under a
 * deeper sub-path than Pages uses, to show it works under any path.
 */
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFile, downloadJson, waitReady } from './app.ts';
import { buildSite, startStaticServer, type StaticServer } from './offline-server.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';
import { BASE_ARGS, findChromium, WEBGPU_ARGS } from '../scripts/browser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'dist-csp');
const PREFIX = '/some/deeper/yolov5-webgpu/';
const PORT = Number(process.env.CSP_PORT ?? 4181);
const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

test.describe.configure({ mode: 'serial', timeout: 300_000 });
let server: StaticServer;
test.beforeAll(async () => {
  await buildSite(OUT, null);
  server = await startStaticServer({ root: OUT, prefix: PREFIX, port: PORT });
});
test.afterAll(async () => {
  await server?.close();
});

interface Watch {
  violations: string[];
  errors: string[];
  requests: string[];
}

/** Listens on the page, every worker and the service worker (context events cover all three). */
async function watch(context: BrowserContext): Promise<Watch> {
  const w: Watch = { violations: [], errors: [], requests: [] };
  await context.exposeBinding('__cspViolation', (_src, text: string) => void w.violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  context.on('request', (r) => w.requests.push(r.url()));
  context.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  const onWorkerConsole = (page: Page) =>
    page.on('worker', (worker) =>
      worker.on('console', (m) => {
        if (m.type() === 'error') w.errors.push(`worker: ${m.text()}`);
      }),
    );
  context.on('page', onWorkerConsole);
  return w;
}

function assertClean(w: Watch): void {
  expect(w.violations).toEqual([]);
  expect(w.errors).toEqual([]);
  const own = new URL(server.url).origin;
  // blob:/data: URLs are in-memory (downloads, the data: favicon), not requests to anyone.
  expect(w.requests.filter((u) => !u.startsWith(`${own}/`) && !/^(blob|data):/.test(u))).toEqual([]);
  expect(w.requests.length).toBeGreaterThan(5);
}

test('the built index.html has a CSP meta tag, no inline script and no unsafe-eval', async () => {
  const html = await readFile(path.join(OUT, 'index.html'), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  expect(csp).toBeDefined();
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
    expect(tag, 'every script is an external file').toMatch(/\ssrc="[^"]+"[^>]*><\/script>$/);
  }
  // Relative base: no absolute asset URL, so any sub-path works.
  expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
});

test('WASM: detecting on the production build logs no CSP violation and stays on its own origin', async ({
  browser,
}) => {
  needShared();
  const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'allow' });
  const w = await watch(context);
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}?backend=wasm&model=yolov5n`);
    await waitReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await detectFile(page, sharedPath('images', 'bus.jpg'));
    const { json } = await downloadJson(page);
    expect(json.backend).toBe('wasm');
    expectGolden(json, 'yolov5n-640', 'bus');
    // The service worker's own fetches (precache, revalidation) were seen too.
    expect(w.requests.filter((u) => u.endsWith('.wasm')).length).toBeGreaterThan(0);
    assertClean(w);
  } finally {
    await context.close();
  }
});

// The one 640 run on WebGPU (SwiftShader: slow), so it also checks golden parity with the default levers.
test('WebGPU: bus.jpg on the 640 model at golden parity on the production build, no CSP violation', async () => {
  needShared();
  let gpuBrowser: Browser | null = null;
  try {
    gpuBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...WEBGPU_ARGS] });
    const context = await gpuBrowser.newContext({ acceptDownloads: true, serviceWorkers: 'allow' });
    const w = await watch(context);
    const page = await context.newPage();
    await page.goto(`${server.url}?backend=webgpu&model=yolov5n`);
    await waitReady(page);
    await expect(page.getByTestId('backend')).toHaveText('webgpu');
    // No lever fell back.
    await expect(page.getByTestId('backend-note')).toHaveText('');
    await detectFile(page, sharedPath('images', 'bus.jpg'));
    const { json } = await downloadJson(page);
    expect(json.backend).toBe('webgpu');
    expect((json as { gpu?: unknown }).gpu).toEqual({ preprocess: true, output: true, graphCapture: true });
    expectGolden(json, 'yolov5n-640', 'bus');
    assertClean(w);
  } finally {
    await gpuBrowser?.close();
  }
});
