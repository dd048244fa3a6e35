import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** ../shared beside the project (SHARED_DIR overrides): models, images, golden files. Never committed. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
export const HAVE_SHARED = existsSync(path.join(SHARED_DIR, 'models/yolov5n/yolov5n-640.onnx'));
export const SHARED_MODELS = path.join(SHARED_DIR, 'models/yolov5n');
export const sharedFile = (...p: string[]) => path.join(SHARED_DIR, ...p);

/** A describe() whose tests need ../shared; where it is missing they are skipped with the reason in the name. */
export const describeShared: typeof describe = HAVE_SHARED
  ? describe
  : (((name: string, fn: () => void) =>
      describe.skip(`${name} (skipped: ../shared not found)`, fn)) as unknown as typeof describe);
