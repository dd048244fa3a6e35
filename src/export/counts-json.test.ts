import { describe, expect, it } from 'vitest';
import { DIRECTION_CONVENTION } from '../tracking/line-geometry.ts';
import { countsJson } from './counts-json.ts';
import type { VideoMeta } from './track-rows.ts';

const meta: VideoMeta = {
  video: 'street.webm',
  width: 800,
  height: 600,
  fps: 10,
  every: 1,
  frames: 100,
  model: 'yolov5n-320',
};

describe('counts.json', () => {
  it('writes the line in pixels and fractions, the convention, counts by label, totals and crossings', () => {
    const doc = JSON.parse(
      countsJson(meta, {
        line: { x1: 0, y1: 300, x2: 800, y2: 150.123 },
        deadZonePx: 16.2845,
        counts: [
          { classId: 2, label: 'car', in: 0, out: 1 },
          { classId: 0, label: 'person', in: 2, out: 0 },
        ],
        totals: { in: 2, out: 1 },
        crossings: [
          { trackId: 4, classId: 0, label: 'person', direction: 'in', frame: 11 },
          { trackId: 7, classId: 2, label: 'car', direction: 'out', frame: 38 },
          { trackId: 9, classId: 0, label: 'person', direction: 'in', frame: 100 },
        ],
      }),
    );
    expect(doc).toEqual({
      format: 'counts/1',
      video: 'street.webm',
      width: 800,
      height: 600,
      fps: 10,
      every: 1,
      frames: 100,
      model: 'yolov5n-320',
      line: {
        pixels: { x1: 0, y1: 300, x2: 800, y2: 150.12 },
        // 150.123 / 600 = 0.250205 -> 0.2502
        fractions: { x1: 0, y1: 0.5, x2: 1, y2: 0.2502 },
      },
      deadZonePx: 16.28,
      direction: DIRECTION_CONVENTION,
      counts: { person: { in: 2, out: 0 }, car: { in: 0, out: 1 } },
      totals: { in: 2, out: 1 },
      crossings: [
        // time = (frame - 1) / fps
        { trackId: 4, classId: 0, label: 'person', direction: 'in', frame: 11, time: 1 },
        { trackId: 7, classId: 2, label: 'car', direction: 'out', frame: 38, time: 3.7 },
        { trackId: 9, classId: 0, label: 'person', direction: 'in', frame: 100, time: 9.9 },
      ],
    });
    // Keys follow class IDs, so the file reads the same every time.
    expect(Object.keys(doc.counts)).toEqual(['person', 'car']);
  });
  it('keeps two classes that share a label apart', () => {
    const doc = JSON.parse(
      countsJson(meta, {
        line: { x1: 0, y1: 0, x2: 10, y2: 10 },
        deadZonePx: 2,
        counts: [
          { classId: 3, label: 'thing', in: 1, out: 0 },
          { classId: 5, label: 'thing', in: 0, out: 2 },
        ],
        totals: { in: 1, out: 2 },
        crossings: [],
      }),
    );
    expect(doc.counts).toEqual({ 'thing (3)': { in: 1, out: 0 }, 'thing (5)': { in: 0, out: 2 } });
  });
});
