import { create } from 'zustand';
import type { LoadReport, RuntimeConfig } from '../config/runtime-config.ts';
import type { Candidates } from '../detect/candidates.ts';
import type { GpuLevers } from '../gpu/levers.ts';
import type { Backend, StageTimings } from '../worker/protocol.ts';

export type AppState = 'loading' | 'busy' | 'ready' | 'error';

/** Where the model of a bundle can be read again (the benchmark times loading from it). */
export type ModelSource = { kind: 'url'; url: string } | { kind: 'file'; file: Blob; name: string };

export interface ActiveBundle {
  id: string;
  config: RuntimeConfig;
  report: LoadReport;
  /** Report lines and model-check warnings, for the Model panel. */
  reportLines: string[];
  modelSha256: string;
  modelName: string;
  modelSource: ModelSource;
  /** The config written from the model's metadata when the model was dropped alone, offered as a download. */
  generatedConfig: { yaml: string; fileName: string } | null;
}

export interface DetectionResult {
  imageName: string;
  /** Kept for redraws when the sliders move; closed when replaced. */
  image: ImageBitmap;
  width: number;
  height: number;
  inputWidth: number;
  inputHeight: number;
  candidates: Candidates;
  timings: StageTimings;
  backend: Backend;
  threads: number;
  bundleId: string;
  /** WebGPU levers that ran for this result; absent on WASM. */
  gpu?: GpuLevers;
}

export interface Progress {
  file: string;
  loaded: number;
  total: number | null;
}

interface AppStore {
  state: AppState;
  status: string;
  statusIsError: boolean;
  backend: Backend | null;
  threads: number | null;
  backendNote: string;
  catalog: { default: string; bundles: string[] } | null;
  bundle: ActiveBundle | null;
  /** Why the selected bundle could not be used, one line per problem. */
  bundleErrors: string[];
  customBundleName: string | null;
  result: DetectionResult | null;
  conf: number;
  iou: number;
  progress: Progress | null;
}

export const useApp = create<AppStore>()(() => ({
  state: 'loading',
  status: 'Starting…',
  statusIsError: false,
  backend: null,
  threads: null,
  backendNote: '',
  catalog: null,
  bundle: null,
  bundleErrors: [],
  customBundleName: null,
  result: null,
  conf: 0.25,
  iou: 0.45,
  progress: null,
}));

/** The status line, in words; `isError` styles it as an error. */
export function setStatus(text: string, isError = false): void {
  useApp.setState({ status: text, statusIsError: isError });
}
