/**
 * The header step: GitHub Pages sends no COOP/COEP, so the service worker
 * re-serves every same-origin response with them (the page becomes
 * cross-origin isolated and ORT can use SharedArrayBuffer threads), plus
 * CORP, and the CSP on documents and workers (a meta tag does not reach
 * workers, and ORT compiles its WebAssembly in one).
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';

const NULL_BODY = new Set([101, 204, 205, 304]);

/** The response with the isolation headers (and, for documents and workers, the CSP). Opaque or error responses cannot be rewritten. */
export function isolate(res: Response, destination: RequestDestination, csp: string): Response {
  if (res.status === 0 || res.type === 'opaque' || res.type === 'opaqueredirect' || res.type === 'error') return res;
  const headers = new Headers(res.headers);
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  if (csp && (destination === 'document' || destination === 'worker' || destination === 'sharedworker')) {
    headers.set('Content-Security-Policy', csp);
  }
  return new Response(NULL_BODY.has(res.status) ? null : res.body, {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
}

/** A Workbox plugin that applies `isolate` to whatever a strategy answers: cache, network or fallback. */
export function isolationPlugin(csp: string): WorkboxPlugin {
  return {
    handlerWillRespond: async ({ request, response }) => isolate(response, request.destination, csp),
  };
}
