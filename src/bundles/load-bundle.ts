import { resetClassFilterFor } from '../store/class-filter-store.ts';
import { describeLevers } from '../gpu/levers.ts';
import { formatReport, MAX_CONFIG_BYTES } from '../config/index.ts';
import { checkModelOffThread, configFromModelOffThread, loadConfigOffThread } from '../parse-worker/index.ts';
import type { ConfigIssue, LoadReport, RuntimeConfig } from '../config/runtime-config.ts';
import { closeResult, rerunLastImage } from '../image-detection/detect-image.ts';
import { appInference } from '../inference/app-inference.ts';
import { MAX_MODEL_BYTES, modelTooLarge } from '../model/check-model-bytes.ts';
import { GENERATED_CONFIG_NAME, sourceLines } from '../model/config-from-model.ts';
import { sha256Hex } from '../model/sha256.ts';
import { type ActiveBundle, type ModelSource, setStatus, useApp } from '../store/app-store.ts';
import { useSettings } from '../store/settings-store.ts';
import { appUrl } from '../util/app-url.ts';
import { urlInsideFolder } from '../util/bundle-url.ts';
import { abortError, errorText, isAbortError } from '../util/errors.ts';
import { capLines } from '../util/lists.ts';
import { listText } from '../util/text.ts';
import { fetchBytes, HttpError } from './fetch-bytes.ts';

/** Where a bundle's files come from: the app's own folder, files the user dropped, or a model dropped alone. */
interface BundleSource {
  id: string;
  /**
   * How issues are introduced: the config file's name (`config.yaml:12:3 path: …`), or, for a config
   * written from a dropped model, the model's name: its check's messages name the model and tensor already.
   */
  configLabel: { file: string } | { generatedFor: string };
  /** The config file's bytes: decoded (strict UTF-8) in the parse worker, like every untrusted input. */
  configBytes: (signal: AbortSignal) => Promise<Uint8Array>;
  modelBytes: (config: RuntimeConfig, signal: AbortSignal) => Promise<{ bytes: Uint8Array; name: string }>;
  /** Where the benchmark reads the model again. */
  modelSource: (config: RuntimeConfig) => ModelSource;
  /** Extra warnings from the source itself (e.g. a dropped model with another name). */
  warnings?: (config: RuntimeConfig) => string[];
  /** Set once a config has been written from the model's metadata. */
  generated?: () => GeneratedConfigInfo | null;
}

interface GeneratedConfigInfo {
  yaml: string;
  /** Report lines: the note, then each value and where it came from. */
  lines: string[];
  warnings: string[];
}

/** A bundle refused before its config exists (a model dropped alone that cannot be described). */
class BundleRefused extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join(' '));
    this.name = 'BundleRefused';
  }
}

let loading: AbortController | null = null;

/** One line per issue: `file:line:col path: message` when the issue has a place in a named file. */
export function issueLines(issues: readonly ConfigIssue[], file?: string): string[] {
  return issues.map((i) => {
    const at = file && i.line !== undefined ? `${file}:${i.line}:${i.col ?? 1} ` : '';
    return `${at}${i.path ? `${i.path}: ${i.message}` : i.message}`;
  });
}

/**
 * Issue lines of a config (`stage` 'config') or of the model check against it. A config the user
 * never saw is not quoted: the model check's messages say what is wrong with the model itself,
 * and an issue in a generated config (the generator checks its own output, so a bug) names the model.
 */
