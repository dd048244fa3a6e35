/// <reference lib="webworker" />
/**
 * Service worker for the static (GitHub Pages) build, built with Workbox and
 * bundled into one self-contained `sw.js` (no CDN): vite-plugin-pwa compiles
 * this file and injects the precache manifest (`self.__WB_MANIFEST`: index.html
 * with its revision, every hashed file under assets/).
 *
 *  1. Cross-origin isolation without server headers (isolation.ts): every
 *     same-origin response is re-served with COOP/COEP/CORP and the CSP.
 *  2. Offline start: the shell is precached at install; models, configs and
 *     the ORT runtime are cached as they are first fetched.
 *  3. Deploys never break an open tab (retention.ts): a new version activates
 *     at once, but the files of every version an open tab still runs stay
 *     cached until no tab runs it, so a worker that tab starts later, with the
 *     chunks and ORT runtime it imports, is found after the server dropped it.
 *
 * Only complete `200` responses are cached (cacheable.ts).
 */
import type { PrecacheEntry } from 'workbox-precaching';
import { PrecacheController, PrecacheFallbackPlugin, PrecacheRoute } from 'workbox-precaching';
import { registerRoute, Route } from 'workbox-routing';
import { CacheFirst, NetworkOnly, Strategy, type StrategyHandler } from 'workbox-strategies';
import { completeResponsesOnly, realLength } from './cacheable.ts';
import { DATA_CACHE, META_CACHE, SHELL_CACHE } from './cache-names.ts';
import { cspString } from './csp.ts';
import { isolationPlugin } from './isolation.ts';
import { helloReply, isHelloMessage } from './messages.ts';
import { buildStatus, deletionsFor, planRetention, type ClientRecord, type VersionRecord } from './retention.ts';
import { Revalidate } from './revalidate.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const scope = self.registration.scope;
/** Set at build by vite-plugin.ts: the content-addressed folder of this build's ORT runtime. */
const ORT_PATH: string = import.meta.env.VITE_ORT_PATH ?? 'ort/';

const isolation = isolationPlugin(cspString());
const precache = new PrecacheController({ cacheName: SHELL_CACHE, plugins: [completeResponsesOnly, isolation] });
precache.addToCacheList(self.__WB_MANIFEST);

// ---- routes (first match wins) ----------------------------------------------------------------

