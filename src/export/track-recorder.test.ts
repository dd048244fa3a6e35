import { describe, expect, it } from 'vitest';
import type { TrackedDetection } from '../tracking/byte-tracker.ts';
import { TrackRecorder } from './track-recorder.ts';
import type { VideoMeta } from './track-rows.ts';

const meta: VideoMeta = {
  video: 'street.webm',
  width: 640,
  height: 480,
  fps: 10,
  every: 2,
  frames: 9,
  model: 'yolov5n-320',
};
const box = (trackId: number, cx: number, cy: number, classId = 0, label = 'person'): TrackedDetection => ({
  x1: cx - 10,
  y1: cy - 20,
  x2: cx + 10,
  y2: cy + 20,
  score: 0.75,
  classId,
  label,
  trackId,
});

describe('TrackRecorder', () => {
  it('writes the three files from frames added one by one (every 2nd frame)', () => {
    const r = new TrackRecorder(meta, { x1: 0, y1: 240, x2: 640, y2: 240 });
    r.add(1, [box(2, 100, 200, 2, 'car'), box(1, 300, 200)]);
    r.add(3, [box(1, 300, 230)]);
    // Track 1 is past the line (dead zone 12.8 px) at frame 5: counted "in" there.
    expect(r.add(5, [box(1, 300, 260)])).toEqual([
      { trackId: 1, classId: 0, label: 'person', direction: 'in', frame: 5 },
    ]);
    r.add(7, []);
    expect(r.framesAdded).toBe(4);
    expect(r.rowCount).toBe(4);
    expect(r.csv()).toBe(
      '1,1,290.00,180.00,20.00,40.00,0.7500,-1,-1,-1\n' +
        '1,2,90.00,180.00,20.00,40.00,0.7500,-1,-1,-1\n' +
        '3,1,290.00,210.00,20.00,40.00,0.7500,-1,-1,-1\n' +
        '5,1,290.00,240.00,20.00,40.00,0.7500,-1,-1,-1\n',
    );
    const json = JSON.parse(r.json());
    expect(json.tracks).toEqual([
      { id: 1, classId: 0, label: 'person', firstFrame: 1, lastFrame: 5, rows: 3 },
      { id: 2, classId: 2, label: 'car', firstFrame: 1, lastFrame: 1, rows: 1 },
    ]);
    expect(json.rows[3]).toEqual({ frame: 5, id: 1, x: 290, y: 240, width: 20, height: 40, score: 0.75 });
    expect(json).toMatchObject({ every: 2, frames: 9, fps: 10 });
    const counts = JSON.parse(r.counts());
    expect(counts.counts).toEqual({ person: { in: 1, out: 0 } });
    expect(counts.crossings).toEqual([
      { trackId: 1, classId: 0, label: 'person', direction: 'in', frame: 5, time: 0.4 },
    ]);
    expect(counts.line.fractions).toEqual({ x1: 0, y1: 0.5, x2: 1, y2: 0.5 });
  });

  it('grows past its first buffer and keeps every row', () => {
    const r = new TrackRecorder(meta);
    for (let f = 1; f <= 300; f++)
      r.add(
        f,
        [1, 2, 3, 4, 5].map((id) => box(id, 10 * id, f)),
      );
    expect(r.rowCount).toBe(1500);
    const rows = [...r.rows()];
    expect(rows[1499]).toEqual({ frame: 300, id: 5, x1: 40, y1: 280, x2: 60, y2: 320, score: 0.75 });
    expect(r.csv().split('\n')).toHaveLength(1501);
  });

  it('refuses frames out of order, a track twice in a frame, counts without a line, and bad metadata', () => {
    const r = new TrackRecorder(meta);
    r.add(4, []);
    expect(() => r.add(4, [])).toThrow(/frame 4 was added after frame 4: add frames in increasing order, once each/);
    expect(() => r.add(0, [])).toThrow(/frame 0 is not a frame number/);
    expect(() => r.add(5, [box(1, 0, 0), box(1, 5, 5)])).toThrow(/frame 5 has track 1 twice/);
    expect(r.hasCounts).toBe(false);
    expect(() => r.counts()).toThrow(/no counting line was set for this analysis: draw a line before analysing/);
    expect(() => new TrackRecorder({ ...meta, fps: 0 })).toThrow(/video fps is 0: it must be the frames per second/);
    expect(() => new TrackRecorder({ ...meta, every: 1.5 })).toThrow(/video every is 1.5: it must be the frame step/);
    expect(() => new TrackRecorder(meta, { x1: 1, y1: 1, x2: 1, y2: 1 })).toThrow(/counting line has no length/);
  });
});
