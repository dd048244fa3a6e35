/**
 * Issue 11, item 9: a deploy never breaks an open tab. Build A is served and
 * opened in two tabs; then the server's folder is replaced by build B (every
 * hashed name differs; its ort/ folder is withheld, as after a deploy that
 * changed ORT, so the old runtime can only come from the cache). The browser
 * finds B's service worker, which takes over both tabs at once: each says a
 * new version is there and offers a reload. One tab reloads into B. In the
 * other, still on A, the inference worker is restarted (Settings → threads)
 * and the first image starts the parse worker: both are A's files, which the
 * server no longer has (nor, with its HTTP cache cleared, the browser), and
 * bus.jpg still matches the golden detections.
 * Once no tab runs A, A's files leave the cache.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_CACHE, SHELL_CACHE } from '../src/sw/cache-names.ts';
import { HELLO } from '../src/sw/messages.ts';
import { detectFile, downloadJson, waitReady } from './app.ts';
import { buildSite, startStaticServer, type StaticServer } from './offline-server.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const A = path.join(root, 'dist-deploy-a');
const B = path.join(root, 'dist-deploy-b');
const PREFIX = '/yolov5-webgpu/';
// The pages specs run one after another and each closes its server, so this one shares their port.
const PORT = Number(process.env.PAGES_PORT ?? 4180);

test.describe.configure({ timeout: 420_000 });
test.beforeAll(async () => {
  await buildSite(A, PREFIX);
  await buildSite(B, PREFIX, path.join(root, 'e2e/fixtures/deploy-b.vite.config.ts'));
});

const asset = (dir: string, prefix: string) => {
  const name = readdirSync(path.join(dir, 'assets')).find((f) => f.startsWith(prefix) && f.endsWith('.js'));
  if (!name) throw new Error(`no ${prefix}*.js in ${dir}/assets`);
  return `assets/${name}`;
};

const shellKeys = (page: Page) =>
  page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), SHELL_CACHE);
const dataKeys = (page: Page) =>
  page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), DATA_CACHE);
const entryScript = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '');

test('a deploy while tabs are open: the old tab restarts its workers from its own cached build, detects, and is offered a reload', async ({
  browser,
}) => {
  needShared();
  const a = { entry: asset(A, 'index-'), inference: asset(A, 'inference.worker-'), parse: asset(A, 'parse.worker-') };
  const b = { entry: asset(B, 'index-'), inference: asset(B, 'inference.worker-'), parse: asset(B, 'parse.worker-') };
  expect(b.entry).not.toBe(a.entry);
  expect(b.inference).not.toBe(a.inference);
  expect(b.parse).not.toBe(a.parse);
  // B is deployed without any ORT runtime: whatever A's tabs need of ORT must already be cached.
  await rm(path.join(B, 'ort'), { recursive: true, force: true });

  let server: StaticServer = await startStaticServer({ root: A, prefix: PREFIX, port: PORT });
  const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'allow' });
  const errors: string[] = [];
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const url = `${server.url}?model=yolov5n`;
  try {
    const tab1 = await context.newPage();
    await tab1.goto(url);
    await waitReady(tab1);
    expect(await tab1.evaluate(() => crossOriginIsolated)).toBe(true);
    const tab2 = await context.newPage();
    await tab2.goto(url);
    await waitReady(tab2);
    expect(await entryScript(tab2)).toBe(`${server.url}${a.entry}`);
    const base = server.url;

    await test.step('deploy B; the browser finds its service worker, which takes over both tabs', async () => {
      await server.close();
      server = await startStaticServer({ root: B, prefix: PREFIX, port: PORT });
      // Browsers look for a new service worker on navigations; the app also asks every hour. Here: now.
      await tab1.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())!.update();
      });
      for (const tab of [tab1, tab2]) {
        await expect(tab.getByTestId('update-banner')).toContainText('A new version of this app is available');
        await expect(tab.getByTestId('update-reload')).toBeVisible();
      }
      // The browser's HTTP cache would still hold A's files for a while (the server allows 10 minutes);
      // a tab open for hours has no such luck. Only the service worker's caches may answer.
      await (await context.newCDPSession(tab2)).send('Network.clearBrowserCache');
    });

    await test.step('tab 1 takes the reload and runs B', async () => {
      await tab1.getByTestId('update-reload').click();
      await expect.poll(() => entryScript(tab1)).toBe(`${base}${b.entry}`);
      await waitReady(tab1);
      await expect(tab1.getByTestId('update-banner')).toHaveCount(0);
    });

    await test.step("tab 2, still on A: a restarted inference worker and a first parse worker come from A's cached files", async () => {
      await tab2.locator('details.settings > summary').click();
      await tab2.getByTestId('threads-select').selectOption('1');
      await tab2.getByTestId('settings-apply').click();
      await waitReady(tab2);
      await detectFile(tab2, sharedPath('images', 'bus.jpg'));
      const { json } = await downloadJson(tab2);
      expectGolden(json, 'yolov5n-640', 'bus');
      expect(json.threads).toBe(1); // the restarted worker ran it
      const workers = tab2.workers().map((w) => w.url());
      expect(workers).toContain(`${base}${a.inference}`);
      expect(workers).toContain(`${base}${a.parse}`);
      // B's server was never asked for A's files, nor for any ORT file, and answered no request with an error.
      expect(server.log.filter((l) => !/^(200|304) /.test(l))).toEqual([]);
      expect(server.log.filter((l) => l.includes('/ort/') || l.includes(a.inference) || l.includes(a.parse))).toEqual(
        [],
      );
    });

    await test.step("once no tab runs A, A's files leave the cache; B's and the shared ORT runtime stay", async () => {
      expect(await shellKeys(tab1)).toContain(`${base}${a.inference}`);
      await tab2.close();
      // The next time a tab says which build it runs (each page load does), the worker cleans up.
      await expect
        .poll(async () => {
          await tab1.evaluate(
            ([type, entry]) => navigator.serviceWorker.controller?.postMessage({ type, entry }),
            [HELLO, `${base}${b.entry}`],
          );
          return shellKeys(tab1);
        })
        .not.toContain(`${base}${a.inference}`);
      const keys = await shellKeys(tab1);
      expect(keys).not.toContain(`${base}${a.parse}`);
      expect(keys).toContain(`${base}${b.inference}`);
      expect(keys).toContain(`${base}${b.parse}`);
      expect((await dataKeys(tab1)).filter((k) => k.endsWith('.wasm')).length).toBeGreaterThan(0);
    });
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a broken deploy (a file missing) is never activated: the open tab stays on its build and keeps working; the fixed deploy is taken', async ({
  browser,
}) => {
  needShared();
  const missing = asset(B, 'parse.worker-');
  const hidden = path.join(B, `${missing}.withheld`);
  let server: StaticServer = await startStaticServer({ root: A, prefix: PREFIX, port: PORT });
  const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'allow' });
  try {
    const tab = await context.newPage();
    await tab.goto(`${server.url}?model=yolov5n`);
    await waitReady(tab);
    const base = server.url;
    await server.close();
    await rename(path.join(B, missing), hidden);
    server = await startStaticServer({ root: B, prefix: PREFIX, port: PORT });

    const checkForUpdate = () =>
      tab.evaluate(async () => {
        const reg = (await navigator.serviceWorker.getRegistration())!;
        await reg.update();
        const w = reg.installing;
        if (!w) return 'none';
        while (w.state !== 'redundant' && w.state !== 'activated')
          await new Promise((r) => w.addEventListener('statechange', r, { once: true }));
        return w.state;
      });
    // The 404 fails the whole install: the new version never takes over, and the 404 is not cached.
    expect(await checkForUpdate()).toBe('redundant');
    expect(server.log).toContain(`404 ${PREFIX}${missing}`);
    await expect(tab.getByTestId('update-banner')).toHaveCount(0);
    expect(await shellKeys(tab)).not.toContain(`${base}${missing}`);

    // The tab is still on A, and A's workers still start.
    await (await context.newCDPSession(tab)).send('Network.clearBrowserCache');
    await tab.locator('details.settings > summary').click();
    await tab.getByTestId('threads-select').selectOption('1');
    await tab.getByTestId('settings-apply').click();
    await waitReady(tab);
    await detectFile(tab, sharedPath('images', 'bus.jpg'));
    expectGolden((await downloadJson(tab)).json, 'yolov5n-640', 'bus');

    // The deploy fixed: the next check installs it, and the tab is offered the reload.
    await rename(hidden, path.join(B, missing));
    expect(await checkForUpdate()).toBe('activated');
    await expect(tab.getByTestId('update-banner')).toBeVisible();
  } finally {
    await context.close();
    await server.close();
    await rename(hidden, path.join(B, missing)).catch(() => undefined);
  }
});
