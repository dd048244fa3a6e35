import type { ConfigResult, RuntimeConfig } from '../config/runtime-config.ts';
import type { ImageInspection } from '../image/inspect.ts';
import type { ModelCheck } from '../model/check-model-bytes.ts';
import type { GeneratedConfig } from '../model/config-from-model.ts';

/** A config read from its bytes; `text` (when decoded) places later model issues at their line. */
export type ConfigBytesResult = ConfigResult & { text?: string };

export interface ModelCheckRequest {
  /** Transferred in and back: the check never copies the model. */
  bytes: ArrayBuffer;
  configText: string;
  config: RuntimeConfig;
  modelName: string;
}

export interface ConfigFromModelReply {
  generated: GeneratedConfig;
  bytes: ArrayBuffer;
}

export interface ModelCheckReply {
  /** Issues already placed at their line:col in the config text. */
  check: ModelCheck;
  bytes: ArrayBuffer;
}

/**
 * Parsers of untrusted input (dropped configs, model headers, image headers)
 * that run in their own worker, so a slow or hostile file cannot freeze the page.
 */
export interface ParseWorkerApi {
  loadConfig(bytes: Uint8Array, id: string): Promise<ConfigBytesResult>;
  checkModel(req: ModelCheckRequest): Promise<ModelCheckReply>;
  /** Writes the config of a model dropped alone from its header; the bytes are transferred in and back. */
  configFromModel(bytes: ArrayBuffer, modelName: string): Promise<ConfigFromModelReply>;
  inspectImage(file: Blob): Promise<ImageInspection>;
}
