/**
 * A plain static file server standing in for GitHub Pages in tests: serves a
 * build folder under a sub-path with ETag/Last-Modified (and 304s) but none of
 * the COOP/COEP/CSP headers, so the service worker has to do that work.
 * node:http only; start/stop it from a test to go offline.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.yaml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  /** Every request as `<status> <path>`, for assertions. */
  log: string[];
  close(): Promise<void>;
}

/** Content hash, as GitHub Pages' ETags change with the bytes, not only the size. */
const etags = new Map<string, { key: string; etag: string }>();
async function etagOf(path: string, size: number, mtimeMs: number): Promise<string> {
  const key = `${size}:${mtimeMs}`;
  const hit = etags.get(path);
  if (hit?.key === key) return hit.etag;
  const etag = `"${createHash('sha1')
    .update(await readFile(path))
    .digest('hex')}"`;
  etags.set(path, { key, etag });
  return etag;
}

export async function startStaticServer(opts: {
  root: string;
  prefix: string;
  port: number;
  host?: string;
}): Promise<StaticServer> {
  const root = resolve(opts.root);
  const prefix = opts.prefix.endsWith('/') ? opts.prefix : `${opts.prefix}/`;
  const host = opts.host ?? '127.0.0.1';
  const log: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    res.on('finish', () => log.push(`${res.statusCode} ${path}`));
    if (path === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let st = await stat(file).catch(() => null);
    if (st?.isDirectory()) {
      file = join(file, 'index.html');
      st = await stat(file).catch(() => null);
    }
    if (!st?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = await etagOf(file, st.size, st.mtimeMs);
    const lastModified = new Date(Math.floor(st.mtimeMs / 1000) * 1000).toUTCString();
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      etag,
      'last-modified': lastModified,
      // What GitHub Pages sends: short max-age, then revalidate.
      'cache-control': 'max-age=600',
    };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (inm ? inm === etag : ims ? Date.parse(ims) >= Date.parse(lastModified) : false) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': st.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, host, () => ok());
  });
  return {
    url: `http://${host}:${opts.port}${prefix}`,
    log,
    close: () =>
      new Promise<void>((ok) => {
        // Keep-alive sockets would otherwise keep answering, and the page would never be offline.
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// CLI: `npx tsx e2e/offline-server.ts dist-pages /yolov5-webgpu/ 4180`
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [root = 'dist-pages', prefix = '/yolov5-webgpu/', port = '4180'] = process.argv.slice(2);
  const s = await startStaticServer({ root, prefix, port: Number(port) });
  console.log(`serving ${root} at ${s.url}`);
}

/**
 * Builds the production app into `outDir` with `base` (Vite only: the bundle
 * validation of `npm run build` is covered elsewhere and needs no rerun here),
 * with the app's vite.config.ts or the given `config` file.
 */
export async function buildSite(outDir: string, base: string | null, config?: string): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const env = { ...process.env };
  if (base === null) delete env['BASE_PATH'];
  else env['BASE_PATH'] = base;
  const args = ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  execFileSync('npx', config ? [...args, '--config', config] : args, {
    env,
    stdio: 'pipe',
  });
}
