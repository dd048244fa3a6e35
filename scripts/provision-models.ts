/**
 * Puts every bundle's model file into public/models/<id>/ from the first
 * source that has a valid copy. Models are never committed (GPL weights,
 * 8 MB each), so a fresh checkout gets them here; every candidate is verified
 * before it is placed, so the app never sees a partial or wrong file.
 *
 * Usage: `npm run models` (exit 1 on failure). `npm install` runs it through
 * setup.ts, which never fails the install.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCatalogText, modelFileOf } from '../src/config/index.ts';
import { sha256Hex } from '../src/model/sha256.ts';
import { verifyModelBytes } from './known-models.ts';
import { errorText } from '../src/util/errors.ts';

export type Env = Record<string, string | undefined>;
export type Log = (line: string) => void;

export interface ProvisionOptions {
  projectRoot: string;
  env?: Env;
  log?: Log;
  /** Overrides `<projectRoot>/../shared/models/yolov5n` (tests). */
  sharedDir?: string;
}

export interface NeededModel {
  bundle: string;
  /** Model path relative to the bundle folder, as the config names it. */
  file: string;
}

export interface ProvisionedFile extends NeededModel {
  path: string;
  status: 'present' | 'placed' | 'failed';
  /** Label of the source that supplied it. */
  source?: string;
  error?: string;
}

export interface ProvisionResult {
  ok: boolean;
  message: string;
  files: ProvisionedFile[];
}

export const ERROR_FILE = 'provision-error.txt';

// ---------------------------------------------------------------- catalog

/**
 * Which model each bundle needs: the bundle list from the catalog
 * (public/models/index.yaml), each model file from its config at the place its
 * schema version keeps it. The rest of a config is not validated here
 * (`npm run validate` and the build do that), so provisioning works even
 * while a config is being fixed.
 */
export async function readNeededModels(projectRoot: string, log: Log = () => {}): Promise<NeededModel[]> {
  const modelsDir = join(projectRoot, 'public', 'models');
  const indexPath = join(modelsDir, 'index.yaml');
  if (!existsSync(indexPath)) {
    throw new Error(
      `${relative(projectRoot, indexPath)} does not exist (it lists the bundles to provision); restore it with \`git checkout -- public/models\``,
    );
  }
  const catalog = loadCatalogText(await readFile(indexPath, 'utf8'));
  if (!catalog.ok) {
    const lines = catalog.issues.map((i) => `${i.line ?? 1}:${i.col ?? 1} ${i.path}: ${i.message}`);
    throw new Error(`public/models/index.yaml is not a valid catalog: ${lines.join('; ')}`);
  }
  const needed: NeededModel[] = [];
  for (const id of catalog.catalog.bundles) {
    const configPath = join(modelsDir, id, 'config.yaml');
    const file = existsSync(configPath) ? modelFileOf(await readFile(configPath, 'utf8')) : null;
    if (!file) {
      log(`skipping bundle ${id}: no model file named in ${id}/config.yaml`);
      continue;
    }
    if (!isSafeRelative(file)) {
      log(`skipping bundle ${id}: model file ${JSON.stringify(file)} must be a path inside the bundle folder`);
      continue;
    }
    needed.push({ bundle: id, file });
  }
  return needed;
}

function isSafeRelative(p: string): boolean {
  if (p === '' || isAbsolute(p) || p.includes('\\')) return false;
  const n = normalize(p);
  return !n.startsWith('..') && !n.split(sep).includes('..');
}

// ---------------------------------------------------------------- sources

interface Source {
  label: string;
  /** Why it can't be used at all; undefined when usable. */
  unusable?: string;
  fetch?: (file: string, tmpPath: string, log: Log) => Promise<void>;
  /** Expected SHA-256 per file name, when the source publishes SHA256SUMS. */
  sums?: () => Promise<Map<string, string> | null>;
}

