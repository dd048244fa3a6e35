/**
 * The production Content-Security-Policy (README.md, "Security", justifies each
 * source). Everything is the app's own origin; the exceptions are what ONNX
 * Runtime Web and the UI need:
 *  - script-src 'wasm-unsafe-eval': compiling ORT's .wasm (WebAssembly.instantiate).
 *  - img-src data: blob:: the favicon is `data:,`; result previews may be blob URLs.
 *  - media-src blob:: a dropped video file plays from an object URL.
 * No 'unsafe-eval', no 'unsafe-inline', no blob: workers (ORT's pthread workers
 * start from the same-origin ort/*.mjs because wasmPaths is our own folder).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

export function cspString(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}
