/**
 * The processes the suite starts (Xvfb, WebKitWebDriver and the browsers under
 * it), each in its own process group so one kill ends it and its children,
 * and the ports it may use (4301-4309, so it runs beside the other suites).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';

export const PORTS = { first: 4301, last: 4309 } as const;
const taken = new Set<number>();

/** A port of the suite's range that nothing listens on (and that this run has not handed out). */
export async function freePort(): Promise<number> {
  for (let p = PORTS.first; p <= PORTS.last; p++) {
    if (taken.has(p)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) {
      taken.add(p);
      return p;
    }
  }
  throw new Error(`no free port in ${PORTS.first}-${PORTS.last}`);
}

export function releasePort(p: number): void {
  taken.delete(p);
}

export function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A started process group: its output tail (for error messages) and a kill that waits for the exit. */
export interface Started {
  child: ChildProcess;
  output(): string;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the leader has exited. */
  kill(graceMs?: number): Promise<void>;
}

const live = new Set<Started>();

export function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Started {
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const started: Started = {
    child,
    output: () => out,
    async kill(graceMs = 2000) {
      live.delete(started);
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs + 1000))]);
      clearTimeout(timer);
      // The group may outlive its leader (a browser's web processes): no survivors.
      signal('SIGKILL');
    },
  };
  live.add(started);
  return started;
}

/** Process groups another launcher started (puppeteer's Firefox), killed with ours at the end. */
const adopted = new Set<number>();
export function adopt(pid: number | undefined): () => void {
  if (!pid) return () => undefined;
  adopted.add(pid);
  return () => {
    adopted.delete(pid);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
}

/** Every process group still running, killed: the suite's last word, also on failure. */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((s) => s.kill(1000)));
  killAllNow();
}

/** Kills synchronously what is left when the runner is interrupted (no awaiting in an exit handler). */
export function killAllNow(): void {
  for (const s of live) {
    try {
      if (s.child.pid) process.kill(-s.child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
  for (const pid of adopted) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  adopted.clear();
}

/** An Xvfb on a display number it picks itself (-displayfd), for browsers that need a display. */
export async function startXvfb(): Promise<{ display: string; proc: Started }> {
  const proc = start('Xvfb', ['-displayfd', '1', '-screen', '0', '1366x900x24', '-nolisten', 'tcp']);
  const display = await new Promise<string>((resolve, fail) => {
    const timer = setTimeout(() => fail(new Error(`Xvfb did not start within 10 s: ${proc.output()}`)), 10_000);
    proc.child.stdout?.on('data', (b: Buffer) => {
      const m = /^(\d+)\s*$/m.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        resolve(`:${m[1]}`);
      }
    });
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Xvfb exited (${code}): ${proc.output()}`));
    });
  });
  return { display, proc };
}
