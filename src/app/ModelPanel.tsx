import { useApp } from '../store/app-store.ts';
import { loadCustomBundle, selectBundle } from '../bundles/load-bundle.ts';
import { displayText } from '../util/text.ts';
import { downloadBlob } from '../image/export.ts';

export function ModelPanel() {
  const catalog = useApp((s) => s.catalog);
  const bundle = useApp((s) => s.bundle);
  const errors = useApp((s) => s.bundleErrors);
  const customName = useApp((s) => s.customBundleName);
  const state = useApp((s) => s.state);
  return (
    <section className="panel" aria-label="Model">
      <h2>Model</h2>
      <label>
        Bundle{' '}
        <select
          data-testid="model-select"
          value={bundle?.id ?? ''}
          disabled={!catalog || state === 'loading'}
          onChange={(e) => void selectBundle(e.target.value)}
        >
          {!bundle && <option value="">(none)</option>}
          {catalog?.bundles.map((id) => (
            <option key={id} value={id}>
              {displayText(id)}
            </option>
          ))}
          {customName !== null && <option value="custom">custom: {displayText(customName)}</option>}
        </select>
      </label>
      {bundle && (
        <div data-testid="model-report" className="report">
          <p>
            <strong>{displayText(bundle.config.name)}</strong> · {displayText(bundle.modelName)} · sha256{' '}
            {bundle.modelSha256.slice(0, 12)}…
          </p>
          <ul>
            {bundle.reportLines.map((l, i) => (
              <li key={i}>{displayText(l)}</li>
            ))}
          </ul>
          {bundle.generatedConfig && (
            <button
              type="button"
              data-testid="download-config"
              onClick={() => {
                const { yaml, fileName } = bundle.generatedConfig!;
                downloadBlob(new Blob([yaml], { type: 'application/yaml' }), fileName);
              }}
            >
              Download config.yaml
            </button>
          )}
        </div>
      )}
      {errors.length > 0 && (
        <div data-testid="config-error" className="config-error" role="alert">
          <p>Bundle refused:</p>
          <ul>
            {errors.map((l, i) => (
              <li key={i}>{displayText(l)}</li>
            ))}
          </ul>
        </div>
      )}
      <label className="bundle-input">
        Load your own model: an .onnx alone (its config is written from its metadata), or a .yaml config and its .onnx
        together:
        <input
          type="file"
          multiple
          accept=".yaml,.yml,.onnx"
          data-testid="bundle-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void loadCustomBundle(files);
          }}
        />
      </label>
    </section>
  );
}
