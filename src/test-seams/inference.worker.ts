/// <reference lib="webworker" />
/**
 * The test build's inference worker: the production worker's logic with its
 * dependencies wrapped as the page asked (faults, session options), plus a
 * measure of ORT's WebAssembly memory for the memory-growth tests.
 */
import * as Comlink from 'comlink';
import { createInferenceApi } from '../worker/inference-api.ts';
import { realWorkerDeps } from '../worker/worker-deps.ts';
import { wasmMemoryBytes, watchWasmMemory } from './wasm-memory.ts';
import { seamsFromWorkerName, wrapApi, wrapDeps } from './worker-seams.ts';

watchWasmMemory();
const seams = seamsFromWorkerName(self.name);
const deps = wrapDeps({ ...realWorkerDeps, wasmMemoryBytes }, seams);
Comlink.expose(wrapApi(createInferenceApi(deps), seams));
