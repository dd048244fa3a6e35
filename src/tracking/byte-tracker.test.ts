import { describe, expect, it } from 'vitest';
import type { Detection } from '../detect/detections.ts';
import { ByteTracker } from './byte-tracker.ts';
import { defaultNewTrackThreshold, resolveTrackerOptions } from './tracker-options.ts';

const det = (x: number, y: number, score = 0.9, classId = 0, w = 40, h = 80): Detection => ({
  x1: x,
  y1: y,
  x2: x + w,
  y2: y + h,
  score,
  classId,
  label: classId === 0 ? 'person' : `class ${classId}`,
});
const ids = (out: { trackId: number }[]) => out.map((t) => t.trackId);

describe('ByteTracker: starting and confirming tracks', () => {
  it('confirms first-frame boxes at once, numbered 1.. in detection order; low boxes start nothing', () => {
    const t = new ByteTracker({ highThreshold: 0.5 });
    // 0.55 is high but under newTrackThreshold (0.6); 0.3 is low.
    const out = t.update([det(300, 0, 0.7), det(0, 0, 0.9), det(100, 0, 0.55), det(200, 0, 0.3)]);
    expect(ids(out)).toEqual([1, 2]);
    expect(out[0]).toEqual({ ...det(300, 0, 0.7), trackId: 1 });
    expect(out[1]).toEqual({ ...det(0, 0, 0.9), trackId: 2 });
  });

  it('after the first frame, a new object is reported from its second frame, with the next ID', () => {
    const t = new ByteTracker();
    t.update([det(0, 0)]);
    expect(ids(t.update([det(2, 0), det(300, 0)]))).toEqual([1]);
    expect(ids(t.update([det(4, 0), det(302, 0)]))).toEqual([1, 2]);
  });

  it('never gives an ID to a one-frame false positive, so IDs have no gaps', () => {
    const t = new ByteTracker();
    t.update([det(0, 0)]);
    t.update([det(2, 0), det(400, 300)]); // a flash at (400, 300)
    t.update([det(4, 0)]);
    t.update([det(6, 0), det(200, 0)]);
    expect(ids(t.update([det(8, 0), det(202, 0)]))).toEqual([1, 2]);
    expect(t.idsIssued).toBe(2);
  });

  it('reports the matched detection’s own box and score, in increasing trackId', () => {
    const t = new ByteTracker();
    t.update([det(200, 0), det(0, 0)]);
    const d = [det(3, 1, 0.81), det(201, 2, 0.77)];
    const out = t.update(d);
    expect(out).toEqual([
      { ...d[1]!, trackId: 1 },
      { ...d[0]!, trackId: 2 },
    ]);
  });
});

describe('ByteTracker: losing and finding tracks', () => {
  const hiddenFor = (frames: number) => {
    // 10 fps: the buffer is 10 frames.
    const t = new ByteTracker({ frameRate: 10 });
    expect(t.options.trackBufferFrames).toBe(10);
    t.update([det(100, 100)]);
    t.update([det(100, 100)]);
    for (let k = 0; k < frames; k++) expect(t.update([])).toEqual([]);
    return t.update([det(100, 100)]);
  };
  it('keeps the ID of a track unseen for up to trackBufferFrames', () => {
    expect(ids(hiddenFor(10))).toEqual([1]);
  });
  it('forgets it one frame later; the object comes back unconfirmed, then with a new ID', () => {
    const t = new ByteTracker({ frameRate: 10 });
    t.update([det(100, 100)]);
    for (let k = 0; k < 11; k++) t.update([]);
    expect(t.liveTracks()).toEqual([]);
    expect(t.update([det(100, 100)])).toEqual([]);
    expect(ids(t.update([det(100, 100)]))).toEqual([2]);
  });
  it('lists lost tracks with their predicted box, moving on at their velocity', () => {
    const t = new ByteTracker();
    for (let f = 0; f < 20; f++) t.update([det(100 + 5 * f, 50)]);
    t.update([]);
    t.update([]);
    const [lost] = t.liveTracks();
    expect(lost).toMatchObject({ trackId: 1, state: 'lost', lastSeenFrame: 20, framesUnseen: 2 });
    // Last seen at x1 = 195; two frames at ~5 px a frame later it is predicted near 205.
    expect(lost!.box.x1).toBeGreaterThan(202);
    expect(lost!.box.x1).toBeLessThan(208);
  });
});

