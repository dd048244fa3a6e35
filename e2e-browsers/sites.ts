/**
 * The deployed build served three ways, one origin (port) each so their service
 * workers and caches never meet:
 * - `pages`: a header-less host like GitHub Pages (`e2e/offline-server.ts`); the
 *   service worker isolates the page on the second load, and stopping the server
 *   takes it offline;
 * - `headers`: the host sends COOP/COEP/CORP itself, so the page is isolated on
 *   the first load without a service worker;
 * - `plain`: no isolation headers and no service worker (`sw.js` is not found), as
 *   in a browser without service workers: never isolated.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { startStaticServer } from '../e2e/offline-server.ts';
import { freePort, releasePort } from './processes.ts';

export const PREFIX = '/yolov5-webgpu/';
export type SiteKind = 'pages' | 'headers' | 'plain';

export interface Site {
  kind: SiteKind;
  url: string;
  /** Every request as `<status> <path>`. */
  log: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

export async function startSite(kind: SiteKind, root: string): Promise<Site> {
  const port = await freePort();
  if (kind === 'pages') {
    const s = await startStaticServer({ root, prefix: PREFIX, port });
    let closed = false;
    return {
      kind,
      url: s.url,
      log: s.log,
      close: async () => {
        if (closed) return;
        closed = true;
        await s.close();
        releasePort(port);
      },
    };
  }
  const base = resolve(root);
  const log: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    res.on('finish', () => log.push(`${res.statusCode} ${path}`));
    const extra = kind === 'headers' ? ISOLATION : {};
    if (!path.startsWith(PREFIX) || (kind === 'plain' && path === `${PREFIX}sw.js`)) {
      res.writeHead(404, { 'content-type': 'text/plain', ...extra }).end('not found');
      return;
    }
    let file = normalize(join(base, path.slice(PREFIX.length)));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, extra).end();
      return;
    }
    let st = await stat(file).catch(() => null);
    if (st?.isDirectory()) {
      file = join(file, 'index.html');
      st = await stat(file).catch(() => null);
    }
    if (!st?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...extra }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-cache',
      ...extra,
    });
    createReadStream(file).pipe(res);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  let closed = false;
  return {
    kind,
    url: `http://127.0.0.1:${port}${PREFIX}`,
    log,
    close: () =>
      new Promise<void>((ok) => {
        if (closed) return ok();
        closed = true;
        server.closeAllConnections();
        server.close(() => {
          releasePort(port);
          ok();
        });
      }),
  };
}
