import type { CDPSession, Page } from '@playwright/test';

/** JS heap bytes after a full GC: the window's and each dedicated worker's, by script name (e.g. `inference.worker`). */
export interface HeapAfterGc {
  window: number;
  workers: Record<string, number>;
  /** Live Promise objects in the window after the GC: one more per frame is a leak too small to show in bytes. */
  promises: number;
}

interface TargetMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

/**
 * Exact heap sizes through the DevTools protocol, in well under a second:
 * `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage`, in the page and
 * in every worker (attached with `Target.setAutoAttach`, non-flat, so the
 * page's own CDP session can talk to them). It replaces
 * `performance.measureUserAgentSpecificMemory()`, which waits up to 60 s for
 * a GC of its own choosing. Chromium only.
 */
export async function heapAfterGc(page: Page): Promise<HeapAfterGc> {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Map<string, string>();
  const pending = new Map<number, (m: TargetMessage) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, workerName(e.targetInfo.url));
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as TargetMessage;
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  const inWorker = (sessionId: string, method: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => {
        pending.delete(id);
        if (m.error) reject(new Error(`${method} in a worker: ${m.error.message}`));
        else resolve(m.result);
      });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  try {
    // Attaching reports the workers already running before this call resolves.
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    const out: HeapAfterGc = { window: 0, workers: {}, promises: 0 };
    for (const [sessionId, name] of workers) {
      await inWorker(sessionId, 'HeapProfiler.collectGarbage');
      const usage = (await inWorker(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number };
      out.workers[name] = (out.workers[name] ?? 0) + usage.usedSize;
    }
    await cdp.send('HeapProfiler.collectGarbage');
    out.window = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    out.promises = await livePromises(cdp);
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** `…/assets/inference.worker-DehH0aEV.js` → `inference.worker`. */
function workerName(url: string): string {
  const file = url.split('/').pop() ?? url;
  return file.replace(/-[\w-]{6,}\.js$/, '').replace(/\.js$/, '');
}

async function livePromises(cdp: CDPSession): Promise<number> {
  const group = 'promise-count';
  const proto = await cdp.send('Runtime.evaluate', { expression: 'Promise.prototype', objectGroup: group });
  const found = await cdp.send('Runtime.queryObjects', {
    prototypeObjectId: proto.result.objectId!,
    objectGroup: group,
  });
  const n = await cdp.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId!,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
  return n.result.value as number;
}
