import { formatReport, loadCatalogText, loadConfigText, placeModelIssue } from '../config';
import type { ConfigIssue, LoadReport, RuntimeConfig } from '../config/runtime-config';
import { candidateFloor, detectionsAt, type Detection } from '../detect/detections';
import { checkModelBytes } from '../model/check-model-bytes';
import { sha256Hex } from '../model/sha256';
import { setStatus, useApp, type ActiveBundle } from '../store/app-store';
import { useSettings } from '../store/settings-store';
import { InferenceBridge, WorkerGoneError } from '../worker/bridge';
import type { BackendChoice, WorkerInit } from '../worker/protocol';
import { fetchBytes, fetchText, HttpError } from './fetch-bytes';
import { readUrlParams } from './url-params';
import { decodeImage, ImageInputError } from './decode-image';
import { planDrop } from './file-kinds';
import { playVideoFile } from '../webcam/video-file';
import { stopLive } from '../webcam/live-session';

/**
 * The app's orchestration: bundle loading, detection, settings. Components
 * call these functions and read the stores; nothing here renders.
 */
const params = readUrlParams(location.search);
const app = useApp;

export function appUrl(path: string): string {
  return new URL(path, new URL(import.meta.env.BASE_URL, document.baseURI)).href;
}

function workerInit(): WorkerInit {
  const s = useSettings.getState();
  return {
    ortBase: appUrl('ort/'),
    backend: params.backend ?? s.backend,
    threads: params.threads ?? s.threads,
    faults: params.faults,
  };
}

let bridge: InferenceBridge | null = null;
function getBridge(): InferenceBridge {
  bridge ??= new InferenceBridge(workerInit());
  return bridge;
}

/** The model now in the worker, kept so a settings change or worker restart can reload it. */
let activeModel: { bytes: Uint8Array; config: RuntimeConfig } | null = null;
/** The last image, so switching model or backend re-runs it instead of showing a stale result. */
let lastImage: { blob: Blob; name: string } | null = null;
let bundleToken = 0;
let imageToken = 0;
let abortLoad: AbortController | null = null;