function listSources(projectRoot: string, env: Env, sharedDir: string): Source[] {
  const dirEnv = env['YOLO_MODELS_DIR'];
  const urlEnv = env['YOLO_MODEL_URL'];
  return [
    dirEnv
      ? dirSource(`YOLO_MODELS_DIR=${dirEnv}`, resolve(projectRoot, dirEnv))
      : { label: 'YOLO_MODELS_DIR', unusable: 'not set' },
    urlEnv ? urlSource(`YOLO_MODEL_URL=${urlEnv}`, urlEnv) : { label: 'YOLO_MODEL_URL', unusable: 'not set' },
    dirSource(`${relative(projectRoot, sharedDir) || sharedDir} (shared folder)`, sharedDir),
  ];
}

function dirSource(label: string, dir: string): Source {
  if (!existsSync(dir)) return { label, unusable: `folder ${dir} does not exist` };
  return {
    label,
    fetch: async (file, tmpPath) => {
      const src = join(dir, basename(file));
      if (!existsSync(src)) throw new Error(`${basename(file)} not found in ${dir}`);
      await writeFile(tmpPath, await readFile(src));
    },
    sums: once(async () => {
      const p = join(dir, 'SHA256SUMS');
      return existsSync(p) ? parseSums(await readFile(p, 'utf8')) : null;
    }),
  };
}

function urlSource(label: string, base: string): Source {
  let baseUrl: URL;
  try {
    baseUrl = new URL(base.endsWith('/') ? base : `${base}/`);
  } catch {
    return { label, unusable: 'not a valid URL' };
  }
  return {
    label,
    fetch: (file, tmpPath, log) => download(new URL(basename(file), baseUrl), basename(file), tmpPath, log),
    sums: once(async () => {
      try {
        const res = await fetch(new URL('SHA256SUMS', baseUrl));
        return res.ok ? parseSums(await res.text()) : null;
      } catch {
        return null; // optional; the file itself is still verified structurally
      }
    }),
  };
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

export function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(.+?)\s*$/.exec(line);
    if (m) sums.set(basename(m[2]!), m[1]!.toLowerCase());
  }
  return sums;
}

