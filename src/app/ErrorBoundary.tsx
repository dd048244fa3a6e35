import { Component, type ErrorInfo, type ReactNode } from 'react';
import { resetSavedSettings } from '../store/settings-store.ts';
import { errorText } from '../util/errors.ts';
import { displayText } from '../util/text.ts';

/** The longest error message shown: a thrown value's text may be anything. */
const MESSAGE_MAX = 400;

interface State {
  message: string | null;
}

/**
 * A render error anywhere in the app would otherwise leave a blank page. This
 * shows what went wrong and a way out: a saved setting is the usual cause of
 * an error that survives a reload, so "reset settings" forgets them and reloads.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(e: unknown): State {
    const text = errorText(e) || 'unknown error';
    return { message: text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX)}…` : text };
  }

  override componentDidCatch(e: unknown, info: ErrorInfo): void {
    console.error('The page could not be drawn:', e, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="app" data-testid="app" data-state="error">
        <div className="crash" role="alert" data-testid="crash">
          <h1>The page could not be drawn</h1>
          <p data-testid="crash-message">Error: {displayText(this.state.message)}</p>
          <p>
            Nothing was uploaded; your images stay on this device. If this happens again after a reload, a saved setting
            may be the cause: resetting the settings restores the defaults (backend, threads, model and sliders).
          </p>
          <button
            type="button"
            data-testid="reset-settings"
            onClick={() => {
              resetSavedSettings();
              location.reload();
            }}
          >
            Reset settings and reload
          </button>{' '}
          <button type="button" data-testid="crash-reload" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
