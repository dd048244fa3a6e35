import { formatReport, MAX_CONFIG_BYTES } from '../config/index.ts';
import { checkModelOffThread, loadConfigOffThread } from '../parse-worker/index.ts';
import type { ConfigIssue, LoadReport, RuntimeConfig } from '../config/runtime-config.ts';
import { closeResult, rerunLastImage } from '../image-detection/detect-image.ts';
import { appInference } from '../inference/app-inference.ts';
import { MAX_MODEL_BYTES, modelTooLarge } from '../model/check-model-bytes.ts';
import { sha256Hex } from '../model/sha256.ts';
import { type ActiveBundle, setStatus, useApp } from '../store/app-store.ts';
import { useSettings } from '../store/settings-store.ts';
import { appUrl } from '../util/app-url.ts';
import { urlInsideFolder } from '../util/bundle-url.ts';
import { abortError, errorText, isAbortError } from '../util/errors.ts';
import { capLines, capList } from '../util/lists.ts';
import { fetchBytes, HttpError } from './fetch-bytes.ts';

/** Where a bundle's files come from: the app's own folder, or files the user dropped. */
interface BundleSource {
  id: string;
  configBytes: (signal: AbortSignal) => Promise<Uint8Array>;
  modelBytes: (config: RuntimeConfig, signal: AbortSignal) => Promise<{ bytes: Uint8Array; name: string }>;
  /** Extra warnings from the source itself (e.g. a dropped model with another name). */
  warnings?: (config: RuntimeConfig) => string[];
}

let loading: AbortController | null = null;

