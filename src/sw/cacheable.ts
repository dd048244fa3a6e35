/**
 * What may enter a cache, and how a cached response is served again. Workbox
 * plugins shared by the precache and the runtime strategies.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';

/**
 * Only a complete, same-origin `200` is stored: never a partial (`206`, or a
 * `200` that carries a Content-Range), an opaque or error response, a
 * redirect, a `304` or any 4xx/5xx. A body cut off mid-transfer errors its
 * stream, so the `cache.put` reading it fails and nothing is stored.
 */
export function isCacheable(res: Response): boolean {
  return res.status === 200 && (res.type === 'basic' || res.type === 'default') && !res.headers.has('content-range');
}

export const completeResponsesOnly: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => (isCacheable(response) ? response : null),
};

/**
 * The Cache API stores decoded bodies but keeps the original headers, so
 * Content-Length may be absent (chunked) or be the compressed size. The
 * page's download progress bar needs the real byte count.
 */
export async function withRealLength(res: Response): Promise<Response> {
  const blob = await res.blob();
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.set('content-length', String(blob.size));
  return new Response(blob, { status: res.status, statusText: res.statusText, headers });
}

export const realLength: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse }) => (cachedResponse ? withRealLength(cachedResponse) : null),
};
