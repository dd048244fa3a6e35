import { Strategy, type StrategyHandler } from 'workbox-strategies';
import { answerWithin } from './answer-within.ts';
import { withRealLength } from './cacheable.ts';

/**
 * How long a revalidation may wait for the server's answer (its headers, not the
 * whole body) while a cached copy is at hand. A network that neither answers nor
 * fails (a captive portal, a dead Wi-Fi, a connection the OS still thinks is up)
 * would otherwise leave the app at "Starting…" with no word; past this the cached
 * copy is served, as offline.
 */
export const REVALIDATE_TIMEOUT_MS = 8_000;

/**
 * Network first, made cheap by a conditional request: the cached copy's ETag /
 * Last-Modified go with it, a `304` serves the cached bytes, a `200` replaces
 * them, a `404` drops them (the file is gone from the server), and offline
 * the cached copy is served, as it is when the network has not answered
 * within REVALIDATE_TIMEOUT_MS. For files whose URL stays the same when their
 * bytes change: models, configs, the catalog, schemas. Workbox's NetworkFirst
 * re-downloads the whole file every time; a model is megabytes.
 */
export class Revalidate extends Strategy {
  protected override async _handle(request: Request, handler: StrategyHandler): Promise<Response> {
    const cached = await handler.cacheMatch(request);
    const headers = new Headers(request.headers);
    const etag = cached?.headers.get('etag');
    const modified = cached?.headers.get('last-modified');
    if (etag) headers.set('if-none-match', etag);
    if (modified) headers.set('if-modified-since', modified);
    const validating = Boolean(etag || modified);
    let res: Response | null;
    try {
      const fetching = handler.fetch(
        new Request(request.url, {
          headers,
          credentials: request.credentials,
          signal: request.signal,
          // no-store with our validators: the 304 comes from the server, not from the HTTP cache;
          // no-cache without: the HTTP cache may answer only after the server confirmed it is current.
          cache: validating ? 'no-store' : 'no-cache',
        }),
      );
      res = cached ? await answerWithin(fetching, REVALIDATE_TIMEOUT_MS) : await fetching;
    } catch (e) {
      if (cached) return withRealLength(cached);
      throw e;
    }
    if (!res) return withRealLength(cached as Response); // no answer in time; only waited for with a cached copy
    if (res.status === 304 && cached) return withRealLength(cached);
    if (res.status === 404 && cached) {
      await (await caches.open(this.cacheName)).delete(request, this.matchOptions);
      return res;
    }
    // clone() tees the stream: the page sees progress while the cache fills. Stored only if
    // complete and a 200 (completeResponsesOnly); a failed store leaves the old copy.
    void handler.waitUntil(handler.cachePut(request, res.clone()).catch(() => false));
    return res;
  }
}
