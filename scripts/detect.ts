/**
 * `npm run -s detect -- <images or folders…> --out DIR [--model ID|config.yaml]
 * [--format coco,yolo,csv] [--conf X] [--iou X] [--threads N]`
 *
 * Detects objects in a folder of images with a bundle's model on
 * onnxruntime-node and writes the dataset exports the app writes
 * (detections.coco.json, labels.zip, detections.csv). The work is in
 * scripts/detect/; this file is arguments, signals and exit codes.
 *
 * Exit codes: 0 done (files that failed are listed); 1 nothing could be done
 * (one line says why); 2 bad arguments; 130 stopped by Ctrl-C (the files
 * hold the images done so far).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDetectArgs, USAGE } from './detect/args.ts';
import { type RunIo, runDetect } from './detect/run.ts';

export async function detectCli(argv: readonly string[], io: RunIo, signal?: AbortSignal): Promise<number> {
  const parsed = parseDetectArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`detect: ${parsed.problem} (npm run -s detect -- --help for usage)\n`);
    return 2;
  }
  if ('help' in parsed) {
    io.stdout(USAGE);
    return 0;
  }
  const summary = await runDetect(parsed.args, io, signal);
  if (summary.problem) io.stderr.write(`detect: ${summary.problem}\n`);
  return summary.code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(130); // a second Ctrl-C does not wait
    stop.abort();
    process.stderr.write('\nstopping after this image (Ctrl-C again to quit at once)\n');
  });
  const io: RunIo = { stderr: process.stderr, stdout: (line) => process.stdout.write(`${line}\n`) };
  detectCli(process.argv.slice(2), io, stop.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`detect: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
