/**
 * The named synthetic scenes the tracker is judged on (tracker-scenes.test.ts
 * asserts on them; `scripts/bench-tracker.ts` prints their MOTA and IDF1).
 * Each is seeded, so every run sees the same frames. 640x480 at 30 fps.
 */
import type { Box } from './box.ts';
import { busyScene, linearPath, makeScene, type SceneFrame, type SceneObject } from './synthetic.ts';
import type { TrackerOptions } from './tracker-options.ts';

export const SCENE_WIDTH = 640;
export const SCENE_HEIGHT = 480;
const size = { width: SCENE_WIDTH, height: SCENE_HEIGHT };

export interface NamedScene {
  name: string;
  frames: SceneFrame[];
  /** Tracker options the scene is meant to be run with. */
  options: Partial<TrackerOptions>;
}

const person = (id: number, box: SceneObject['box'], extra: Partial<SceneObject> = {}): SceneObject => ({
  id,
  classId: 0,
  label: 'person',
  box,
  ...extra,
});

function boxIou(a: Box, b: Box): number {
  const iw = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const ih = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = iw * ih;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

/** Two people walking towards each other 50 px apart vertically: their boxes overlap up to IoU 0.41, both stay detected. */
export function crossingScene(): NamedScene {
  const frames = makeScene(
    [
      person(1, linearPath({ cx: 60, cy: 200, w: 50, h: 120, vx: 4 })),
      person(2, linearPath({ cx: 580, cy: 250, w: 50, h: 120, vx: -4 })),
    ],
    { frames: 130, ...size, seed: 1 },
  );
  return { name: 'crossing', frames, options: {} };
}

/**
 * Two slow walkers (2 px a frame) crossing in line: the one behind is hidden
 * while its box overlaps the front one by IoU > 0.45, as NMS would drop it.
 */
export function inLineCrossingScene(): NamedScene {
  const front = linearPath({ cx: 60, cy: 200, w: 50, h: 120, vx: 2 });
  const back = linearPath({ cx: 580, cy: 205, w: 50, h: 120, vx: -2 });
  const frames = makeScene([person(1, front), person(2, back, { hidden: (f) => boxIou(front(f)!, back(f)!) > 0.45 })], {
    frames: 260,
    ...size,
    seed: 2,
  });
  return { name: 'crossing in line (occlusion)', frames, options: {} };
}

/** A walker (3 px a frame) hidden in frames 41–60: 20 frames at 30 fps. */
export function hiddenWalkerScene(): NamedScene {
  const frames = makeScene(
    [person(1, linearPath({ cx: 80, cy: 240, w: 40, h: 100, vx: 3 }), { hidden: (f) => f >= 41 && f <= 60 })],
    { frames: 120, ...size, seed: 3 },
  );
  return { name: 'hidden 20 frames', frames, options: { frameRate: 30 } };
}

/** A standing person for 300 frames with 4 px of corner jitter and noisy scores (sd 0.08). */
export function standingScene(): NamedScene {
  const frames = makeScene([person(1, linearPath({ cx: 320, cy: 240, w: 60, h: 150 }))], {
    frames: 300,
    ...size,
    seed: 4,
    jitterPx: 4,
    scoreJitter: 0.08,
  });
  return { name: 'standing, jittered', frames, options: {} };
}

/**
 * Five people entering and leaving by every side; true object 4 walks out on
 * the right at frame ~100 and a new one (5) comes in there at frame 160.
 */
export function enterLeaveScene(): NamedScene {
  const frames = makeScene(
    [
      person(1, linearPath({ cx: -30, cy: 150, w: 40, h: 100, vx: 5, from: 1, to: 150 })),
      person(2, linearPath({ cx: 670, cy: 300, w: 40, h: 100, vx: -3, from: 20, to: 250 })),
      person(3, linearPath({ cx: 320, cy: -60, w: 40, h: 100, vy: 4, from: 60, to: 250 })),
      person(4, linearPath({ cx: 500, cy: 380, w: 40, h: 90, vx: 3, from: 40, to: 100 })),
      person(5, linearPath({ cx: 680, cy: 380, w: 40, h: 90, vx: -3, from: 160, to: 250 })),
    ],
    { frames: 250, ...size, seed: 5 },
  );
  return { name: 'entering and leaving', frames, options: {} };
}

/** A walker whose score dips from 0.8 to 0.3 in frames 31–50, with the confidence at 0.5. */
export function scoreDipScene(): NamedScene {
  const dip = (f: number) => (f >= 31 && f <= 50 ? 0.3 : 0.8);
  const frames = makeScene([person(1, linearPath({ cx: 100, cy: 240, w: 50, h: 120, vx: 3 }), { score: dip })], {
    frames: 120,
    ...size,
    seed: 6,
  });
  return { name: 'score dips (second stage)', frames, options: { highThreshold: 0.5 } };
}

/** A person riding a bicycle: two classes, boxes overlapping (IoU ~0.4); the person is missed in frames 50–57. */
export function riderScene(): NamedScene {
  const rider = linearPath({ cx: 60, cy: 220, w: 44, h: 110, vx: 4 });
  const bike = linearPath({ cx: 60, cy: 250, w: 60, h: 70, vx: 4 });
  const frames = makeScene(
    [person(1, rider, { hidden: (f) => f >= 50 && f < 58 }), { id: 2, classId: 1, label: 'bicycle', box: bike }],
    { frames: 130, ...size, seed: 7 },
  );
  return { name: 'rider on bicycle (two classes)', frames, options: {} };
}

/** 40 objects of 4 classes bouncing around, 5% misses, scores 0.75 ± 0.15, 3 false boxes a frame. */
export function crowdScene(): NamedScene {
  return {
    name: 'crowd (40, misses, false boxes)',
    frames: busyScene(40, 300, 8, SCENE_WIDTH, SCENE_HEIGHT),
    options: {},
  };
}

export function allScenes(): NamedScene[] {
  return [
    crossingScene(),
    inLineCrossingScene(),
    hiddenWalkerScene(),
    standingScene(),
    enterLeaveScene(),
    scoreDipScene(),
    riderScene(),
    crowdScene(),
  ];
}
