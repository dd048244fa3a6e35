import type { ConfigResult } from '../config/runtime-config.ts';
import type { ImageInspection } from '../image/inspect.ts';
import { parseOffThread } from './parse-client.ts';

export { PARSE_TIME_LIMIT_MS, ParseTimeoutError } from './parse-client.ts';

/** Validates a config in the parse worker (within the time limit). */
export function loadConfigOffThread(text: string, id: string): Promise<ConfigResult> {
  // Comlink's Remote<> spreads a union result into a union of promises; it is one promise.
  return parseOffThread(`the config of ${id}`, (api) => api.loadConfig(text, id) as Promise<ConfigResult>);
}

/** Sniffs, sizes and checks an image file in the parse worker (within the time limit). */
export function inspectImageOffThread(file: Blob, name: string): Promise<ImageInspection> {
  return parseOffThread(name, (api) => api.inspectImage(file));
}
