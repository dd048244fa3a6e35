import { expect, test } from '@playwright/test';
import { compareWithGolden } from '../src/detect/golden-match.ts';
import type { Detection } from '../src/detect/detections.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = process.env.SHARED_DIR ?? path.resolve(root, '../shared');
export const HAVE_SHARED = existsSync(path.join(SHARED, 'images/bus.jpg'));

/** Tests that need ../shared data skip with this exact reason where it is absent (GitHub runners). */
export function needShared(): void {
  test.skip(!HAVE_SHARED, 'skipped: ../shared not found');
}

export const sharedPath = (...p: string[]) => path.join(SHARED, ...p);

export type GoldenDetection = Detection;
export interface Golden {
  image: string;
  width: number;
  height: number;
  conf: number;
  iou: number;
  detections: GoldenDetection[];
}

export function golden(set: string, image: string): Golden {
  return JSON.parse(readFileSync(sharedPath('golden', set, `${image}.json`), 'utf8')) as Golden;
}

/** A result matches the golden file under the documented tolerance (problems are listed on failure). */
export function expectGolden(result: { detections: GoldenDetection[] }, set: string, image: string): void {
  expect(compareWithGolden(result.detections, golden(set, image).detections), `${set}/${image}`).toEqual([]);
}
