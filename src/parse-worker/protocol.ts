import type { ConfigResult } from '../config/runtime-config.ts';
import type { ImageInspection } from '../image/inspect.ts';

/**
 * Parsers of untrusted input (dropped configs, image headers) that run in
 * their own worker, so a slow or hostile file cannot freeze the page.
 */
export interface ParseWorkerApi {
  loadConfig(text: string, id: string): Promise<ConfigResult>;
  inspectImage(file: Blob): Promise<ImageInspection>;
}
