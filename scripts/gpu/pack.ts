/**
 * `npm run bench:gpu -- --pack DIR`: a self-contained folder that runs the GPU
 * benchmark on a machine with no Node modules, no browser and no registry:
 * bench.mjs (this repository's modules and ORT's WebGPU JS, bundled), ORT's
 * WebGPU wasm, Dawn's dawn.node, onnxruntime-node (the CPU baseline), the three
 * models in one tarball, bus.jpg and its golden files, the Vulkan loader's
 * Debian package, and run.sh. Big files are xz-compressed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const PACK_LIMIT_BYTES = 35 * 1000 * 1000;

function xz(src: string, dest: string): void {
  execFileSync('sh', ['-c', 'xz -9e -T2 -c "$0" > "$1"', src, dest]);
}

function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return n;
}

/** The Vulkan loader (libvulkan1) as a .deb: from apt's cache, or `apt-get download`. */
function vulkanDeb(dest: string, log: (l: string) => void): void {
  mkdirSync(dest, { recursive: true });
  const r = spawnSync('apt-get', ['download', 'libvulkan1'], { cwd: dest, encoding: 'utf8' });
  if (r.status !== 0 || !readdirSync(dest).some((f) => f.endsWith('.deb')))
    throw new Error(
      `could not fetch the Vulkan loader package (apt-get download libvulkan1: ${(r.stderr || r.error?.message || '').trim()}); run apt-get update first`,
    );
  log(`vulkan: ${readdirSync(dest).join(', ')}`);
}

export async function pack(opts: {
  root: string;
  shared: string;
  out: string;
  log: (l: string) => void;
}): Promise<number> {
  const { root, shared, out, log } = opts;
  const nm = path.join(root, 'node_modules');
  const models = path.join(shared, 'models/yolov5n');
  for (const f of ['yolov5n-640.onnx', 'yolov5n-320.onnx', 'yolov5n-dynamic.onnx'])
    if (!existsSync(path.join(models, f)))
      throw new Error(`${path.join(models, f)} not found: the pack needs ../shared (or SHARED_DIR)`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  await build({
    entryPoints: [path.join(root, 'scripts/gpu/pack-entry.ts')],
    outfile: path.join(out, 'bench.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The app's build of ORT: onnxruntime-web/webgpu with its wasm loaded from ort/ (not inlined).
    conditions: ['onnxruntime-web-use-extern-wasm'],
    external: ['webgpu', 'onnxruntime-node'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });

  const ortSrc = path.join(nm, 'onnxruntime-web/dist');
  mkdirSync(path.join(out, 'ort'));
  copyFileSync(
    path.join(ortSrc, 'ort-wasm-simd-threaded.asyncify.mjs'),
    path.join(out, 'ort/ort-wasm-simd-threaded.asyncify.mjs'),
  );
  xz(
    path.join(ortSrc, 'ort-wasm-simd-threaded.asyncify.wasm'),
    path.join(out, 'ort/ort-wasm-simd-threaded.asyncify.wasm.xz'),
  );

  const webgpu = path.join(out, 'node_modules/webgpu');
  mkdirSync(path.join(webgpu, 'dist/linux-x64'), { recursive: true });
  for (const f of ['package.json', 'index.js', 'LICENSE.md'])
    copyFileSync(path.join(nm, 'webgpu', f), path.join(webgpu, f));
  xz(path.join(nm, 'webgpu/dist/linux-x64/dawn.node'), path.join(webgpu, 'dist/linux-x64/dawn.node.xz'));

  const ortNode = path.join(out, 'node_modules/onnxruntime-node');
  const bin = 'bin/napi-v6/linux/x64';
  mkdirSync(path.join(ortNode, bin), { recursive: true });
  copyFileSync(path.join(nm, 'onnxruntime-node/package.json'), path.join(ortNode, 'package.json'));
  cpSync(path.join(nm, 'onnxruntime-node/dist'), path.join(ortNode, 'dist'), {
    recursive: true,
    filter: (p) => !p.endsWith('.map'),
  });
  copyFileSync(
    path.join(nm, 'onnxruntime-node', bin, 'onnxruntime_binding.node'),
    path.join(ortNode, bin, 'onnxruntime_binding.node'),
  );
  xz(path.join(nm, 'onnxruntime-node', bin, 'libonnxruntime.so.1'), path.join(ortNode, bin, 'libonnxruntime.so.1.xz'));
  cpSync(path.join(nm, 'onnxruntime-common'), path.join(out, 'node_modules/onnxruntime-common'), {
    recursive: true,
    filter: (p) => !p.endsWith('.map') && !p.includes(`${path.sep}lib${path.sep}`),
  });

  // One tarball: the three models share their weights, so xz stores them about once.
  execFileSync('sh', [
    '-c',
    'tar -C "$0" -cf - yolov5n-640.onnx yolov5n-320.onnx yolov5n-dynamic.onnx | xz -9e -T2 -c > "$1"',
    models,
    path.join(out, 'models.tar.xz'),
  ]);
  copyFileSync(path.join(shared, 'images/bus.jpg'), path.join(out, 'bus.jpg'));
  for (const set of ['yolov5n-640', 'yolov5n-320', 'yolov5n-rect']) {
    mkdirSync(path.join(out, 'golden', set), { recursive: true });
    copyFileSync(path.join(shared, 'golden', set, 'bus.json'), path.join(out, 'golden', set, 'bus.json'));
  }
  vulkanDeb(path.join(out, 'vulkan'), log);
  copyFileSync(path.join(root, 'scripts/gpu/run.sh'), path.join(out, 'run.sh'));
  execFileSync('chmod', ['+x', path.join(out, 'run.sh')]);
  writeFileSync(
    path.join(out, 'README.txt'),
    [
      'GPU benchmark of the YOLOv5 WebGPU app (npm run bench:gpu -- --pack).',
      'Run: ./run.sh [--quick] [--n N] [--models yolov5n,yolov5n-320,yolov5n-rect] [--out results.jsonl]',
      'Needs: xz, tar, sh; Node from $NODE, node.xz beside this folder, or PATH; a Vulkan driver (NVIDIA found',
      'automatically, or VK_ICD_FILENAMES). Prints one JSON line per model x lever set, then a table.',
      'Model weights: Ultralytics YOLOv5n, GPL-3.0.',
      '',
    ].join('\n'),
  );
  const size = du(out);
  log(`${out}: ${(size / 1e6).toFixed(1)} MB (limit ${PACK_LIMIT_BYTES / 1e6} MB)`);
  if (size > PACK_LIMIT_BYTES)
    throw new Error(`the pack is ${(size / 1e6).toFixed(1)} MB, over the ${PACK_LIMIT_BYTES / 1e6} MB limit`);
  return size;
}
