import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { DATA_CACHE } from './cache-names.ts';
import { cspString } from './csp.ts';

/**
 * Public folders precached at install. None: ORT ships two runtimes (WebGPU
 * and plain WASM, 28 + 14 MB) and a visitor needs one, so ORT files, like
 * models, are cached as they are first fetched.
 */
const PRECACHE_PUBLIC_DIRS: string[] = [];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

/**
 * Build-only: injects the CSP meta tag into index.html and emits sw.js at the
 * output root (the SW's scope is its own folder, so it must sit next to
 * index.html) with the precache list, a build version and the CSP filled in.
 * Dev is untouched: Vite's HMR needs inline scripts and no SW should cache it.
 */
export function pagesPlugin(opts: { csp?: string } = {}): Plugin {
  const csp = opts.csp ?? cspString();
  let config: ResolvedConfig;
  return {
    name: 'yolo-pages',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    transformIndexHtml: {
      order: 'post',
      // Right after <meta charset>: a CSP meta only governs what comes after it.
      handler: (html) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${csp.replaceAll('"', '&quot;')}" />`;
        const charset = /<meta charset=[^>]*>/i;
        return charset.test(html)
          ? html.replace(charset, (m) => `${m}\n    ${meta}`)
          : html.replace(/<head>/i, `<head>\n    ${meta}`);
      },
    },
    generateBundle(_options, bundle) {
      const fromBuild = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const fromPublic = config.publicDir
        ? PRECACHE_PUBLIC_DIRS.flatMap((d) => listFiles(join(config.publicDir, d))).map((p) =>
            relative(config.publicDir, p).split(sep).join('/'),
          )
        : [];
      // '' is the scope URL itself: what a visitor's navigation to <base> asks for.
      const precache = [...new Set(['', 'index.html', ...fromBuild, ...fromPublic])].sort();
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./sw.js', import.meta.url), 'utf8');
      const source = template
        .replace("'__SW_VERSION__'", JSON.stringify(version))
        .replace("'__SW_PRECACHE__'", JSON.stringify(precache))
        .replace("'__SW_CSP__'", JSON.stringify(csp))
        .replace("'__SW_DATA_CACHE__'", JSON.stringify(DATA_CACHE));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
