/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { loadConfigText } from '../config/index.ts';
import { inspectImageFile } from '../image/inspect.ts';
import type { ParseWorkerApi } from './protocol.ts';

const api: ParseWorkerApi = {
  loadConfig: async (text, id) => loadConfigText(text, { id }),
  inspectImage: inspectImageFile,
};

Comlink.expose(api);
