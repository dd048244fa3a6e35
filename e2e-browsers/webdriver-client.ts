/**
 * A W3C WebDriver client, as small as the checks need: a session, navigation,
 * reload, an asynchronous script, the end. Plain fetch; every command has a
 * hard time limit, so a stuck browser fails its check instead of the suite.
 */

export class WebDriverError extends Error {
  constructor(command: string, status: number, body: unknown) {
    const v = (body as { value?: { error?: string; message?: string } } | null)?.value;
    super(`WebDriver ${command} → HTTP ${status}${v?.error ? ` ${v.error}` : ''}${v?.message ? `: ${v.message}` : ''}`);
    this.name = 'WebDriverError';
  }
}

export class WebDriverSession {
  private constructor(
    private readonly base: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  static async create(
    base: string,
    capabilities: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<WebDriverSession> {
    const v = await command<{ sessionId: string; capabilities: Record<string, unknown> }>(
      base,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: capabilities } },
      timeoutMs,
    );
    return new WebDriverSession(base, v.sessionId, v.capabilities);
  }

  private send<T>(method: string, path: string, body: unknown, timeoutMs: number): Promise<T> {
    return command<T>(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  navigate(url: string, timeoutMs = 60_000): Promise<void> {
    return this.send('POST', '/url', { url }, timeoutMs);
  }

  refresh(timeoutMs = 60_000): Promise<void> {
    return this.send('POST', '/refresh', {}, timeoutMs);
  }

  /**
   * Runs `fn` (a function expression's source) with `args`; its result, awaited,
   * comes back. A throw in the page comes back as an Error with the page's message.
   */
  async run<T>(fn: string, args: unknown[], timeoutMs = 60_000): Promise<T> {
    const script = `const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      Promise.resolve().then(() => (${fn}).apply(null, args)).then(
        (value) => done({ ok: true, value: value === undefined ? null : value }),
        (e) => done({ ok: false, error: String((e && e.message) || e) }));`;
    const r = await this.send<{ ok: boolean; value?: T; error?: string }>(
      'POST',
      '/execute/async',
      { script, args },
      timeoutMs + 5_000,
    );
    if (!r.ok) throw new Error(`in the page: ${r.error}`);
    return r.value as T;
  }

  setTimeouts(t: { script?: number; pageLoad?: number }): Promise<void> {
    return this.send('POST', '/timeouts', t, 10_000);
  }

  delete(timeoutMs = 10_000): Promise<void> {
    return command(this.base, 'DELETE', `/session/${this.id}`, undefined, timeoutMs);
  }
}

async function command<T>(base: string, method: string, path: string, body: unknown, timeoutMs: number): Promise<T> {
  const what = `${method} ${path.replace(/\/session\/[^/]+/, '/session/…')}`;
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const why = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : String(e);
    throw new Error(`WebDriver ${what}: ${why}`);
  }
  const json = (await res.json().catch(() => null)) as { value?: T } | null;
  if (!res.ok) throw new WebDriverError(what, res.status, json);
  return json?.value as T;
}

/** Waits until a WebDriver server answers /status as ready. */
export async function waitForDriver(base: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    try {
      const v = await command<{ ready?: boolean; message?: string }>(base, 'GET', '/status', undefined, 2_000);
      if (v?.ready) return;
      last = v?.message ?? 'not ready';
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebDriver at ${base} not ready within ${timeoutMs / 1000} s (${last})`);
}