function issueLines(issues: readonly ConfigIssue[]): string[] {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

async function provisioningHint(): Promise<string | null> {
  try {
    const res = await fetch(appUrl('models/provision-error.txt'));
    return res.ok ? (await res.text()).trim() : null;
  } catch {
    return null;
  }
}

export async function startApp(): Promise<void> {
  const settings = useSettings.getState();
  let catalog;
  try {
    const parsed = loadCatalogText(await fetchText(appUrl('models/index.yaml')));
    if (!parsed.ok) throw new Error(`models/index.yaml: ${issueLines(parsed.issues).join('; ')}`);
    catalog = parsed.catalog;
  } catch (e) {
    app.setState({ state: 'error' });
    setStatus(`Could not read the model catalog: ${e instanceof Error ? e.message : String(e)}`, true);
    return;
  }
  app.setState({ catalog });
  const notes = [...params.problems];
  let id = params.model ?? settings.modelId ?? catalog.default;
  if (!catalog.bundles.includes(id)) {
    notes.push(
      params.model === id
        ? `?model=${id} is not a bundle of this app (known: ${catalog.bundles.join(', ')}); using ${catalog.default}.`
        : `The saved model ${id} no longer exists; using ${catalog.default}.`,
    );
    id = catalog.default;
  }
  await selectBundle(id);
  if (notes.length)
    setStatus([...notes, app.getState().status].join(' '), app.getState().statusIsError || params.problems.length > 0);
}

interface BundleSource {
  id: string;
  configText: () => Promise<string>;
  modelBytes: (config: RuntimeConfig) => Promise<{ bytes: Uint8Array; name: string }>;
  /** Extra warnings from the source itself (e.g. a dropped model with another name). */
  warnings?: (config: RuntimeConfig) => string[];
}

/** Loads a shipped bundle by id. */
export function selectBundle(id: string): Promise<void> {
  return loadBundle({
    id,
    configText: () => fetchText(appUrl(`models/${id}/config.yaml`), abortLoad?.signal),
    modelBytes: async (config) => {
      const name = config.modelFile;
      try {
        const bytes = await fetchBytes(
          appUrl(`models/${id}/${config.modelFile}`),
          (loaded, total) => app.setState({ progress: { file: name, loaded, total } }),
          abortLoad?.signal,
        );
        return { bytes, name };
      } catch (e) {
        if (e instanceof HttpError && e.status === 404) {
          const hint = await provisioningHint();
          throw new Error(
            `model file models/${id}/${name} is missing. ${hint ?? 'Run `npm run models` to provision it.'}`,
          );
        }
        throw e;
      }
    },
  });
}

/** Loads a user's own bundle from dropped or picked files. */
export function loadCustomBundle(files: readonly File[]): Promise<void> {
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.name));
  const onnxs = files.filter((f) => /\.onnx$/i.test(f.name));
  const problems: string[] = [];
  if (yamls.length !== 1) problems.push(`a custom bundle needs exactly one .yaml config, got ${yamls.length}`);
  if (onnxs.length !== 1) problems.push(`a custom bundle needs exactly one .onnx model, got ${onnxs.length}`);
  const others = files.filter((f) => !yamls.includes(f) && !onnxs.includes(f));
  if (others.length) problems.push(`unexpected files: ${others.map((f) => f.name).join(', ')}`);
  if (problems.length) {
    app.setState({ bundleErrors: problems });
    setStatus(`Custom bundle refused: ${problems.join('; ')}.`, true);
    return Promise.resolve();
  }
  const yaml = yamls[0]!;
  const onnx = onnxs[0]!;
  return loadBundle({
    id: 'custom',
    configText: () => yaml.text(),
    modelBytes: async () => ({ bytes: new Uint8Array(await onnx.arrayBuffer()), name: onnx.name }),
    warnings: (config) =>
      onnx.name !== config.modelFile.split('/').pop()
        ? [`model.file says ${config.modelFile}; using the dropped ${onnx.name}`]
        : [],
  });
}

async function loadBundle(src: BundleSource): Promise<void> {
  const token = ++bundleToken;
  abortLoad?.abort();
  abortLoad = new AbortController();
  const hadModel = activeModel !== null;
  imageToken++; // any image in flight belongs to the old model
  app.setState({ state: 'loading', bundleErrors: [], progress: null });
  setStatus(`Loading model ${src.id}…`);
  const fail = (lines: string[]) => {
    if (token !== bundleToken) return;
    app.setState({ bundleErrors: lines, progress: null, state: hadModel ? 'ready' : 'error' });
    const still = hadModel ? ` Still using ${app.getState().bundle?.id}.` : ' Pick another model or fix the bundle.';
    setStatus(`Model ${src.id} refused: ${lines.join(' ')}${still}`, true);
  };
  try {
    const configText = await src.configText();
    const parsed = loadConfigText(configText, { id: src.id });
    if (token !== bundleToken) return;
    if (!parsed.ok) return fail(issueLines(parsed.issues));
    const { config, report } = parsed;
    const model = await src.modelBytes(config);
    if (token !== bundleToken) return;
    const check = checkModelBytes(model.bytes, config, model.name);
    if (!check.ok)
      return fail(issueLines(check.issues.map((i) => placeModelIssue(configText, config.schemaVersion, i))));
    const modelSha256 = await sha256Hex(model.bytes);
    const warnings = [...(src.warnings?.(config) ?? []), ...check.warnings];
    setStatus(`Starting ${config.name}…`);
    app.setState({ progress: null });
    const session = await getBridge().loadModel(model.bytes.slice().buffer, config);
    if (token !== bundleToken) return;
    activeModel = { bytes: model.bytes, config };
    const bundle: ActiveBundle = {
      id: src.id,
      config,
      report: { ...report, warnings: [...report.warnings, ...warnings] } satisfies LoadReport,
      reportLines: [...formatReport(config, report), ...warnings.map((w) => `warning: ${w}`)],
      modelSha256,
      modelName: model.name,
    };
    const saved = useSettings.getState().sliders;
    const sliders = saved && saved.bundleId === src.id ? saved : { conf: config.confidence, iou: config.iou };
    closeResult();
    app.setState({
      bundle,
      customBundleName: src.id === 'custom' ? config.name : app.getState().customBundleName,
      backend: session.backend,
      threads: session.threads,
      backendNote: session.note,
      conf: sliders.conf,
      iou: sliders.iou,
      state: 'ready',
    });
    if (src.id !== 'custom') useSettings.getState().setModelId(src.id);
    setStatus(
      `${config.name} ready on ${session.backend.toUpperCase()}${session.backend === 'wasm' ? ` (${session.threads} thread${session.threads > 1 ? 's' : ''})` : ''}. Drop, pick or paste an image.`,
    );
    if (lastImage) await detectImage(lastImage.blob, lastImage.name);
  } catch (e) {
    if (token !== bundleToken) return;
    if (e instanceof DOMException && e.name === 'AbortError') return;
    fail([e instanceof Error ? e.message : String(e)]);
  }
}