export function issueLines(issues: readonly ConfigIssue[]): string[] {
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

/** Stops a bundle download or check in progress (Cancel, or a newer bundle). */
export function abortBundleLoad(): void {
  loading?.abort(abortError('cancelled'));
  loading = null;
}

/** Loads a shipped bundle by id. */
export function selectBundle(id: string): Promise<void> {
  const folder = appUrl(`models/${id}/`);
  return loadBundle({
    id,
    configBytes: (signal) => fetchBytes(`${folder}config.yaml`, () => undefined, signal, MAX_CONFIG_BYTES),
    modelBytes: async (config, signal) => {
      const name = config.modelFile;
      // Validation already refused names that leave the bundle; the URL actually fetched is checked too.
      const url = urlInsideFolder(folder, config.modelFile);
      if (!url) throw new Error(`model file ${JSON.stringify(name)} does not resolve inside models/${id}/`);
      try {
        const bytes = await fetchBytes(
          url.href,
          (loaded, total) => useApp.setState({ progress: { file: name, loaded, total } }),
          signal,
          MAX_MODEL_BYTES,
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
  if (others.length) problems.push(`unexpected files: ${capList(others.map((f) => f.name))}`);
  // Sizes come from the file system: a file too large is refused before a byte of it is read.
  const yamlSize = yamls.length === 1 ? yamls[0]!.size : 0;
  if (yamlSize > MAX_CONFIG_BYTES)
    problems.push(`${yamls[0]!.name} is ${yamlSize} bytes, over the ${MAX_CONFIG_BYTES / 1024} KiB config limit`);
  if (onnxs.length === 1 && onnxs[0]!.size > MAX_MODEL_BYTES)
    problems.push(modelTooLarge(onnxs[0]!.name, onnxs[0]!.size));
  if (problems.length) {
    useApp.setState({ bundleErrors: capLines(problems) });
    setStatus(`Custom bundle refused: ${problems.join('; ')}.`, true);
    return Promise.resolve();
  }
  const yaml = yamls[0]!;
  const onnx = onnxs[0]!;
  return loadBundle({
    id: 'custom',
    configBytes: async () => new Uint8Array(await yaml.arrayBuffer()),
    modelBytes: async () => ({ bytes: new Uint8Array(await onnx.arrayBuffer()), name: onnx.name }),
    warnings: (config) =>
      onnx.name !== config.modelFile.split('/').pop()
        ? [`model.file says ${config.modelFile}; using the dropped ${onnx.name}`]
        : [],
  });
}

/**
 * Config → validation → model bytes → model check → session. Every step can
 * refuse the bundle with lines that say what is wrong; the model in use stays.
 */
async function loadBundle(src: BundleSource): Promise<void> {
  loading?.abort(abortError('a newer bundle was asked for'));
  const mine = new AbortController();
  loading = mine;
  const { signal } = mine;
  const hadModel = useApp.getState().bundle !== null;
  useApp.setState({ state: 'loading', bundleErrors: [], progress: null });
  setStatus(`Loading model ${src.id}…`);
  const fail = (all: string[]) => {
    // A hostile config can have tens of thousands of problems: show the first ones and a count.
    const lines = capLines(all);
    useApp.setState({ bundleErrors: lines, progress: null, state: hadModel ? 'ready' : 'error' });
    const still = hadModel ? ` Still using ${useApp.getState().bundle?.id}.` : ' Pick another model or fix the bundle.';
    setStatus(`Model ${src.id} refused: ${lines.join(' ')}${still}`, true);
  };
  let modelName = '';
  try {
    const configBytes = await src.configBytes(signal);
    if (signal.aborted) return;
    const parsed = await loadConfigOffThread(configBytes, src.id);
    if (signal.aborted) return;
    if (!parsed.ok) return fail(issueLines(parsed.issues));
    const { config, report } = parsed;
    const fetched = await src.modelBytes(config, signal);
    if (signal.aborted) return;
    // Moved to the parse worker and back, not copied; `fetched.bytes` is unusable after this.
    const { check, bytes } = await checkModelOffThread(fetched.bytes, parsed.text ?? '', config, fetched.name);
    const model = { bytes, name: fetched.name };
    if (signal.aborted) return;
    if (!check.ok) return fail(issueLines(check.issues));
    const modelSha256 = await sha256Hex(model.bytes);
    const warnings = [...(src.warnings?.(config) ?? []), ...check.warnings];
    setStatus(`Starting ${config.name}…`);
    useApp.setState({ progress: null });
    modelName = model.name;
    const session = await appInference().load(model.bytes, config, signal);
    const bundle: ActiveBundle = {
      id: src.id,
      config,
      report: { ...report, warnings: [...report.warnings, ...warnings] } satisfies LoadReport,
      reportLines: capLines([...formatReport(config, report), ...warnings.map((w) => `warning: ${w}`)]),
      modelSha256,
      modelName: model.name,
    };
    const saved = useSettings.getState().sliders;
    const sliders = saved && saved.bundleId === src.id ? saved : { conf: config.confidence, iou: config.iou };
    closeResult();
    useApp.setState({
      bundle,
      customBundleName: src.id === 'custom' ? config.name : useApp.getState().customBundleName,
      backend: session.backend,
      threads: session.threads,
      backendNote: session.note,
      conf: sliders.conf,
      iou: sliders.iou,
      state: 'ready',
    });
    if (src.id !== 'custom') useSettings.getState().setModelId(src.id);
    setStatus(
      `${config.name} ready on ${describeBackend(session.backend, session.threads)}. Drop, pick or paste an image.`,
    );
    await rerunLastImage();
  } catch (e) {
    if (signal.aborted || isAbortError(e)) return;
    // The worker kept the model in use; its error says in words why onnxruntime refused this one.
    if (e instanceof Error && e.name === 'ModelRefusedError')
      return fail([`model.file: onnxruntime refused ${modelName}: ${e.message}`]);
    fail([errorText(e)]);
  } finally {
    if (loading === mine) loading = null;
  }
}

export function describeBackend(backend: 'webgpu' | 'wasm', threads: number): string {
  return `${backend.toUpperCase()}${backend === 'wasm' ? ` (${threads} thread${threads > 1 ? 's' : ''})` : ''}`;
}
