import { describe, expect, it } from 'vitest';
import { ByteTracker, type TrackedDetection } from './byte-tracker.ts';
import { defaultDeadZone, LineCounter } from './line-counter.ts';
import { alongLine, checkLine, inNormal, signedDistance } from './line-geometry.ts';
import { linearPath, makeScene } from './synthetic.ts';

/** A 20x40 box of a track centred at (cx, cy). */
const at = (trackId: number, cx: number, cy: number, classId = 0, label = 'person'): TrackedDetection => ({
  x1: cx - 10,
  y1: cy - 20,
  x2: cx + 10,
  y2: cy + 20,
  score: 0.9,
  classId,
  label,
  trackId,
});

/** Horizontal line drawn left to right: "in" is downwards. Length 400, so the default dead zone is 8 px. */
const horizontal = { x1: 100, y1: 200, x2: 500, y2: 200 };

/** Feeds one track's centres, one per frame from frame 1; returns the counter. */
function walk(points: [number, number][], line = horizontal, trackId = 1): LineCounter {
  const c = new LineCounter(line);
  points.forEach(([x, y], i) => {
    c.update(i + 1, [at(trackId, x, y)]);
  });
  return c;
}

describe('line geometry and the direction convention', () => {
  it('puts "in" below a line drawn left to right, and right to left of one drawn downwards', () => {
    expect(signedDistance(horizontal, 300, 250)).toBe(50);
    expect(signedDistance(horizontal, 300, 150)).toBe(-50);
    expect(inNormal(horizontal)).toEqual({ x: 0, y: 1 });
    const down = { x1: 300, y1: 0, x2: 300, y2: 400 };
    expect(signedDistance(down, 250, 100)).toBe(50);
    expect(inNormal(down)).toEqual({ x: -1, y: 0 });
  });
  it('places a point along the segment from 0 at A to 1 at B', () => {
    expect(alongLine(horizontal, 100, 999)).toBe(0);
    expect(alongLine(horizontal, 300, 0)).toBe(0.5);
    expect(alongLine(horizontal, 600, 0)).toBe(1.25);
  });
  it('refuses a line without length or with a non-number, saying what to do', () => {
    expect(() => checkLine({ x1: 5, y1: 5, x2: 5, y2: 5 })).toThrow(
      /no length: both ends are at \(5, 5\); draw it between two different points/,
    );
    expect(() => checkLine({ x1: 5, y1: Number.NaN, x2: 5, y2: 9 })).toThrow(/y1 is NaN: give both ends as numbers/);
    expect(() => new LineCounter(horizontal, { deadZonePx: -1 })).toThrow(/dead zone is -1 px: it must be 0 or more/);
    expect(() => new LineCounter(horizontal).update(0, [])).toThrow(
      /frame 0 is not a frame number: frames count from 1/,
    );
  });
  it('defaults the dead zone to 2% of the line, at least 2 px', () => {
    expect(defaultDeadZone(horizontal)).toBe(8);
    expect(defaultDeadZone({ x1: 0, y1: 0, x2: 30, y2: 40 })).toBe(2);
  });
});

