/**
 * `tsx scripts/bench-tracker.ts [--frames N] [--objects N] [--json]`
 *
 * The tracker's speed (ms per frame of `ByteTracker.update`, src/tracking/bench.ts)
 * and its MOTA / IDF1 on each synthetic test scene (src/tracking/scenes.ts).
 */
import { benchTracker } from '../src/tracking/bench.ts';
import { runScene } from '../src/tracking/scene-harness.ts';
import { allScenes } from '../src/tracking/scenes.ts';

function intArg(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const v = Number(argv[at + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a whole number, got ${argv[at + 1] ?? 'nothing'}`);
  return v;
}

function main(argv: string[]): number {
  const frames = intArg(argv, '--frames', 1000);
  const objects = intArg(argv, '--objects', 100);
  const speed = benchTracker(frames, objects);
  const scenes = allScenes().map((s) => {
    const m = runScene(s.frames, s.options).metrics;
    return { scene: s.name, frames: m.frames, mota: m.mota, idf1: m.idf1, idsw: m.idsw, fp: m.fp, fn: m.fn };
  });
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ speed, scenes }, null, 2));
    return 0;
  }
  const ms = (x: number) => x.toFixed(3);
  console.log(
    `ByteTracker.update, ${speed.frames} frames, ${speed.objects} objects (${speed.detectionsPerFrame.toFixed(1)} boxes a frame):`,
  );
  console.log(`  p50 ${ms(speed.p50)} ms  p95 ${ms(speed.p95)} ms  max ${ms(speed.max)} ms  mean ${ms(speed.mean)} ms`);
  if (speed.cpuP50 !== null && speed.cpuP95 !== null) {
    console.log(
      `  CPU time: p50 ${ms(speed.cpuP50)} ms  p95 ${ms(speed.cpuP95)} ms (what update costs without the scheduler's delays)`,
    );
  }
  console.log(`  IDs given: ${speed.idsIssued} for ${speed.objects} true objects`);
  console.log('');
  console.log('| scene | frames | MOTA | IDF1 | IDSW | FP | FN |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of scenes) {
    console.log(
      `| ${s.scene} | ${s.frames} | ${s.mota.toFixed(3)} | ${s.idf1.toFixed(3)} | ${s.idsw} | ${s.fp} | ${s.fn} |`,
    );
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`bench-tracker: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
