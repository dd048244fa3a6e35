/**
 * The app driven through its public contract in any browser of the suite:
 * wait until ready, pick an image, read the downloaded JSON, the thread count
 * shown. The browser-neutral half of e2e/app.ts.
 */
import { readFileSync } from 'node:fs';
import { type BrowserDriver, waitFor } from './driver.ts';
import { CAPTURE_DOWNLOAD, CLICK, PICK_FILE, type PageState, READ_STATE } from './page-scripts.ts';

/** The JSON a detection downloads (docs/json-contract.md), the fields the checks read. */
export interface ResultJson {
  image: string;
  backend: string;
  threads: number;
  model: string;
  timings: { decode: number; preprocess: number; inference: number; postprocess: number };
  detections: { x1: number; y1: number; x2: number; y2: number; score: number; classId: number; label: string }[];
}

export const readState = (d: BrowserDriver) => d.run<PageState>(READ_STATE);

/** Waits until the app is ready (a model loaded); an error state fails at once with what the page says. */
export async function waitReady(d: BrowserDriver, ms = 90_000): Promise<PageState> {
  // A probe may land mid-navigation (the service worker's one reload): that is "not yet", not a failure.
  const s = await waitFor(
    () => readState(d).catch(() => null),
    (s) => s !== null && (s.state === 'ready' || s.state === 'error'),
    ms,
    'app ready',
  );
  if (!s || s.state === 'error') throw new Error(`the app is in its error state: ${s?.status}`);
  return s;
}

export async function open(d: BrowserDriver, url: string): Promise<PageState> {
  await d.goto(url);
  return waitReady(d);
}

const b64 = new Map<string, string>();
function base64Of(path: string): string {
  let v = b64.get(path);
  if (!v) {
    v = readFileSync(path).toString('base64');
    b64.set(path, v);
  }
  return v;
}

export function pickFile(d: BrowserDriver, testId: string, path: string, type: string): Promise<number> {
  return d.run<number>(PICK_FILE, testId, path.split('/').pop()!, type, base64Of(path));
}

/** Picks an image and waits until its result is on screen (as e2e/app.ts detectFile). */
export async function detectFile(d: BrowserDriver, path: string): Promise<PageState> {
  const name = path.split('/').pop()!;
  await pickFile(d, 'image-input', path, 'image/jpeg');
  const s = await waitFor(
    () => readState(d),
    (s) =>
      s.statusIsError || (s.status.includes(`in ${name}`) && !s.status.includes('Detecting') && s.state === 'ready'),
    90_000,
    `result of ${name}`,
  );
  if (s.statusIsError) throw new Error(`detecting ${name}: ${s.status}`);
  return s;
}

export async function downloadJson(d: BrowserDriver): Promise<{ name: string; json: ResultJson }> {
  const { name, text } = await d.run<{ name: string; text: string }>(CAPTURE_DOWNLOAD, 'download-json', 15_000);
  return { name, json: JSON.parse(text) as ResultJson };
}

export const click = (d: BrowserDriver, testId: string) => d.run<boolean>(CLICK, testId);

/** The thread count in "… ready on WASM (N threads)." (null when the status says something else). */
export function threadsInStatus(status: string): number | null {
  const m = /on WASM \((\d+) threads?\)/.exec(status);
  return m ? Number(m[1]) : null;
}

/** The thread count in Settings' "In use: WASM on N threads" (null when absent). */
export function threadsInSettings(text: string): number | null {
  const m = /WASM on (\d+) threads?/.exec(text);
  return m ? Number(m[1]) : null;
}
