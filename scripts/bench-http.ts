import type { ChildProcess } from 'node:child_process';
/** The benchmarks' local server helpers: a free port to serve a build on, and waiting until it answers. */
import net from 'node:net';

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port in ${from}–${from + 99}`);
}

/** Resolves once `url` answers 200; `debug` hears each failed try (BENCH_DEBUG). */
export async function waitHttp(url: string, ms: number, debug?: (line: string) => void): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch (e) {
      debug?.(`waiting for ${url}: ${String((e as { cause?: unknown }).cause ?? e)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** Stops a server started detached (its whole process group). */
export function stop(child: ChildProcess | null): void {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}
