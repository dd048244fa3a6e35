import * as Comlink from 'comlink';
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
  /** Rejects every call in flight when the worker is stopped. */
  stop: (why: Error) => void;
  stopped: Promise<never>;
}

let live: Live | null = null;

function ensure(): Live {
  if (live) return live;
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' });
  let stop!: (why: Error) => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = (why) => {
      worker.terminate();
      reject(why);
    };
  });
  stopped.catch(() => undefined);
  const started: Live = { worker, api: Comlink.wrap<ParseWorkerApi>(worker), stop, stopped };
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
    return await Promise.race([call(w.api), w.stopped, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
