/**
 * `npm run bench:gpu [-- --quick] [--n N] [--warmup W] [--models …] [--levers …] [--no-cpu] [--out FILE]`
 * `npm run bench:gpu -- --pack DIR`
 *
 * The app's WebGPU modules under Node with Dawn, each lever against the naive
 * path and a CPU baseline (scripts/gpu/). Where no GPU driver is set
 * (VK_ICD_FILENAMES), Dawn runs on Chromium's SwiftShader (found as the e2e
 * suites find the browser). Dawn's Vulkan loader path must be set before Node
 * starts, so this script runs the benchmark in a child process with it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorText } from '../src/util/errors.ts';
import { chromiumLibDir, findChromium } from './browser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(root, '../shared');

async function main(argv: string[]): Promise<number> {
  const packAt = argv.indexOf('--pack');
  if (packAt >= 0) {
    const dir = argv[packAt + 1];
    if (!dir) throw new Error('--pack needs a folder: npm run bench:gpu -- --pack DIR');
    const { pack } = await import('./gpu/pack.ts');
    await pack({ root, shared, out: path.resolve(dir), log: (l) => console.error(`[bench:gpu] ${l}`) });
    return 0;
  }
  if (process.env.BENCH_GPU_CHILD === '1') {
    const { benchGpuMain } = await import('./gpu/bench-gpu-main.ts');
    return benchGpuMain(argv, {
      modelsDir: path.join(shared, 'models/yolov5n'),
      imagePath: path.join(shared, 'images/bus.jpg'),
      goldenDir: path.join(shared, 'golden'),
      ortDir: path.join(root, 'node_modules/onnxruntime-web/dist'),
    });
  }
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_GPU_CHILD: '1' };
  if (!env.VK_ICD_FILENAMES) {
    const browser = findChromium();
    const lib = env.CHROMIUM_LIB_DIR || (browser ? chromiumLibDir(browser) : undefined);
    if (!lib) throw new Error('no GPU driver set (VK_ICD_FILENAMES) and no Chromium with SwiftShader found');
    env.VK_ICD_FILENAMES = path.join(lib, 'vk_swiftshader_icd.json');
    env.LD_LIBRARY_PATH = [lib, env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
    console.error(`[bench:gpu] no VK_ICD_FILENAMES: running on SwiftShader from ${lib} (a CPU; correctness only)`);
  }
  const r = spawnSync(
    process.execPath,
    // The same ORT build as the app: onnxruntime-web/webgpu, its wasm loaded from node_modules (not inlined).
    ['--conditions=onnxruntime-web-use-extern-wasm', '--import', 'tsx', fileURLToPath(import.meta.url), ...argv],
    { stdio: 'inherit', env, cwd: root },
  );
  return r.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`[bench:gpu] ${errorText(e)}`);
      process.exit(1);
    },
  );
}
