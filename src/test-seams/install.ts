/**
 * Test seams, compiled into the test build only (`vite build --mode test`,
 * dist-test/): the e2e suites and the benchmark run on it; `npm run build`
 * (dist/, what users get) contains none of this.
 *
 * - `?fault=no-webgpu,webgpu-create,webgpu-run,crash-on-detect` starts the
 *   inference worker with that fault (see worker-seams.ts); a crash is one-shot,
 *   so the restarted worker can prove recovery.
 * - `?fault=png-encode` makes the browser's PNG encoder fail (as it does when
 *   memory runs out), so the downloads' error path can be seen.
 * - `?bench-opt=disabled|basic|extended|all` sets ORT's graph optimisation level.
 * - `window.__yolo`: `memory()` of the inference worker (leak checks),
 *   `terminateWorker()` (as the browser would kill it), `lastStream` (the
 *   camera stream the page last opened, to check every track ended),
 *   `breakRender()` (puts a value React cannot render into the app state, as a
 *   bug would, to show the error boundary).
 */
import { appInference } from '../inference/app-inference.ts';
import { setWorkerFactory } from '../inference/worker-factory.ts';
import { useApp } from '../store/app-store.ts';
import type { WorkerMemory } from '../worker/protocol.ts';
import { FAULTS, type Fault, seamsToWorkerName, type WorkerSeams } from './worker-seams.ts';

export interface TestHooks {
  memory(): Promise<WorkerMemory>;
  terminateWorker(): void;
  lastStream: MediaStream | null;
  breakRender(): void;
}

declare global {
  interface Window {
    __yolo?: TestHooks;
  }
}

const OPT_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;

function seamsFromUrl(search: string): WorkerSeams {
  const q = new URLSearchParams(search);
  const faults = (q.get('fault') ?? '').split(',').filter((f): f is Fault => (FAULTS as readonly string[]).includes(f));
  const level = q.get('bench-opt');
  const opt = OPT_LEVELS.find((l) => l === level);
  return { faults, ...(opt ? { sessionOptions: { graphOptimizationLevel: opt } } : {}) };
}

export function installTestSeams(): void {
  const seams = seamsFromUrl(location.search);
  let current: Worker | null = null;
  let started = 0;
  setWorkerFactory(() => {
    const faults = started++ === 0 ? seams.faults : seams.faults.filter((f) => f !== 'crash-on-detect');
    current = new Worker(new URL('./inference.worker.ts', import.meta.url), {
      type: 'module',
      name: seamsToWorkerName({ ...seams, faults }),
    });
    return current;
  });

  const hooks: TestHooks = {
    memory: () => appInference().memory(),
    terminateWorker() {
      // A killed worker sends nothing; the error event is how the page learns it is gone.
      current?.terminate();
      current?.dispatchEvent(new ErrorEvent('error', { message: 'it was terminated' }));
    },
    lastStream: null,
    breakRender() {
      // React throws "Objects are not valid as a React child" while rendering the status line.
      useApp.setState({ status: { injected: 'fault: not text' } as unknown as string });
    },
  };
  window.__yolo = hooks;
  if (new URLSearchParams(location.search).get('fault')?.split(',').includes('png-encode')) breakPngEncoding();

  const media = navigator.mediaDevices;
  if (media?.getUserMedia) {
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      hooks.lastStream = stream;
      return stream;
    };
  }
}

/** Every PNG encode fails, as the browser's does when it runs out of memory for a large canvas. */
function breakPngEncoding(): void {
  const fail = () => new DOMException('injected fault: the PNG encoder ran out of memory', 'EncodingError');
  OffscreenCanvas.prototype.convertToBlob = () => Promise.reject(fail());
  HTMLCanvasElement.prototype.toBlob = () => {
    throw fail();
  };
}
