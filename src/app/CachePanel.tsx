import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../store/app-store';

/** Must match DATA in src/sw/sw.js: the cache holding models, configs and the catalog. */
const DATA_CACHE = 'yolo-data';

interface Usage {
  files: number;
  bytes: number;
}

function hasCaches(): boolean {
  return typeof caches !== 'undefined';
}

/** Cached entries under models/ (the ONNX files plus their configs and the catalog). */
async function modelEntries(): Promise<{ cache: Cache; req: Request; size: number }[]> {
  if (!hasCaches() || !(await caches.has(DATA_CACHE))) return [];
  const cache = await caches.open(DATA_CACHE);
  const out = [];
  for (const req of await cache.keys()) {
    if (!new URL(req.url).pathname.includes('/models/')) continue;
    const res = await cache.match(req);
    // The body's real size: a stored content-length may be the compressed one.
    out.push({ cache, req, size: res ? (await res.blob()).size : 0 });
  }
  return out;
}

async function measure(): Promise<Usage> {
  const entries = await modelEntries();
  return { files: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

export function CachePanel() {
  const state = useApp((s) => s.state);
  const [usage, setUsage] = useState<Usage | null>(null);
  const [freed, setFreed] = useState<string>('');
  const refresh = useCallback(() => {
    measure().then(setUsage, () => setUsage(null));
  }, []);

  useEffect(() => {
    refresh();
    // The SW stores a model while the page reads it, so look again a little after it is ready.
    const t = setTimeout(refresh, 1500);
    return () => clearTimeout(t);
  }, [state, refresh]);

  const clear = async () => {
    try {
      const entries = await modelEntries();
      let bytes = 0;
      for (const e of entries) if (await e.cache.delete(e.req)) bytes += e.size;
      setFreed(`Freed ${mb(bytes)} (${entries.length} file${entries.length === 1 ? '' : 's'}). Models download again on next use.`);
    } catch (e) {
      setFreed(`Could not clear the cache: ${e instanceof Error ? e.message : String(e)}`);
    }
    refresh();
  };

  const available = hasCaches();
  return (
    <section className="panel cache" aria-label="Offline cache">
      <h2>Offline cache</h2>
      <p className="muted" data-testid="cache-usage">
        {!available
          ? 'Not available here (needs HTTPS and a browser with Cache Storage).'
          : usage && usage.files > 0
            ? `${mb(usage.bytes)} of models and configs cached (${usage.files} file${usage.files === 1 ? '' : 's'}): the app starts offline.`
            : 'No models cached yet.'}
      </p>
      <button type="button" data-testid="clear-cache" onClick={() => void clear()} disabled={!available}>
        Clear cached models
      </button>{' '}
      <span data-testid="cache-freed" role="status">
        {freed}
      </span>
    </section>
  );
}
