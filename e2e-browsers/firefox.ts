/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi, headless, with
 * Firefox's fake camera (no permission prompt).
 */
import puppeteer from 'puppeteer-core';
import type { BrowserDriver } from './driver.ts';
import { executable } from './processes.ts';
import { launchWithProfile } from './puppeteer-driver.ts';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];

export function findFirefox(): { path: string } | { missing: string } {
  const env = process.env['FIREFOX_PATH'];
  if (env) return executable(env) ? { path: env } : { missing: `FIREFOX_PATH=${env} is not an executable file` };
  const path = CANDIDATES.find(executable);
  return path ? { path } : { missing: 'no Firefox (Debian: apt-get install firefox-esr)' };
}

export async function launchFirefox(executablePath: string): Promise<BrowserDriver> {
  const launch = (userDataDir: string) =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath,
      userDataDir,
      headless: true,
      timeout: 30_000,
      protocolTimeout: 120_000,
      extraPrefsFirefox: {
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        // No update checks, telemetry or first-run pages dialling out of a machine without internet.
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
      },
    });
  return launchWithProfile('firefox', launch);
}
