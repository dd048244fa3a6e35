import * as Comlink from 'comlink';
import { InFlightCalls } from '../util/in-flight-calls.ts';
import type { ParseWorkerApi } from './protocol.ts';

/** Longest a parser may run on one input before it is stopped and the input refused. */
export const PARSE_TIME_LIMIT_MS = 5000;

/** The input took longer than the time limit to parse; the parser was stopped. */
export class ParseTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(
      `${what} took more than ${ms / 1000} s to read, so reading it was stopped; the file is malformed or far more complex than a real one`,
    );
    this.name = 'ParseTimeoutError';
  }
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<ParseWorkerApi>;
  /** Rejected when the worker is stopped, so no call waits forever. */
  calls: InFlightCalls;
  stop: (why: Error) => void;
}

let live: Live | null = null;

function ensure(): Live {
  if (live) return live;
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' });
  const calls = new InFlightCalls();
  const stop = (why: Error) => {
    worker.terminate();
    calls.stop(why);
  };
  const started: Live = { worker, api: Comlink.wrap<ParseWorkerApi>(worker), calls, stop };
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    if (live === started) live = null;
    started.stop(new Error(`the parser stopped unexpectedly (${ev.message || 'unknown error'})`));
  });
  live = started;
  return started;
}

/**
 * Runs one parse in the parse worker. Past `timeoutMs` the worker is killed
 * (a parser stuck in a loop cannot be interrupted otherwise) and the call
 * rejects with ParseTimeoutError; the next call starts a fresh worker.
 */
export async function parseOffThread<T>(
  what: string,
  call: (api: Comlink.Remote<ParseWorkerApi>) => Promise<T>,
  timeoutMs = PARSE_TIME_LIMIT_MS,
): Promise<T> {
  const w = ensure();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new ParseTimeoutError(what, timeoutMs);
      if (live === w) live = null;
      w.stop(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    // The timeout is this call's own promise, so racing it leaves nothing on the long-lived worker.
    return await Promise.race([w.calls.run(call(w.api)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
