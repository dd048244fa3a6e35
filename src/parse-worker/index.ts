import * as Comlink from 'comlink';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { ImageInspection } from '../image/inspect.ts';
import type { ModelCheck } from '../model/check-model-bytes.ts';
import type { GeneratedConfig } from '../model/config-from-model.ts';
import { parseOffThread } from './parse-client.ts';
import type { ConfigBytesResult } from './protocol.ts';

export { PARSE_TIME_LIMIT_MS, ParseTimeoutError } from './parse-client.ts';
export type { ConfigBytesResult } from './protocol.ts';

/** Decodes and validates a config file's bytes in the parse worker (within the time limit). */
export function loadConfigOffThread(bytes: Uint8Array, id: string): Promise<ConfigBytesResult> {
  // Comlink's Remote<> spreads a union result into a union of promises; it is one promise.
  return parseOffThread(`the config of ${id}`, (api) => api.loadConfig(bytes, id) as Promise<ConfigBytesResult>);
}

/**
 * Reads the model's ONNX header and checks it against the config in the parse
 * worker (within the time limit). The bytes are moved there and back, never
 * copied: `bytes` is unusable afterwards; use the returned ones. If the check
 * is stopped (time limit, crash) they are lost with the worker, and the
 * bundle is refused anyway.
 */
export async function checkModelOffThread(
  bytes: Uint8Array,
  configText: string,
  config: RuntimeConfig,
  modelName: string,
): Promise<{ check: ModelCheck; bytes: Uint8Array }> {
  const buffer = wholeBuffer(bytes);
  const reply = await parseOffThread(`the model ${modelName}`, (api) =>
    api.checkModel(Comlink.transfer({ bytes: buffer, configText, config, modelName }, [buffer])),
  );
  return { check: reply.check as ModelCheck, bytes: new Uint8Array(reply.bytes) };
}

/**
 * Writes the config of a model dropped alone from its ONNX header, in the
 * parse worker (within the time limit). Like checkModelOffThread, the bytes
 * are moved there and back: use the returned ones.
 */
export async function configFromModelOffThread(
  bytes: Uint8Array,
  modelName: string,
): Promise<{ generated: GeneratedConfig; bytes: Uint8Array }> {
  const buffer = wholeBuffer(bytes);
  const reply = await parseOffThread(`the model ${modelName}`, (api) =>
    api.configFromModel(Comlink.transfer(buffer, [buffer]), modelName),
  );
  return { generated: reply.generated as GeneratedConfig, bytes: new Uint8Array(reply.bytes) };
}

/** Only a buffer the bytes fill exactly can be moved (transferred) without copying or exposing more. */
function wholeBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) {
    throw new Error('model bytes must own their whole ArrayBuffer to be moved to the parse worker without copying');
  }
  return buffer;
}

/** Sniffs, sizes and checks an image file in the parse worker (within the time limit). */
export function inspectImageOffThread(file: Blob, name: string): Promise<ImageInspection> {
  return parseOffThread(name, (api) => api.inspectImage(file));
}
