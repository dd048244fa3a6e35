import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../store/app-store.ts';
import { cacheStorageAvailable, clearModelCache, measureModelCache, type CacheUsage } from './model-cache.ts';
import { errorText } from '../util/errors.ts';

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

export function CachePanel() {
  // A new bundle is the only thing that adds to the cache.
  const bundleId = useApp((s) => s.bundle?.id ?? null);
  const [usage, setUsage] = useState<CacheUsage | null>(null);
  const [freed, setFreed] = useState<string>('');
  const refresh = useCallback(() => {
    measureModelCache().then(setUsage, () => setUsage(null));
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new bundle is what adds to the cache, so it re-measures.
  useEffect(() => {
    refresh();
    // The SW stores a model while the page reads it, so look again a little after it is ready.
    const t = setTimeout(refresh, 1500);
    return () => clearTimeout(t);
  }, [bundleId, refresh]);

  const clear = async () => {
    try {
      const done = await clearModelCache();
      setFreed(`Freed ${mb(done.bytes)} (${files(done.files)}). Models download again on next use.`);
    } catch (e) {
      setFreed(`Could not clear the cache: ${errorText(e)}`);
    }
    refresh();
  };

  const available = cacheStorageAvailable();
  return (
    <section className="panel cache" aria-label="Offline cache">
      <h2>Offline cache</h2>
      <p className="muted" data-testid="cache-usage">
        {!available
          ? 'Not available here (needs HTTPS and a browser with Cache Storage).'
          : usage && usage.files > 0
            ? `${mb(usage.bytes)} of models and configs cached (${files(usage.files)}): the app starts offline.`
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
