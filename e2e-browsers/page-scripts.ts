/**
 * What the checks run in the page, as JavaScript source (see driver.ts for why not
 * functions). Each reads or drives the app through its public contract: the
 * `data-testid` hooks and the JSON it hands the browser as a download
 * (docs/json-contract.md).
 */

/** What the page shows, and what the browser offers that decides the thread count. */
export interface PageState {
  state: string | null;
  status: string;
  statusIsError: boolean;
  backend: string;
  backendNote: string;
  /** Settings → "In use: WASM on N threads". */
  threadsInUse: string;
  isolated: boolean;
  sharedArrayBuffer: boolean;
  cores: number;
  /** navigator.gpu exists (WebGPU exposed). */
  gpu: boolean;
  controlled: boolean;
  webcamMode: string;
  liveFrames: number;
}

export const READ_STATE = `() => {
  const q = (id) => document.querySelector('[data-testid="' + id + '"]');
  const text = (id) => (q(id) ? q(id).textContent : '');
  const panel = q('webcam-panel');
  return {
    state: q('app') ? q('app').getAttribute('data-state') : null,
    status: text('status'),
    statusIsError: !!(q('status') && q('status').classList.contains('error')),
    backend: text('backend'),
    backendNote: text('backend-note'),
    threadsInUse: text('threads-in-use'),
    isolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    cores: navigator.hardwareConcurrency || 1,
    gpu: 'gpu' in navigator,
    controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
    webcamMode: panel ? panel.getAttribute('data-mode') : '',
    liveFrames: panel ? Number(panel.getAttribute('data-processed')) : 0,
  };
}`;

/**
 * Gives a file to a file input as a user's pick does (the input's FileList, then
 * its change event). Bytes arrive as base64.
 */
export const PICK_FILE = `(testId, name, type, base64) => {
  const input = document.querySelector('[data-testid="' + testId + '"]');
  if (!input) throw new Error('no [data-testid=' + testId + '] on the page');
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], name, { type }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return input.files.length;
}`;

/**
 * Presses a download button and returns the file the app hands the browser
 * (its name and text), taken from the Blob behind the download link; the
 * download itself is not started, so no browser shows a save dialog.
 */
export const CAPTURE_DOWNLOAD = `async (testId, timeoutMs) => {
  const button = document.querySelector('[data-testid="' + testId + '"]');
  if (!button) throw new Error('no [data-testid=' + testId + '] on the page');
  if (button.disabled) throw new Error(testId + ' is disabled');
  const blobs = new Map();
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let got = null;
  URL.createObjectURL = function (obj) {
    const url = create.call(URL, obj);
    blobs.set(url, obj);
    return url;
  };
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download') && blobs.has(this.href)) got = { name: this.download, blob: blobs.get(this.href) };
    else click.call(this);
  };
  try {
    button.click();
    const end = Date.now() + timeoutMs;
    while (!got && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  } finally {
    URL.createObjectURL = create;
    HTMLAnchorElement.prototype.click = click;
  }
  if (!got) throw new Error(testId + ' made no download within ' + timeoutMs + ' ms');
  return { name: got.name, text: await got.blob.text() };
}`;

export const CLICK = `(testId) => {
  const el = document.querySelector('[data-testid="' + testId + '"]');
  if (!el) throw new Error('no [data-testid=' + testId + '] on the page');
  el.click();
  return true;
}`;

/** Models the service worker has stored for offline use. */
export const CACHED_MODELS = `async (cacheName) => {
  if (typeof caches === 'undefined' || !(await caches.has(cacheName))) return 0;
  const keys = await (await caches.open(cacheName)).keys();
  return keys.filter((k) => k.url.endsWith('.onnx')).length;
}`;

/** Types into a React-controlled input: the native value setter, then the input event React listens to. */
export const SET_VALUE = `(testId, value) => {
  const el = document.querySelector('[data-testid="' + testId + '"]');
  if (!el) throw new Error('no [data-testid=' + testId + '] on the page');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, String(value));
  el.dispatchEvent(new Event('input', { bubbles: true }));
  return el.value;
}`;

/** The Benchmark panel: its state, status, "Skipped: …" line and column headings. */
export const READ_BENCH = `() => {
  const results = document.querySelector('[data-testid="bench-results"]');
  const panel = results ? results.closest('section') : null;
  const skipped = panel ? Array.from(panel.querySelectorAll('p')).map((p) => p.textContent).find((t) => t.startsWith('Skipped:')) : '';
  return {
    state: results ? results.getAttribute('data-state') : null,
    status: (document.querySelector('[data-testid="bench-status"]') || {}).textContent || '',
    skipped: skipped || '',
    headings: results ? Array.from(results.querySelectorAll('th')).slice(1).map((th) => th.textContent) : [],
  };
}`;
