/**
 * The little the checks need from a browser, the same over Firefox (puppeteer-core,
 * WebDriver BiDi) and WebKitGTK (W3C WebDriver over HTTP): open a URL, reload, run a
 * script in the page, close. Page scripts are JavaScript source text, not functions
 * of this file: tsx rewrites functions (name helpers) into code the page cannot run.
 */
export interface BrowserDriver {
  /** `firefox` or `webkit`: the prefix of every check's name. */
  readonly name: string;
  /** Browser and version, for the report. */
  readonly version: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /**
   * Runs `fn`, the source of a (possibly async) function expression, with `args`
   * (JSON values) in the page, and resolves with its JSON result.
   */
  run<T>(fn: string, ...args: unknown[]): Promise<T>;
  /** Ends the session and every process it started, even when the browser is stuck. */
  close(): Promise<void>;
}

/** `p`, or a rejection naming `what` after `ms`: nothing in this suite may wait forever. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until `done` accepts its value; rejects with the last value seen after `ms`. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  ms: number,
  what: string,
  everyMs = 250,
): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > end)
      throw new Error(`${what}: not within ${Math.round(ms / 1000)} s (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
