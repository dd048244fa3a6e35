import { useUpdate } from '../store/update-store.ts';

/** Shown once a newer deploy's service worker controls this tab: this tab keeps working until reloaded. */
export function UpdateBanner() {
  const available = useUpdate((s) => s.available);
  if (!available) return null;
  return (
    <div className="update-banner" data-testid="update-banner" role="status">
      A new version of this app is available. This tab keeps working as it is until you reload.{' '}
      <button type="button" data-testid="update-reload" onClick={() => location.reload()}>
        Reload now
      </button>
    </div>
  );
}
