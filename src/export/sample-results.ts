import type { Detection } from '../detect/detections.ts';
import type { ImageResult } from './image-result.ts';

/**
 * Test data for the writers' tests: boxes at round pixel positions (and one
 * that is not) whose exports the tests spell out by hand. Names with spaces,
 * a comma and quotes, unicode and nested folders.
 */
export const SAMPLE_LABELS = ['person', 'traffic light', 'café, "bar"', 'yes'] as const;

const box = (classId: number, x1: number, y1: number, x2: number, y2: number, score: number): Detection => ({
  x1,
  y1,
  x2,
  y2,
  score,
  classId,
  // Deliberately not the bundle's name: writers must take names from the labels they are given.
  label: `model label ${classId}`,
});

export const SAMPLE_RESULTS: readonly ImageResult[] = [
  {
    file: 'street/cam 1/0001.jpg',
    width: 400,
    height: 500,
    detections: [box(0, 100, 50, 300, 250, 0.87654), box(1, 10.004, 20.006, 30.5, 40.25, 0.5)],
  },
  { file: 'empty.png', width: 640, height: 480, detections: [] },
  { file: 'ünïcode/日本.jpg', width: 1000, height: 800, detections: [box(2, 0, 0, 1000, 800, 0.99999)] },
];
