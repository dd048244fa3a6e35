import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspString } from './csp.ts';

/** Where ORT's runtime files (ort-wasm-*.mjs/.wasm) sit in public/; scripts/setup.ts copies them there. */
const ORT_DIR = 'ort';

/**
 * The deployed build (`npm run build`, and the test build) for hosts that send
 * no headers (GitHub Pages): the CSP meta tag, the ORT runtime under a
 * content-addressed folder, and the Workbox service worker (src/sw/sw.ts)
 * with its precache manifest. Build only: Vite's HMR needs inline scripts,
 * and no service worker should cache the dev server.
 */
export function pagesPlugin(opts: { csp?: string } = {}): PluginOption[] {
  const csp = opts.csp ?? cspString();
  return [
    cspMetaPlugin(csp),
    ortRuntimePlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The page registers the worker itself (src/app/register-sw.ts: the isolation reload, updates);
      // an injected inline registration script would break the CSP. No web app manifest.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // A classic script at the site root: its scope is its own folder, next to index.html.
        rollupFormat: 'iife',
        globPatterns: ['index.html', 'assets/**/*'],
        // Vite names every file in assets/ by its content hash: the URL is the revision.
        dontCacheBustURLsMatching: /^assets\//,
        // ORT's JS bundles are the largest (~0.4 MB); a file past this fails the build instead of going uncached.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ];
}

/** Injects the CSP meta tag right after <meta charset> (a CSP meta only governs what comes after it). */
function cspMetaPlugin(csp: string): Plugin {
  return {
    name: 'yolo-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${csp.replaceAll('"', '&quot;')}" />`;
        const charset = /<meta charset=[^>]*>/i;
        return charset.test(html)
          ? html.replace(charset, (m) => `${m}\n    ${meta}`)
          : html.replace(/<head>/i, `<head>\n    ${meta}`);
      },
    },
  };
}

/** The hash of ORT's runtime files (names and bytes): a new ORT version gets a new folder. */
export function ortRuntimeHash(dir: string): string {
  const hash = createHash('sha256');
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (!statSync(p).isFile()) continue;
      hash.update(`${name}\n`).update(readFileSync(p));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * ORT's runtime files are public files with fixed names (`ort-wasm-simd-threaded.wasm`),
 * but they must match the ORT code bundled in the build's hashed worker chunks.
 * So the build moves them into `ort/<hash of their bytes>/` and tells the app
 * (and sw.ts) that folder through `import.meta.env.VITE_ORT_PATH`: after a
 * deploy that changes ORT, a tab of the older build asks for the older folder
 * (served from the cache) and never gets a runtime its code does not match.
 */
function ortRuntimePlugin(): Plugin {
  let ortPath = `${ORT_DIR}/`;
  let outDir = '';
  return {
    name: 'yolo-ort-runtime',
    apply: 'build',
    config(user) {
      const root = resolve(user.root ?? process.cwd());
      const publicDir = typeof user.publicDir === 'string' ? resolve(root, user.publicDir) : join(root, 'public');
      ortPath = `${ORT_DIR}/${ortRuntimeHash(join(publicDir, ORT_DIR))}/`;
      return { define: { 'import.meta.env.VITE_ORT_PATH': JSON.stringify(ortPath) } };
    },
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    writeBundle() {
      const from = join(outDir, ORT_DIR);
      if (!existsSync(from)) return;
      const to = join(outDir, ortPath);
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(from)) {
        if (statSync(join(from, name)).isFile()) renameSync(join(from, name), join(to, name));
      }
    },
  };
}
