/**
 * The service worker's cache of models, configs and the catalog, as the
 * Offline cache panel sees it: how much is stored, and clearing it.
 */

import { DATA_CACHE } from '../sw/cache-names.ts';

export interface CacheUsage {
  files: number;
  bytes: number;
}

export function cacheStorageAvailable(): boolean {
  return typeof caches !== 'undefined';
}

/** Cached entries under models/ (the ONNX files plus their configs and the catalog). */
async function modelEntries(): Promise<{ cache: Cache; req: Request; size: number }[]> {
  if (!cacheStorageAvailable() || !(await caches.has(DATA_CACHE))) return [];
  const cache = await caches.open(DATA_CACHE);
  const out = [];
  for (const req of await cache.keys()) {
    if (!new URL(req.url).pathname.includes('/models/')) continue;
    const res = await cache.match(req);
    // The body's real size (a disk-backed blob; nothing is read): a stored content-length may be the compressed one.
    out.push({ cache, req, size: res ? (await res.blob()).size : 0 });
  }
  return out;
}

export async function measureModelCache(): Promise<CacheUsage> {
  const entries = await modelEntries();
  return { files: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
}

/** Deletes every cached model file; returns what was freed. */
export async function clearModelCache(): Promise<CacheUsage> {
  const entries = await modelEntries();
  let bytes = 0;
  let files = 0;
  for (const e of entries) {
    if (await e.cache.delete(e.req)) {
      bytes += e.size;
      files++;
    }
  }
  return { files, bytes };
}
