/**
 * WebKitGTK through WebKitWebDriver (W3C WebDriver): the MiniBrowser in automation
 * mode, on an Xvfb display of our own (it has no headless mode), with WebKit's mock
 * camera. Everything started here is one process group each, killed on close.
 */
import { existsSync } from 'node:fs';
import type { BrowserDriver } from './driver.ts';
import { executable, freePort, releasePort, start, startXvfb } from './processes.ts';
import { waitForDriver, WebDriverSession } from './webdriver-client.ts';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSERS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

export function findWebKit(): { driver: string; miniBrowser: string } | { missing: string } {
  const driver = process.env['WEBKIT_DRIVER'] ?? WEBKIT_DRIVER;
  if (!executable(driver))
    return { missing: `no WebKitWebDriver at ${driver} (Debian: apt-get install webkit2gtk-driver)` };
  const miniBrowser = process.env['WEBKIT_MINIBROWSER'] ?? MINIBROWSERS.find((p) => existsSync(p));
  if (!miniBrowser || !executable(miniBrowser))
    return { missing: 'no WebKitGTK MiniBrowser (Debian: webkit2gtk-driver)' };
  if (!executable('/usr/bin/Xvfb') && !process.env['DISPLAY'])
    return { missing: 'no Xvfb and no DISPLAY for the MiniBrowser (Debian: apt-get install xvfb)' };
  return { driver, miniBrowser };
}

export async function launchWebKit(found: { driver: string; miniBrowser: string }): Promise<BrowserDriver> {
  const procs: { kill(): Promise<void> }[] = [];
  const port = await freePort();
  const closeAll = async () => {
    for (const p of procs.reverse()) await p.kill();
    releasePort(port);
  };
  try {
    let display = process.env['DISPLAY'] ?? '';
    if (executable('/usr/bin/Xvfb')) {
      const x = await startXvfb();
      procs.push(x.proc);
      display = x.display;
    }
    const driverProc = start(found.driver, [`--port=${port}`], { ...process.env, DISPLAY: display });
    procs.push(driverProc);
    const base = `http://127.0.0.1:${port}`;
    await waitForDriver(base, 10_000).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : e}; driver said: ${driverProc.output().trim()}`);
    });
    const session = await WebDriverSession.create(
      base,
      {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: found.miniBrowser,
          // The camera check gets WebKit's own fake device, as Firefox's fake media.
          args: ['--automation', '--enable-media-stream=true', '--enable-mock-capture-devices=true'],
        },
        timeouts: { script: 120_000, pageLoad: 60_000, implicit: 0 },
      },
      30_000,
    );
    const version = `MiniBrowser (WebKitGTK ${String(session.capabilities['browserVersion'] ?? '?')})`;
    return {
      name: 'webkit',
      version,
      goto: (url) => session.navigate(url),
      reload: () => session.refresh(),
      run: <T>(fn: string, ...args: unknown[]) => session.run<T>(fn, args, 120_000),
      async close() {
        await session.delete().catch(() => undefined);
        await closeAll();
      },
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
