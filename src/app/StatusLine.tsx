import { useApp } from '../store/app-store.ts';
import { cancel } from './input-routing.ts';
import { isolationProblem } from './register-sw.ts';
import { displayText } from '../util/text.ts';

export function StatusLine() {
  const { status, statusIsError, state, progress, backend, backendNote } = useApp();
  return (
    <div className="statusbar">
      <p data-testid="status" className={statusIsError ? 'status error' : 'status'} role="status" aria-live="polite">
        {displayText(status)}
      </p>
      {progress && (
        <label className="progress">
          {displayText(progress.file)}
          <progress data-testid="model-progress" value={progress.loaded} max={progress.total ?? undefined} />
          <span>
            {mb(progress.loaded)}
            {progress.total ? ` of ${mb(progress.total)}` : ''} MB
          </span>
        </label>
      )}
      {(state === 'busy' || state === 'loading') && (
        <button type="button" data-testid="cancel" onClick={cancel}>
          Cancel
        </button>
      )}
      <p className="backend-line">
        Backend: <strong data-testid="backend">{backend ?? ''}</strong>{' '}
        <span data-testid="backend-note" className="note">
          {displayText(backendNote)}
          {/* The worker says WASM is on 1 thread; only the page knows why it is not isolated. */}
          {backendNote && backend === 'wasm' && !crossOriginIsolated && isolationProblem()
            ? ` ${isolationProblem()}`
            : ''}
        </span>
      </p>
    </div>
  );
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
