/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createInferenceApi } from './inference-api.ts';
import { realWorkerDeps } from './worker-deps.ts';

Comlink.expose(createInferenceApi(realWorkerDeps));
