/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { loadConfigBytes, placeModelIssue } from '../config/index.ts';
import { inspectImageFile } from '../image/inspect.ts';
import { checkModelBytes } from '../model/check-model-bytes.ts';
import { configFromModelBytes } from '../model/config-from-model.ts';
import type { ParseWorkerApi } from './protocol.ts';

const api: ParseWorkerApi = {
  loadConfig: async (bytes, id) => loadConfigBytes(bytes, { id }),
  checkModel: async ({ bytes, configText, config, modelName }) => {
    const check = checkModelBytes(new Uint8Array(bytes), config, modelName);
    const placed = check.ok
      ? check
      : { ...check, issues: check.issues.map((i) => placeModelIssue(configText, config.schemaVersion, i)) };
    return Comlink.transfer({ check: placed, bytes }, [bytes]);
  },
  configFromModel: async (bytes, modelName) =>
    Comlink.transfer({ generated: configFromModelBytes(new Uint8Array(bytes), modelName), bytes }, [bytes]),
  inspectImage: inspectImageFile,
};

Comlink.expose(api);
