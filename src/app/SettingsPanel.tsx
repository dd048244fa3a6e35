import { useState } from 'react';
import { useApp } from '../store/app-store.ts';
import { useSettings } from '../store/settings-store.ts';
import type { BackendChoice } from '../worker/protocol.ts';
import { changeBackend } from './start-app.ts';

export function SettingsPanel() {
  const saved = useSettings();
  const [backend, setBackend] = useState<BackendChoice>(saved.backend);
  const [threads, setThreads] = useState<string>(saved.threads === null ? 'auto' : String(saved.threads));
  const max = Math.max(1, navigator.hardwareConcurrency || 1);
  // What the worker runs on, which is not always what was chosen: the worker gets threads only where it has SharedArrayBuffer.
  const inUse = useApp((s) => (s.backend === 'wasm' && s.threads !== null ? s.threads : null));
  return (
    <details className="panel settings">
      <summary>Settings</summary>
      <label>
        Backend{' '}
        <select
          data-testid="backend-select"
          value={backend}
          onChange={(e) => setBackend(e.target.value as BackendChoice)}
        >
          <option value="auto">auto (WebGPU on a hardware GPU, else WASM)</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM</option>
        </select>
      </label>
      <label>
        WASM threads{' '}
        <select data-testid="threads-select" value={threads} onChange={(e) => setThreads(e.target.value)}>
          <option value="auto">auto</option>
          {Array.from({ length: max }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {i + 1}
            </option>
          ))}
        </select>
      </label>
      {inUse !== null && (
        <p className="note" data-testid="threads-in-use">
          In use: WASM on {inUse} thread{inUse === 1 ? '' : 's'}
        </p>
      )}
      <button
        type="button"
        data-testid="settings-apply"
        onClick={() => void changeBackend(backend, threads === 'auto' ? null : Number(threads))}
      >
        Apply
      </button>
    </details>
  );
}
