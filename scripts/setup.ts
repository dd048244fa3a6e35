/**
 * `npm install` postinstall: provisions models and copies onnxruntime-web's
 * wasm runtime into public/ort/ (the app serves it itself, never from a CDN).
 * Never fails the install: a missing model is reported, and recorded in
 * public/models/provision-error.txt for the app and tests to show.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, stat, utimes } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { provisionModels, type Env, type Log } from './provision-models.ts';
import { errorText } from '../src/util/errors.ts';

/** JSEP build for WebGPU sessions, plain build for WASM ones (see src/worker/inference.worker.ts). */
export const ORT_FILES = [
  // onnxruntime-web/webgpu: ORT's native WebGPU EP (Asyncify), for WebGPU sessions; see README "Which ORT build".
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
] as const;

export interface CopyResult {
  ok: boolean;
  copied: string[];
  skipped: string[];
  message: string;
}

export async function copyOrtRuntime(opts: { projectRoot: string; log?: Log }): Promise<CopyResult> {
  const log = opts.log ?? console.log;
  const srcDir = join(opts.projectRoot, 'node_modules', 'onnxruntime-web', 'dist');
  const destDir = join(opts.projectRoot, 'public', 'ort');
  const copied: string[] = [];
  const skipped: string[] = [];
  const missing = ORT_FILES.filter((f) => !existsSync(join(srcDir, f)));
  if (missing.length > 0) {
    const message = `onnxruntime-web runtime files not found in ${srcDir}: ${missing.join(', ')} (is onnxruntime-web installed?)`;
    log(message);
    return { ok: false, copied, skipped, message };
  }
  await mkdir(destDir, { recursive: true });
  for (const f of ORT_FILES) {
    const src = join(srcDir, f);
    const dest = join(destDir, f);
    const s = await stat(src);
    const d = existsSync(dest) ? await stat(dest) : null;
    // Size + mtime is enough: the destination's mtime is set from the source after each copy.
    if (d && d.size === s.size && Math.abs(d.mtimeMs - s.mtimeMs) < 1) {
      skipped.push(f);
      continue;
    }
    await copyFile(src, dest);
    await utimes(dest, s.atime, s.mtime);
    copied.push(f);
  }
  const message = `public/ort: ${copied.length} copied, ${skipped.length} up to date`;
  log(message);
  return { ok: true, copied, skipped, message };
}

/** Runs both steps; resolves `ok` but never throws, so the install always completes. */
export async function setup(opts: { projectRoot: string; env?: Env; log?: Log }): Promise<{ ok: boolean }> {
  const log = opts.log ?? console.log;
  let ok = true;
  try {
    ok = (await copyOrtRuntime(opts)).ok && ok;
  } catch (e) {
    ok = false;
    log(`copying onnxruntime-web runtime failed: ${errorText(e)}`);
  }
  try {
    const r = await provisionModels(opts);
    if (r.ok) log(r.message);
    else {
      ok = false;
      log(`\n${r.message}\n(npm install continues; the app shows this message until the models are provisioned.)\n`);
    }
  } catch (e) {
    ok = false;
    log(`model provisioning failed: ${errorText(e)}; run \`npm run models\` to retry`);
  }
  return { ok };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await setup({ projectRoot: resolve(dirname(fileURLToPath(import.meta.url)), '..') });
}