function closeResult(): void {
  const old = app.getState().result;
  if (old) old.image.close();
  app.setState({ result: null });
}

export async function detectImage(blob: Blob, name: string): Promise<void> {
  const { bundle } = app.getState();
  if (!bundle || !activeModel) {
    setStatus('No model is loaded yet; wait for it or pick another model.', true);
    return;
  }
  if (app.getState().state === 'loading') {
    // Run it when the model is ready rather than on a session being replaced.
    lastImage = { blob, name };
    setStatus(`A model is loading; ${name} will be processed when it is ready.`);
    return;
  }
  const token = ++imageToken;
  // The image the user asked for last: a model switch re-runs it even if this run is superseded.
  lastImage = { blob, name };
  app.setState({ state: 'busy' });
  setStatus(`Detecting objects in ${name}…`);
  let image: ImageBitmap | null = null;
  try {
    const t0 = performance.now();
    image = await decodeImage(blob, name);
    const decode = performance.now() - t0;
    if (token !== imageToken) return;
    const forWorker = await createImageBitmap(image);
    const res = await getBridge().detect(forWorker, { minScore: candidateFloor(bundle.config) });
    if (!res || token !== imageToken) return;
    closeResult();
    app.setState({
      result: {
        imageName: name,
        image,
        width: res.width,
        height: res.height,
        inputWidth: res.inputWidth,
        inputHeight: res.inputHeight,
        candidates: { data: res.candidates, count: res.count },
        timings: { decode, ...res.timings },
        backend: res.backend,
        threads: app.getState().threads ?? 1,
        bundleId: bundle.id,
      },
      backend: res.backend,
      backendNote: res.note,
      state: 'ready',
    });
    image = null; // now owned by the store
    const n = currentDetections().length;
    setStatus(
      `Found ${n} object${n === 1 ? '' : 's'} in ${name} (inference ${res.timings.inference.toFixed(0)} ms on ${res.backend.toUpperCase()}).`,
    );
  } catch (e) {
    if (token !== imageToken) return;
    app.setState({ state: app.getState().bundle ? 'ready' : 'error' });
    if (e instanceof ImageInputError) {
      lastImage = null;
      setStatus(e.message, true);
    } else if (e instanceof WorkerGoneError) setStatus(`${e.message}. It will restart on the next image.`, true);
    else setStatus(`Detection failed on ${name}: ${e instanceof Error ? e.message : String(e)}`, true);
  } finally {
    image?.close();
    if (token === imageToken && app.getState().state === 'busy') app.setState({ state: 'ready' });
  }
}

