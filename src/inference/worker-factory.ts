/** Starts an inference worker. The test build swaps in a worker with injected faults (src/test-seams/). */
export type WorkerFactory = () => Worker;

const productionWorker: WorkerFactory = () =>
  new Worker(new URL('../worker/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });

let factory: WorkerFactory = productionWorker;

/** Called once, before the app starts, by the test build only. */
export function setWorkerFactory(f: WorkerFactory): void {
  factory = f;
}

export function startWorker(): Worker {
  return factory();
}