function labelIssues(src: BundleSource, issues: readonly ConfigIssue[], stage: 'config' | 'model'): string[] {
  if ('file' in src.configLabel) return issueLines(issues, src.configLabel.file);
  if (stage === 'model') return issues.map((i) => i.message);
  const model = src.configLabel.generatedFor;
  return issueLines(issues).map((l) => `the config written for ${model} is invalid: ${l}`);
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

/** The user's own bundle last loaded, so picking "custom" again in the picker reloads it from its files. */
let lastCustom: BundleSource | null = null;

/** Loads a shipped bundle by id, or the user's own bundle again (`custom`). */
export function selectBundle(id: string): Promise<void> {
  if (id === 'custom') return lastCustom ? loadBundle(lastCustom) : Promise.resolve();
  const folder = appUrl(`models/${id}/`);
  // Validation already refused names that leave the bundle; the URL actually fetched is checked too.
  const modelUrl = (config: RuntimeConfig): URL => {
    const url = urlInsideFolder(folder, config.modelFile);
    if (!url) throw new Error(`model file ${JSON.stringify(config.modelFile)} does not resolve inside models/${id}/`);
    return url;
  };
  return loadBundle({
    id,
    configLabel: { file: `models/${id}/config.yaml` },
    modelSource: (config) => ({ kind: 'url', url: modelUrl(config).href }),
    configBytes: (signal) => fetchBytes(`${folder}config.yaml`, () => undefined, signal, MAX_CONFIG_BYTES),
    modelBytes: async (config, signal) => {
      const name = config.modelFile;
      const url = modelUrl(config);
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

/**
 * Loads a user's own model from dropped or picked files: a .yaml config and
 * its .onnx together, or an .onnx alone (its config is then written from its metadata).
 */
export function loadCustomBundle(files: readonly File[]): Promise<void> {
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.name));
  const onnxs = files.filter((f) => /\.onnx$/i.test(f.name));
  const problems: string[] = [];
  if (yamls.length > 1) problems.push(`a custom bundle needs at most one .yaml config, got ${yamls.length}`);
  if (onnxs.length !== 1) problems.push(`a custom bundle needs exactly one .onnx model, got ${onnxs.length}`);
  const others = files.filter((f) => !yamls.includes(f) && !onnxs.includes(f));
  if (others.length) problems.push(`unexpected files: ${listText(others.map((f) => f.name))}`);
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
  const onnx = onnxs[0]!;
  const yaml = yamls[0];
  if (!yaml) return loadModelAlone(onnx);
  return loadBundle({
    id: 'custom',
    configLabel: { file: yaml.name },
    configBytes: async () => new Uint8Array(await yaml.arrayBuffer()),
    modelBytes: async () => ({ bytes: new Uint8Array(await onnx.arrayBuffer()), name: onnx.name }),
    modelSource: () => ({ kind: 'file', file: onnx, name: onnx.name }),
    warnings: (config) =>
      onnx.name !== config.modelFile.split('/').pop()
        ? [`model.file says ${config.modelFile}; using the dropped ${onnx.name}`]
        : [],
  });
}

/**
 * An .onnx dropped alone: its config is written from its metadata and shapes
 * as v3 YAML, then goes through the same validation, builder and model check
 * as a config file would.
 */
function loadModelAlone(onnx: File): Promise<void> {
  let bytes: Uint8Array | null = null;
  let generated: GeneratedConfigInfo | null = null;
  return loadBundle({
    id: 'custom',
    configLabel: { generatedFor: onnx.name },
    async configBytes() {
      // The header is read in the parse worker; the bytes go there and back, not copied.
      const read = await configFromModelOffThread(new Uint8Array(await onnx.arrayBuffer()), onnx.name);
      bytes = read.bytes;
      const g = read.generated;
      if (!g.ok) throw new BundleRefused(g.problems);
      generated = { yaml: g.yaml, lines: sourceLines(g.sources), warnings: g.warnings };
      return new TextEncoder().encode(g.yaml);
    },
    modelBytes: async () => ({ bytes: bytes ?? new Uint8Array(await onnx.arrayBuffer()), name: onnx.name }),
    modelSource: () => ({ kind: 'file', file: onnx, name: onnx.name }),
    warnings: () => generated?.warnings ?? [],
    generated: () => generated,
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
    if (!parsed.ok) return fail(labelIssues(src, parsed.issues, 'config'));
    const { config, report } = parsed;
    const fetched = await src.modelBytes(config, signal);
    if (signal.aborted) return;
    // Checked in the parse worker, issues placed at their line there; the bytes are moved
    // there and back, not copied (`fetched.bytes` is unusable after this).
    const { check, bytes } = await checkModelOffThread(fetched.bytes, parsed.text ?? '', config, fetched.name);
    const model = { bytes, name: fetched.name };
    if (signal.aborted) return;
    if (!check.ok) return fail(labelIssues(src, check.issues, 'model'));
    const modelSha256 = await sha256Hex(model.bytes);
    const warnings = [...(src.warnings?.(config) ?? []), ...check.warnings];
    setStatus(`Starting ${config.name}…`);
    useApp.setState({ progress: null });
    modelName = model.name;
    const session = await appInference().load(model.bytes, config, signal);
    const generated = src.generated?.() ?? null;
    const bundle: ActiveBundle = {
      id: src.id,
      config,
      report: { ...report, warnings: [...report.warnings, ...warnings] } satisfies LoadReport,
      // The report's own lines are a fixed few; its warnings come from the files, so they are capped.
      reportLines: [
        ...(generated?.lines ?? []),
        ...formatReport(config, report),
        ...capLines(warnings.map((w) => `warning: ${w}`)),
        // Which WebGPU levers this session runs with, and why any is off (a refused graph capture, say).
        ...(session.gpu ? [`${describeLevers(session.gpu)}.${session.note ? ` ${session.note}` : ''}`] : []),
      ],
      modelSha256,
      modelName: model.name,
      modelSource: src.modelSource(config),
      generatedConfig: generated ? { yaml: generated.yaml, fileName: GENERATED_CONFIG_NAME } : null,
    };
    const saved = useSettings.getState().sliders;
    const sliders = saved && saved.bundleId === src.id ? saved : { conf: config.confidence, iou: config.iou };
    closeResult();
    resetClassFilterFor(`${src.id}:${modelSha256}`); // class ids of another model mean other classes
    if (src.id === 'custom') lastCustom = src;
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
      return fail([`${'file' in src.configLabel ? 'model.file: ' : ''}onnxruntime refused ${modelName}: ${e.message}`]);
    fail(e instanceof BundleRefused ? e.lines : [errorText(e)]);
  } finally {
    if (loading === mine) loading = null;
  }
}

export function describeBackend(backend: 'webgpu' | 'wasm', threads: number): string {
  return `${backend.toUpperCase()}${backend === 'wasm' ? ` (${threads} thread${threads > 1 ? 's' : ''})` : ''}`;
}