const rel = (url: URL) => url.href.slice(scope.length).split(/[?#]/)[0] ?? '';

/** Ours: same scope, a plain GET. Range requests (media) and devtools' only-if-cached go straight to the browser. */
function ours(url: URL, request: Request): boolean {
  if (!url.href.startsWith(scope) || request.headers.has('range')) return false;
  return !(request.cache === 'only-if-cached' && request.mode !== 'same-origin');
}

/** Hashed files of an older version that an open tab still runs, kept in the shell cache by retention. */
class RetainedAssets extends Strategy {
  protected override async _handle(request: Request, handler: StrategyHandler): Promise<Response> {
    return (
      (await handler.cacheMatch(request)) ??
      // A tab of the release before Workbox: its files are in that release's own cache until it closes.
      (await caches.match(request, { ignoreVary: true })) ??
      (await handler.fetch(request))
    );
  }
}

// Navigations: the network, so a deploy is seen on the next visit; offline, this version's precached page.
registerRoute(
  new Route(
    ({ url, request }) => ours(url, request) && request.mode === 'navigate',
    new NetworkOnly({
      plugins: [new PrecacheFallbackPlugin({ fallbackURL: 'index.html', precacheController: precache }), isolation],
    }),
  ),
);
// This version's shell.
registerRoute(new PrecacheRoute(precache, { directoryIndex: 'index.html' }));
// Older versions' hashed files, for tabs opened before the last deploy.
registerRoute(
  new Route(
    ({ url, request }) => ours(url, request) && rel(url).startsWith('assets/'),
    new RetainedAssets({ cacheName: SHELL_CACHE, plugins: [isolation] }),
  ),
);
// ORT runtime: its folder is named by the hash of its files, so a cached copy is never stale.
registerRoute(
  new Route(
    ({ url, request }) => ours(url, request) && rel(url).startsWith('ort/'),
    new CacheFirst({
      cacheName: DATA_CACHE,
      matchOptions: { ignoreVary: true },
      plugins: [completeResponsesOnly, realLength, isolation],
    }),
  ),
);
// Models, configs, the catalog, schemas: same URL, new bytes after a deploy; revalidated on every use.
registerRoute(
  new Route(
    ({ url, request }) => ours(url, request) && /^(models|schema)\//.test(rel(url)),
    new Revalidate({
      cacheName: DATA_CACHE,
      matchOptions: { ignoreVary: true },
      plugins: [completeResponsesOnly, isolation],
    }),
  ),
);
// Anything else in scope: the network, isolated.
registerRoute(new Route(({ url, request }) => ours(url, request), new NetworkOnly({ plugins: [isolation] })));

// ---- versions, tabs and what stays cached -------------------------------------------------------

const metaKey = (kind: 'version' | 'client', id: string) => `${scope}__sw-meta/${kind}/${encodeURIComponent(id)}`;

let me: Promise<VersionRecord> | null = null;
/** This build as a record: named by a hash of its precache keys, so any changed file makes a new version. */
function thisVersion(): Promise<VersionRecord> {
  me ??= (async () => {
    const urls = [...precache.getURLsToCacheKeys().values()].sort();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${ORT_PATH}\n${urls.join('\n')}`));
    const id = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const stored = await readJson<VersionRecord>(metaKey('version', id));
    return stored ?? { id, urls, ortPath: ORT_PATH, installedAt: Date.now() };
  })();
  return me;
}

async function readJson<T>(key: string): Promise<T | null> {
  const res = await (await caches.open(META_CACHE)).match(key);
  return res ? ((await res.json()) as T) : null;
}

async function writeJson(key: string, value: unknown): Promise<void> {
  await (await caches.open(META_CACHE)).put(key, Response.json(value));
}

async function readAll<T>(kind: 'version' | 'client'): Promise<T[]> {
  const meta = await caches.open(META_CACHE);
  const prefix = `${scope}__sw-meta/${kind}/`;
  const out: T[] = [];
  for (const req of await meta.keys()) {
    if (!req.url.startsWith(prefix)) continue;
    const res = await meta.match(req);
    if (res) out.push((await res.json()) as T);
  }
  return out;
}

/** Deletes what no open tab's version needs. Serialised: two runs must not interleave their reads and deletes. */
let cleaning: Promise<void> = Promise.resolve();
function cleanUp(): Promise<void> {
  cleaning = cleaning.then(cleanUpNow, cleanUpNow);
  return cleaning;
}

async function cleanUpNow(): Promise<void> {
  const current = await thisVersion();
  const versions = await readAll<VersionRecord>('version');
  const clients = await readAll<ClientRecord>('client');
  const live = await self.clients.matchAll({ type: 'window' });
  const plan = planRetention({ current, versions, clients, liveClientIds: live.map((c) => c.id), now: Date.now() });
  const meta = await caches.open(META_CACHE);
  for (const id of plan.dropClients) await meta.delete(metaKey('client', id));
  const shell = await caches.open(SHELL_CACHE);
  const data = await caches.open(DATA_CACHE);
  const gone = deletionsFor(plan, versions, current, {
    shellKeys: (await shell.keys()).map((r) => r.url),
    dataKeys: (await data.keys()).map((r) => r.url),
    cacheNames: await caches.keys(),
    scope,
  });
  for (const url of gone.shell) await shell.delete(url);
  for (const url of gone.data) await data.delete(url);
  for (const name of gone.caches) await caches.delete(name);
  if (plan.safe) for (const id of plan.dropVersions) await meta.delete(metaKey('version', id));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // The record first: an older worker cleaning up meanwhile then keeps the files this install adds.
      const v = await thisVersion();
      await writeJson(metaKey('version', v.id), v);
      // All or nothing: one file that is missing or not a complete 200 fails the install and the
      // version in use stays. A new version is only ever active with every one of its files cached.
      await precache.install(event);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Claim first: an open tab of an older version is only then among this worker's clients, so
      // the clean-up sees it and keeps its files.
      await self.clients.claim();
      await cleanUp();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const source = event.source;
  if (!isHelloMessage(event.data) || !(source instanceof WindowClient)) return;
  const entry = event.data.entry;
  event.waitUntil(
    (async () => {
      await writeJson(metaKey('client', source.id), { clientId: source.id, entry } satisfies ClientRecord);
      source.postMessage(helloReply(buildStatus(entry, await thisVersion(), await readAll<VersionRecord>('version'))));
      await cleanUp();
    })(),
  );
});
