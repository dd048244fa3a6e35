/** bench.mjs in the packed folder: run.sh sets BENCH_GPU_DATA to the unpacked copy. */
import path from 'node:path';
import { runMain } from './bench-gpu-main.ts';

const data = process.env.BENCH_GPU_DATA;
if (!data) {
  process.stderr.write('[bench:gpu] BENCH_GPU_DATA is not set: start the benchmark with run.sh\n');
  process.exit(2);
}
runMain(process.argv.slice(2), {
  modelsDir: path.join(data, 'models'),
  imagePath: path.join(data, 'bus.jpg'),
  goldenDir: path.join(data, 'golden'),
  ortDir: path.join(data, 'ort'),
});
