import { issueLines, selectBundle } from '../bundles/load-bundle.ts';
import { fetchText } from '../bundles/fetch-bytes.ts';
import { loadCatalogText } from '../config/index.ts';
import { rerunLastImage } from '../image-detection/detect-image.ts';
import { DEFAULT_LEVERS } from '../gpu/levers.ts';
import { appInference, startAppInference } from '../inference/app-inference.ts';
import { setStatus, useApp } from '../store/app-store.ts';
import { settingsNotes, useSettings } from '../store/settings-store.ts';
import { appUrl, ortBaseUrl } from '../util/app-url.ts';
import { errorText } from '../util/errors.ts';
import { displayText } from '../util/text.ts';
import type { BackendChoice, WorkerInit } from '../worker/protocol.ts';
import { readUrlParams, readVideoParams, type UrlParams } from './url-params.ts';
import { applyVideoParams } from '../store/video-analysis-store.ts';

/** URL parameters override the saved settings until the user applies new ones. */
let params: UrlParams = { backend: null, threads: null, model: null, gpu: { ...DEFAULT_LEVERS }, problems: [] };

function workerInit(): WorkerInit {
  const s = useSettings.getState();
  return {
    ortBase: ortBaseUrl(),
    backend: params.backend ?? s.backend,
    threads: params.threads ?? s.threads,
    gpu: params.gpu,
  };
}

/** Reads the URL, starts the inference engine and loads the first bundle (from the URL, the saved choice or the catalog). */
export async function startApp(): Promise<void> {
  params = readUrlParams(location.search);
  applyVideoParams(readVideoParams(location.search));
  startAppInference(workerInit());
  const settings = useSettings.getState();
  let catalog: { default: string; bundles: string[] };
  try {
    const parsed = loadCatalogText(await fetchText(appUrl('models/index.yaml')));
    if (!parsed.ok) throw new Error(issueLines(parsed.issues, 'models/index.yaml').join('; '));
    catalog = parsed.catalog;
  } catch (e) {
    useApp.setState({ state: 'error' });
    setStatus(`Could not read the model catalog: ${errorText(e)}`, true);
    return;
  }
  useApp.setState({ catalog });
  const notes = [...settingsNotes(), ...params.problems];
  let id = params.model ?? settings.modelId ?? catalog.default;
  if (!catalog.bundles.includes(id)) {
    notes.push(
      params.model === id
        ? `?model=${displayText(id)} is not a bundle of this app (known: ${catalog.bundles.join(', ')}); using ${catalog.default}.`
        : `The saved model ${displayText(id)} no longer exists; using ${catalog.default}.`,
    );
    id = catalog.default;
  }
  await selectBundle(id);
  if (notes.length) {
    const { status, statusIsError } = useApp.getState();
    setStatus([...notes, status].join(' '), statusIsError || params.problems.length > 0);
  }
}

/** Applies a backend/threads choice: a fresh worker, the model in use reloaded there, the last image re-run. */
export async function changeBackend(backend: BackendChoice, threads: number | null): Promise<void> {
  useSettings.getState().setBackend(backend, threads);
  params = { ...params, backend: null, threads: null };
  const bundle = useApp.getState().bundle;
  if (!bundle) {
    void appInference().reconfigure(workerInit());
    return;
  }
  useApp.setState({ state: 'loading' });
  setStatus(`Restarting on ${backend}…`);
  try {
    const session = await appInference().reconfigure(workerInit());
    if (session) useApp.setState({ backend: session.backend, threads: session.threads, backendNote: session.note });
    useApp.setState({ state: 'ready' });
    setStatus(`${bundle.config.name} ready on ${(session?.backend ?? backend).toUpperCase()}.`);
    await rerunLastImage();
  } catch (e) {
    useApp.setState({ state: 'error' });
    setStatus(`Could not start the model on ${backend}: ${errorText(e)}`, true);
  }
}