describe('LineCounter', () => {
  it('counts a track moving down across the segment once "in", at the first frame clearly past the line', () => {
    // Centre y: 150, 160, ..., 250. Past the 8 px dead zone first at y = 210: frame 7.
    const c = walk(Array.from({ length: 11 }, (_, k) => [300, 150 + 10 * k] as [number, number]));
    expect(c.crossings()).toEqual([{ trackId: 1, classId: 0, label: 'person', direction: 'in', frame: 7 }]);
    expect(c.totals()).toEqual({ in: 1, out: 0 });
  });

  it('counts the way up as "out"', () => {
    const c = walk(Array.from({ length: 11 }, (_, k) => [300, 250 - 10 * k] as [number, number]));
    expect(c.counts()).toEqual([{ classId: 0, label: 'person', in: 0, out: 1 }]);
  });

  it('does not count a box standing on the line and jittering inside the dead zone for 50 frames', () => {
    const pts: [number, number][] = [[300, 150]];
    for (let k = 0; k < 50; k++) pts.push([300, 200 + (k % 2 ? 5 : -5)]);
    expect(walk(pts).totals()).toEqual({ in: 0, out: 0 });
  });

  it('counts a box dithering across the line (beyond the dead zone) for 50 frames at most once per direction', () => {
    const pts: [number, number][] = [[300, 150]];
    for (let k = 0; k < 50; k++) pts.push([300, 200 + (k % 2 ? 20 : -20)]);
    const c = walk(pts);
    expect(c.totals()).toEqual({ in: 1, out: 1 });
    expect(c.crossings().map((x) => [x.direction, x.frame])).toEqual([
      ['in', 3],
      ['out', 4],
    ]);
  });

  it('counts a track that goes in and comes back out once each way, in order', () => {
    const c = walk([
      [300, 150],
      [300, 190],
      [300, 230],
      [300, 260],
      [300, 220],
      [300, 180],
      [300, 150],
    ]);
    expect(c.crossings().map((x) => [x.direction, x.frame])).toEqual([
      ['in', 3],
      ['out', 6],
    ]);
  });

  it('does not count a crossing of the line beyond the segment’s ends', () => {
    const c = walk(Array.from({ length: 11 }, (_, k) => [550, 150 + 10 * k] as [number, number]));
    expect(c.totals()).toEqual({ in: 0, out: 0 });
    // The segment test uses where the centre crossed, not where it ends up: a diagonal walk that
    // crosses at x = 520 (beyond B) and ends above the segment's middle is not counted either.
    const diag = walk([
      [540, 180],
      [500, 220],
      [300, 260],
    ]);
    expect(diag.totals()).toEqual({ in: 0, out: 0 });
  });

  it('counts a crossing made while the track was lost, when it reappears with its ID', () => {
    const c = new LineCounter(horizontal);
    c.update(1, [at(4, 300, 150)]);
    c.update(2, [at(4, 300, 160)]);
    for (let f = 3; f <= 10; f++) c.update(f, []);
    expect(c.update(11, [at(4, 300, 240)])).toEqual([
      { trackId: 4, classId: 0, label: 'person', direction: 'in', frame: 11 },
    ]);
  });

  it('does not count a track first seen on the line that then leaves it', () => {
    expect(
      walk([
        [300, 203],
        [300, 230],
        [300, 260],
      ]).totals(),
    ).toEqual({ in: 0, out: 0 });
  });

  it('counts per class and keeps tracks apart; reset forgets everything', () => {
    const c = new LineCounter(horizontal);
    for (let k = 0; k < 11; k++) {
      const y = 150 + 10 * k;
      c.update(k + 1, [at(1, 200, y), at(2, 300, y, 2, 'car'), at(3, 400, 400 - y)]);
    }
    expect(c.counts()).toEqual([
      { classId: 0, label: 'person', in: 1, out: 1 },
      { classId: 2, label: 'car', in: 1, out: 0 },
    ]);
    expect(c.totals()).toEqual({ in: 2, out: 1 });
    c.reset();
    expect(c.totals()).toEqual({ in: 0, out: 0 });
    expect(c.crossings()).toEqual([]);
  });
});

describe('tracker + counter on a synthetic scene', () => {
  it('counts exactly the people whose path crosses the segment, each way', () => {
    // A vertical line drawn downwards at x = 320 from y = 100 to 400: "in" is right to left.
    const line = { x1: 320, y1: 100, x2: 320, y2: 400 };
    const person = (id: number, cx: number, cy: number, vx: number, from: number) => ({
      id,
      classId: 0,
      label: 'person',
      box: linearPath({ cx, cy, w: 40, h: 100, vx, from }),
    });
    const scene = makeScene(
      [
        person(1, 600, 150, -4, 1), // right to left through the segment: in
        person(2, 620, 250, -3, 20), // in
        person(3, 580, 350, -5, 40), // in
        person(4, 40, 200, 4, 10), // left to right: out
        person(5, 60, 300, 3, 30), // out
        person(6, 40, 440, 4, 1), // crosses x = 320 below the segment's end (y = 400): not counted
      ],
      { frames: 200, width: 640, height: 480, seed: 21, jitterPx: 2 },
    );
    const tracker = new ByteTracker();
    const counter = new LineCounter(line);
    for (const f of scene) counter.update(f.frame, tracker.update(f.detections));
    expect(counter.counts()).toEqual([{ classId: 0, label: 'person', in: 3, out: 2 }]);
    expect(new Set(counter.crossings().map((c) => c.trackId)).size).toBe(5);
  });
});
