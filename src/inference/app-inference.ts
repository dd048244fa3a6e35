import type { WorkerInit } from '../worker/protocol.ts';
import { InferenceEngine } from './engine.ts';

let engine: InferenceEngine | null = null;

/** The app's one inference engine; created by `startAppInference` when the app starts. */
export function appInference(): InferenceEngine {
  if (!engine) throw new Error('inference is not started yet');
  return engine;
}

export function startAppInference(init: WorkerInit): InferenceEngine {
  engine ??= new InferenceEngine(init);
  return engine;
}
