/**
 * Chromium through puppeteer-core (CDP), for the opt-in cross-check
 * (`--browser=chromium`): the Playwright e2e suites cover Chromium in `npm test`;
 * this runs the same checks as Firefox and WebKit get, for the support table.
 */
import puppeteer from 'puppeteer-core';
import { BASE_ARGS, findChromium } from '../scripts/browser.ts';
import type { BrowserDriver } from './driver.ts';
import { launchWithProfile } from './puppeteer-driver.ts';

export function findChromiumHere(): { path: string } | { missing: string } {
  const path = findChromium();
  return path ? { path } : { missing: 'no Chromium (set CHROMIUM_PATH)' };
}

export async function launchChromium(executablePath: string): Promise<BrowserDriver> {
  const launch = (userDataDir: string) =>
    puppeteer.launch({
      executablePath,
      userDataDir,
      headless: true,
      timeout: 30_000,
      protocolTimeout: 120_000,
      args: [...BASE_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
  return launchWithProfile('chromium', launch, true);
}