/** Detections for the current result at the current slider values. */
let memo: { result: unknown; bundle: unknown; conf: number; iou: number; detections: Detection[] } | null = null;

/** Detections for the current result at the current slider values; the canvas, list and downloads share one NMS run. */
export function currentDetections(): Detection[] {
  const { result, bundle, conf, iou } = app.getState();
  if (!result || !bundle || result.bundleId !== bundle.id) return [];
  if (memo && memo.result === result && memo.bundle === bundle && memo.conf === conf && memo.iou === iou)
    return memo.detections;
  const detections = detectionsAt(result.candidates, result, bundle.config, conf, iou);
  memo = { result, bundle, conf, iou, detections };
  return detections;
}

export function setThresholds(conf: number, iou: number): void {
  app.setState({ conf, iou });
  const id = app.getState().bundle?.id;
  if (id) useSettings.getState().setSliders(id, conf, iou);
}

export async function changeBackend(backend: BackendChoice, threads: number | null): Promise<void> {
  useSettings.getState().setBackend(backend, threads);
  params.backend = null;
  params.threads = null;
  getBridge().reconfigure(workerInit());
  const model = activeModel;
  const bundle = app.getState().bundle;
  if (!model || !bundle) return;
  app.setState({ state: 'loading' });
  setStatus(`Restarting on ${backend}…`);
  try {
    const session = await getBridge().loadModel(model.bytes.slice().buffer, model.config);
    app.setState({ backend: session.backend, threads: session.threads, backendNote: session.note, state: 'ready' });
    setStatus(`${bundle.config.name} ready on ${session.backend.toUpperCase()}.`);
    if (lastImage) await detectImage(lastImage.blob, lastImage.name);
  } catch (e) {
    app.setState({ state: 'error' });
    setStatus(`Could not start the model on ${backend}: ${e instanceof Error ? e.message : String(e)}`, true);
  }
}

/** Stops a model download or a running inference. */
export function cancel(): void {
  abortLoad?.abort();
  imageToken++;
  bundleToken++;
  bridge?.cancel(activeModel ? { bytes: activeModel.bytes.slice().buffer, config: activeModel.config } : null);
  app.setState({ state: activeModel ? 'ready' : 'error', progress: null });
  setStatus('Cancelled.');
}

/** The image behind the current result (as picked, undecoded), for the benchmark panel. */
export function currentImageFile(): { blob: Blob; name: string } | null {
  return lastImage;
}

export function getInferenceBridge(): InferenceBridge {
  return getBridge();
}

/**
 * Test hooks on window.__yolo: worker memory and session count (leak checks),
 * and a worker termination (crash recovery). They expose nothing the page
 * could not do itself.
 */
Object.assign(window, {
  __yolo: {
    memory: () => getBridge().memory(),
    terminateWorker: () => getBridge().simulateTermination(),
  },
});

let pasteCount = 0;

/** Everything dropped, picked or pasted comes through here. */
export async function handleFiles(files: readonly File[]): Promise<void> {
  const plan = planDrop(files);
  if (plan.kind === 'refuse') {
    setStatus(plan.message, true);
    return;
  }
  if (plan.kind === 'bundle') return loadCustomBundle(plan.files);
  if (plan.kind === 'video') {
    const problem = await playVideoFile(plan.files[0]!);
    if (problem) setStatus(problem, true);
    return;
  }
  const file = plan.files[0]!;
  stopLive(); // an image takes the bridge: the live loop would supersede its detection
  await detectImage(file, file.name);
  if (plan.message && !app.getState().statusIsError) setStatus(`${app.getState().status} ${plan.message}`);
}

export function handlePaste(items: readonly File[]): Promise<void> {
  const image = items.find((f) => f.type.startsWith('image/'));
  if (!image) {
    setStatus('The clipboard holds no image; copy an image and paste again.', true);
    return Promise.resolve();
  }
  pasteCount++;
  stopLive();
  return detectImage(image, `pasted-${pasteCount}.png`);
}