describe('ByteTracker: the two stages', () => {
  it('keeps a seen track alive with a low-score box (second stage)', () => {
    const t = new ByteTracker({ highThreshold: 0.5 });
    t.update([det(0, 0, 0.9)]);
    expect(t.update([det(1, 0, 0.2)])).toEqual([{ ...det(1, 0, 0.2), trackId: 1 }]);
  });
  it('ignores boxes under lowThreshold', () => {
    const t = new ByteTracker({ highThreshold: 0.5, lowThreshold: 0.25 });
    t.update([det(0, 0, 0.9)]);
    expect(t.update([det(1, 0, 0.2)])).toEqual([]);
  });
  it('does not revive a lost track with a low-score box, nor start one from it', () => {
    const t = new ByteTracker();
    t.update([det(0, 0, 0.9)]);
    t.update([]);
    expect(t.update([det(0, 0, 0.3)])).toEqual([]);
    expect(t.liveTracks()[0]!.state).toBe('lost');
    expect(ids(t.update([det(0, 0, 0.9)]))).toEqual([1]);
  });
  it('matches only within a class: a car on a lost person does not take its ID', () => {
    const t = new ByteTracker();
    t.update([det(0, 0, 0.9, 0)]);
    const carOnPerson = t.update([det(0, 0, 0.9, 2)]);
    expect(carOnPerson).toEqual([]);
    const out = t.update([det(0, 0, 0.9, 2), det(0, 0, 0.9, 0)]);
    expect(out.map((o) => [o.trackId, o.classId])).toEqual([
      [1, 0],
      [2, 2],
    ]);
  });
  it('gives a contested track to the better-scored box when scores are fused', () => {
    const t = new ByteTracker({ fuseScore: true });
    t.update([det(0, 0)]);
    // Both overlap the track about equally; the 0.95 box wins, the 0.6 one waits to start its own track.
    const out = t.update([det(4, 0, 0.6), det(-4, 0, 0.95)]);
    expect(out).toEqual([{ ...det(-4, 0, 0.95), trackId: 1 }]);
  });
});

describe('ByteTracker: life cycle and bad input', () => {
  it('never reuses an ID and starts again from 1 after reset()', () => {
    const t = new ByteTracker({ frameRate: 1 });
    t.update([det(0, 0)]);
    t.update([]);
    t.update([]); // track 1 gone
    t.update([det(0, 0)]);
    expect(ids(t.update([det(0, 0)]))).toEqual([2]);
    t.reset();
    expect(t.frameCount).toBe(0);
    expect(ids(t.update([det(0, 0)]))).toEqual([1]);
  });
  it('skips boxes that are empty or not finite, and counts them', () => {
    const t = new ByteTracker();
    const bad = [
      det(0, 0),
      { ...det(100, 0), x2: 100 },
      { ...det(200, 0), y1: Number.NaN },
      { ...det(300, 0), score: Number.NaN },
    ];
    expect(ids(t.update(bad))).toEqual([1]);
    expect(t.ignoredDetections).toBe(3);
  });
  it('derives the defaults from the confidence and frame rate', () => {
    expect(resolveTrackerOptions()).toMatchObject({
      highThreshold: 0.5,
      lowThreshold: 0.1,
      matchThreshold: 0.8,
      lowMatchThreshold: 0.5,
      unconfirmedMatchThreshold: 0.7,
      fuseScore: false,
      frameRate: 30,
      trackBufferFrames: 30,
    });
    expect(resolveTrackerOptions().newTrackThreshold).toBeCloseTo(0.6, 12);
    expect(defaultNewTrackThreshold(0.95)).toBeCloseTo(0.975, 12);
    expect(resolveTrackerOptions({ frameRate: 12.5 }).trackBufferFrames).toBe(13);
    // A confidence under the usual low floor lowers the floor with it.
    expect(resolveTrackerOptions({ highThreshold: 0.05 }).lowThreshold).toBe(0.05);
  });
  it('refuses out-of-range options with the name, the value and what it must be', () => {
    expect(() => new ByteTracker({ highThreshold: 1.5 })).toThrow(
      /highThreshold is 1.5: it must be a score from 0 to 1/,
    );
    expect(() => new ByteTracker({ highThreshold: 0.4, lowThreshold: 0.6 })).toThrow(
      /lowThreshold is 0.6: it must be a score from 0 to highThreshold \(0.4\)/,
    );
    expect(() => new ByteTracker({ frameRate: 0 })).toThrow(/frameRate is 0: it must be the frames per second/);
    expect(() => new ByteTracker({ trackBufferFrames: 2.5 })).toThrow(
      /trackBufferFrames is 2.5: it must be a whole number/,
    );
    expect(() => new ByteTracker({ matchThreshold: Number.NaN })).toThrow(/matchThreshold is NaN/);
  });
});
