/**
 * A BrowserDriver over a browser puppeteer-core launched (Firefox over WebDriver
 * BiDi; Chromium over CDP for the opt-in cross-check). Its process group is
 * killed on close whatever state the browser is in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { type BrowserDriver, withTimeout } from './driver.ts';
import { adopt } from './processes.ts';

/**
 * `reloadInPage`: reload as the page's own `location.reload()` does. Offline,
 * Chromium under puppeteer's `page.reload()` (CDP Page.reload) showed the page
 * without its service worker answering (not isolated) and the app never started;
 * `location.reload()`, like a user's reload, starts from the service worker.
 */
export async function puppeteerDriver(name: string, browser: Browser, reloadInPage = false): Promise<BrowserDriver> {
  const killGroup = adopt(browser.process()?.pid);
  const end = async () => {
    await withTimeout(browser.close(), 10_000, `closing ${name}`).catch(() => undefined);
    killGroup();
  };
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const version = await browser.version();
    // BROWSERS_DEBUG=1: the page's warnings and errors on stderr, to see what a failing check cannot.
    if (process.env['BROWSERS_DEBUG'])
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') console.error(`${name} console ${m.type()}: ${m.text()}`);
      });
    return {
      name,
      version,
      goto: async (url) => {
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      },
      reload: async () => {
        if (!reloadInPage) await page.reload({ waitUntil: 'load', timeout: 60_000 });
        else
          await Promise.all([
            page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 }),
            page.evaluate('setTimeout(() => location.reload(), 0)'),
          ]);
      },
      run: <T>(fn: string, ...args: unknown[]) =>
        withTimeout(page.evaluate(`(${fn}).apply(null, ${JSON.stringify(args)})`) as Promise<T>, 120_000, 'script'),
      close: end,
    };
  } catch (e) {
    await end();
    throw e;
  }
}

/**
 * Launches with a profile folder of our own, removed on close and when the
 * launch fails (puppeteer leaves its temporary profile behind then).
 */
export async function launchWithProfile(
  name: string,
  launch: (userDataDir: string) => Promise<Browser>,
  reloadInPage = false,
): Promise<BrowserDriver> {
  const dir = mkdtempSync(join(tmpdir(), `browsers-${name}-`));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const d = await puppeteerDriver(name, await launch(dir), reloadInPage);
    return {
      ...d,
      async close() {
        await d.close();
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}
