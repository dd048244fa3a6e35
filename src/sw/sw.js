// @ts-check
/// <reference lib="webworker" />
/**
 * Service worker for the static (GitHub Pages) build. Two jobs:
 *  1. Cross-origin isolation without server headers: every same-origin
 *     response is re-served with COOP/COEP/CORP, so `crossOriginIsolated` is
 *     true and ORT can use SharedArrayBuffer threads (the coi-serviceworker idea).
 *  2. Offline start: the app shell is precached at install; the ORT runtime,
 *     models, configs and the catalog are cached as they are first fetched.
 *
 * Plain JS (not TS) because it must stay a classic, dependency-free script at
 * the site root; src/sw/vite-plugin.ts fills in the placeholders at build.
 */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/** Replaced at build: hash of the build's file list, so a deploy gets fresh shell caches. */
const VERSION = '__SW_VERSION__';
/** Replaced at build: shell files relative to the SW's scope (hashed assets, index.html, ORT runtime). */
const PRECACHE = /** @type {string[]} */ (/** @type {unknown} */ ('__SW_PRECACHE__'));
/** Replaced at build: the page's CSP, also sent on worker scripts (a meta tag does not reach workers). */
const CSP = '__SW_CSP__';

const SHELL = `yolo-shell-${VERSION}`;
/** Replaced at build from src/sw/cache-names.ts (the app reads the same cache). */
const DATA = '__SW_DATA_CACHE__';

const scope = new URL(sw.registration.scope);

/** Paths (relative to scope) that can change without their URL changing: always revalidated. */
function isRevalidated(rel) {
  return rel.startsWith('models/') || rel.startsWith('schema/') || rel.startsWith('ort/');
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // One by one and never fatal: a missing file must not keep isolation (threads) from working.
      await Promise.allSettled(PRECACHE.map((p) => cache.add(new Request(new URL(p, scope), { cache: 'reload' }))));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith('yolo-shell-') && key !== SHELL) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  // Nothing cross-origin is used; leave such requests (and range requests) to the browser.
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href) || req.headers.has('range')) return;
  // `only-if-cached` outside same-origin mode throws in fetch(); devtools does this.
  if (req.cache === 'only-if-cached' && req.mode !== 'same-origin') return;
  event.respondWith(handle(event, url.href.slice(scope.href.length).split(/[?#]/)[0] ?? ''));
});

/**
 * @param {FetchEvent} event
 * @param {string} rel path relative to the scope
 */
async function handle(event, rel) {
  const req = event.request;
  const keepAlive = (/** @type {Promise<unknown>} */ p) => event.waitUntil(p);
  let res;
  if (req.mode === 'navigate' || rel === '' || rel === 'index.html')
    res = await networkFirst(req, SHELL, false, keepAlive);
  else if (isRevalidated(rel)) res = await networkFirst(req, DATA, true, keepAlive);
  else res = await cacheFirst(req);
  return isolate(res, req.destination);
}

/**
 * Hashed build assets never change under the same name, so the cache wins.
 * @param {Request} req
 */
async function cacheFirst(req) {
  const hit = await caches.match(req, { ignoreVary: true });
  if (hit) return withLength(hit);
  const res = await fetch(req);
  if (res.ok) await (await caches.open(SHELL)).put(req, res.clone());
  return res;
}

/**
 * Network first, so a changed model or deploy is picked up whenever online; a
 * conditional request (ETag / Last-Modified of the cached copy) keeps that
 * cheap: 304 serves the cached bytes. Offline, the cached copy is served.
 * @param {Request} req
 * @param {string} cacheName
 * @param {boolean} conditional
 * @param {(p: Promise<unknown>) => void} keepAlive
 */
async function networkFirst(req, cacheName, conditional, keepAlive) {
  const cache = await caches.open(cacheName);
  // One cached page for every query string (?model=…, ?backend=…).
  const key = req.mode === 'navigate' ? (req.url.split(/[?#]/)[0] ?? req.url) : req.url;
  // The precache (shell cache) holds the first copy of ORT and index.html.
  const cached = (await cache.match(key, { ignoreVary: true })) ?? (await caches.match(key, { ignoreVary: true }));
  /** @type {Response} */
  let res;
  try {
    const headers = new Headers(req.headers);
    if (conditional && cached) {
      const etag = cached.headers.get('etag');
      const modified = cached.headers.get('last-modified');
      if (etag) headers.set('if-none-match', etag);
      if (modified) headers.set('if-modified-since', modified);
    }
    const validating = headers.has('if-none-match') || headers.has('if-modified-since');
    // no-store with our validators: a 304 comes from the server, not from the HTTP cache; no-cache
    // without: the HTTP cache may answer only after the server confirmed it is current.
    const cacheMode = validating ? 'no-store' : 'no-cache';
    res = await fetch(
      req.mode === 'navigate'
        ? req
        : new Request(req.url, { headers, credentials: req.credentials, signal: req.signal, cache: cacheMode }),
    );
  } catch (e) {
    if (cached) return withLength(cached);
    throw e;
  }
  if (res.status === 304 && cached) return withLength(cached);
  if (res.ok && res.type === 'basic') {
    // clone() tees the stream: the page sees progress while the cache fills.
    // Kept alive until stored, without holding the page's response back.
    keepAlive(cache.put(key, res.clone()).catch(() => undefined));
  } else if (res.status === 404 && cached) {
    // The file is gone from the server: drop the stale copy too.
    await cache.delete(key);
  }
  return res;
}

/**
 * The Cache API stores decoded bodies but keeps the original headers, so
 * content-length may be absent (chunked) or be the compressed size. The page's
 * progress bar needs the real byte count.
 * @param {Response} res
 */
async function withLength(res) {
  const blob = await res.blob();
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.set('content-length', String(blob.size));
  return new Response(blob, { status: res.status, statusText: res.statusText, headers });
}

/**
 * Re-serves a response with the isolation headers (and, for documents and
 * workers, the CSP). Opaque or error responses cannot be rewritten.
 * @param {Response} res
 * @param {RequestDestination} destination
 */
function isolate(res, destination) {
  if (res.status === 0 || res.type === 'opaque' || res.type === 'opaqueredirect') return res;
  const headers = new Headers(res.headers);
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  if (CSP && (destination === 'document' || destination === 'worker' || destination === 'sharedworker')) {
    headers.set('Content-Security-Policy', CSP);
  }
  const nullBody = res.status === 101 || res.status === 204 || res.status === 205 || res.status === 304;
  return new Response(nullBody ? null : res.body, { status: res.status, statusText: res.statusText, headers });
}