/** Streams to `tmpPath`, printing progress at most every 250 ms. */
async function download(url: URL, name: string, tmpPath: string, log: Log): Promise<void> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`GET ${url.href}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length')) || 0;
  const out = await open(tmpPath, 'w');
  let received = 0;
  let lastLog = 0;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await out.write(value);
      received += value.byteLength;
      const now = Date.now();
      if (now - lastLog >= 250) {
        lastLog = now;
        log(progressLine(name, received, total));
      }
    }
  } finally {
    await out.close();
  }
  log(progressLine(name, received, total));
  if (total && received !== total) throw new Error(`download of ${url.href} ended at ${received} of ${total} bytes`);
}

export function progressLine(name: string, received: number, total: number): string {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  if (!total) return `${name}: ${mb(received)} MB`;
  return `${name}: ${mb(received)} / ${mb(total)} MB (${Math.floor((received / total) * 100)}%)`;
}

// ---------------------------------------------------------------- placing

/** Verifies bytes as the model named `file`, including the source's checksum when it has one. */
async function verify(file: string, bytes: Uint8Array, expectedSha: string | undefined): Promise<string | null> {
  const r = verifyModelBytes(basename(file), bytes);
  if (!r.ok) return r.reason;
  if (expectedSha) {
    const actual = await sha256Hex(bytes);
    if (actual !== expectedSha)
      return `SHA-256 ${actual.slice(0, 12)}… does not match SHA256SUMS ${expectedSha.slice(0, 12)}…`;
  }
  return null;
}

export async function provisionModels(opts: ProvisionOptions): Promise<ProvisionResult> {
  const projectRoot = resolve(opts.projectRoot);
  const env = opts.env ?? process.env;
  const log = opts.log ?? console.log;
  const modelsDir = join(projectRoot, 'public', 'models');
  const sharedDir = opts.sharedDir ?? resolve(projectRoot, '..', 'shared', 'models', 'yolov5n');
  const errorFile = join(modelsDir, ERROR_FILE);

  let needed: NeededModel[];
  try {
    needed = await readNeededModels(projectRoot, log);
  } catch (e) {
    const message = `Cannot tell which models to provision: ${errorText(e)}.`;
    await mkdir(modelsDir, { recursive: true });
    await writeFile(errorFile, `${message}\n`);
    return { ok: false, message, files: [] };
  }

  const sources = listSources(projectRoot, env, sharedDir);
  const failures = new Map<Source, string[]>(sources.map((s) => [s, []]));
  // A file fetched once (e.g. the 640 model) is reused for every bundle needing it.
  const fetched = new Map<string, { bytes: Uint8Array; source: string }>();
  const files: ProvisionedFile[] = [];

  for (const need of needed) {
    const dest = join(modelsDir, need.bundle, need.file);
    const shown = `${need.bundle}/${need.file}`;
    const entry: ProvisionedFile = { ...need, path: dest, status: 'failed' };
    files.push(entry);

    if (existsSync(dest)) {
      const reason = await verify(need.file, await readFile(dest), undefined);
      if (reason === null) {
        entry.status = 'present';
        log(`${shown}: ok (already present)`);
        continue;
      }
      // Removed now, not at replacement time: if no source works, a wrong model must not stay loadable.
      await rm(dest, { force: true });
      log(`${shown}: existing file rejected (${reason}); removed`);
    }

    const key = basename(need.file);
    let got = fetched.get(key);
    if (!got) {
      for (const source of sources) {
        if (source.unusable || !source.fetch) continue;
        // Fetched outside public/ so an interrupted download can never be mistaken for a model.
        const tmpDir = await mkdtemp(join(tmpdir(), 'yolo-models-'));
        const tmp = join(tmpDir, key);
        try {
          await source.fetch(need.file, tmp, log);
          const bytes = await readFile(tmp);
          const sums = await source.sums?.();
          const reason = await verify(need.file, bytes, sums?.get(key));
          if (reason !== null) throw new Error(`${key} rejected: ${reason}`);
          got = { bytes, source: source.label };
          fetched.set(key, got);
          break;
        } catch (e) {
          failures.get(source)!.push(errorText(e));
          log(`${shown}: ${source.label}: ${errorText(e)}`);
        } finally {
          await rm(tmpDir, { recursive: true, force: true });
        }
      }
    }
    if (!got) {
      entry.error = 'no source had a valid copy';
      continue;
    }
    await placeAtomically(dest, got.bytes);
    entry.status = 'placed';
    entry.source = got.source;
    log(`${shown}: placed from ${got.source}`);
  }

  const missing = files.filter((f) => f.status === 'failed');
  if (missing.length === 0) {
    await rm(errorFile, { force: true });
    const placed = files.filter((f) => f.status === 'placed').length;
    return { ok: true, message: `models ready (${placed} placed, ${files.length - placed} already present)`, files };
  }

  const message = failureMessage(missing, sources, failures);
  await mkdir(modelsDir, { recursive: true });
  await writeFile(errorFile, `${message}\n`);
  return { ok: false, message, files };
}

/** Writes beside the destination then renames, so a crash never leaves a half file under the real name. */
async function placeAtomically(dest: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  // Ends in .onnx so a leftover from a crash is still covered by .gitignore.
  const tmp = `${dest}.partial-${process.pid}.onnx`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { force: true });
  }
}

function failureMessage(missing: ProvisionedFile[], sources: Source[], failures: Map<Source, string[]>): string {
  const lines = [
    `Model files are missing: ${missing.map((f) => `public/models/${f.bundle}/${f.file}`).join(', ')}.`,
    'Sources tried:',
  ];
  for (const s of sources) {
    const why = s.unusable ?? [...new Set(failures.get(s))].join('; ');
    lines.push(`  - ${s.label}: ${why || 'no attempt needed'}`);
  }
  lines.push(
    `Fix: put ${[...new Set(missing.map((f) => basename(f.file)))].join(', ')} in a folder and run`,
    '  YOLO_MODELS_DIR=/path/to/folder npm run models',
    'or serve them over HTTP and run',
    '  YOLO_MODEL_URL=https://host/path/ npm run models',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const result = await provisionModels({ projectRoot });
  if (result.ok) console.log(result.message);
  else {
    console.error(`\n${result.message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
