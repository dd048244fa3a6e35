import type { WorkerMemory } from '../worker/protocol';

/**
 * Test-only windows into state the page does not show: the last stream (to
 * check every track ended after Stop) and the worker's memory (for the
 * growth test). Tiny, and they hold no frames.
 */
declare global {
  interface Window {
    __lastStream?: MediaStream | null;
    __inferenceMemory?: () => Promise<WorkerMemory>;
  }
}

export function exposeStream(stream: MediaStream | null): void {
  window.__lastStream = stream;
}

export function exposeMemory(read: () => Promise<WorkerMemory>): void {
  window.__inferenceMemory ??= read;
}
