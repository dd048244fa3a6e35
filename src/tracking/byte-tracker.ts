/**
 * ByteTrack (Zhang et al., ECCV 2022) for one video: a Kalman filter per
 * object, two-stage IoU association (high-score boxes first, then low-score
 * boxes for the tracks left over), per class. See docs/tracking.md.
 *
 * Where we differ from the reference code, on purpose:
 * - The Kalman filter tracks width and height (BoT-SORT's form), not aspect
 *   and height: kalman.ts says why.
 * - IDs are given when a track is confirmed, not when it is first seen, so
 *   IDs run 1, 2, 3… without gaps from one-frame false positives.
 * - Matching is per class: a person's track never takes a car's box.
 * - The reported box is the matched detection's, not the Kalman estimate, so
 *   tracked boxes are exactly the detector's; `liveTracks()` gives the estimate.
 * - The first stage gives high boxes to the tracks seen in the last frame
 *   first and only then to lost tracks (ByteTrack pools them): when two
 *   people cross, the hidden one's extrapolated box must not take the box of
 *   the one in front, whose track was just seen (DeepSORT's cascade, in short).
 * - No "remove duplicate tracks" pass: it deletes a lost track overlapping a
 *   seen one, which is the ID we want back when two people cross.
 */
import type { Detection } from '../detect/detections.ts';
import { gatedAssignment } from './assignment.ts';
import { type Box, boxToXywh, iou, isUsableBox, xywhToBox } from './box.ts';
import { kalmanInitiate, kalmanPredict, kalmanUpdate, type KalmanState } from './kalman.ts';
import { resolveTrackerOptions, type TrackerOptions } from './tracker-options.ts';

/** A detection with the ID of the track it belongs to. */
export interface TrackedDetection extends Detection {
  trackId: number;
}

/** A confirmed track alive in the tracker, seen this frame or lost (for drawing). */
export interface LiveTrack {
  trackId: number;
  classId: number;
  label: string;
  /** 'tracked': seen this frame; 'lost': unseen for `framesUnseen` frames, still able to take its ID back. */
  state: 'tracked' | 'lost';
  /** The Kalman filter's box: smoothed when seen, predicted when lost. */
  box: Box;
  /** Score of the last detection matched to it. */
  score: number;
  firstFrame: number;
  lastSeenFrame: number;
  framesUnseen: number;
}

interface Track {
  /** Creation order: confirms tracks of one frame in a stable order. */
  seq: number;
  /** 0 until confirmed. */
  id: number;
  classId: number;
  label: string;
  state: 'new' | 'tracked' | 'lost';
  kf: KalmanState;
  /** The filter's box for this frame's matching (predicted), then after the update. */
  box: Box;
  /** The detection matched this frame, or null. */
  det: Det | null;
  score: number;
  firstFrame: number;
  lastSeen: number;
}

/**
 * A detection as the tracker reads it. Detections arrive as objects of many
 * hidden classes (spread copies), which makes each property read in the IoU
 * loops slow; copying the numbers once into one shape keeps those loops fast.
 */
interface Det extends Box {
  score: number;
  classId: number;
  label: string;
}

function toDet(d: Detection): Det {
  return { x1: d.x1, y1: d.y1, x2: d.x2, y2: d.y2, score: d.score, classId: d.classId, label: d.label };
}

interface Association {
  matches: [Track, Det][];
  unmatchedTracks: Track[];
  unmatchedDets: Det[];
}

function filterBox(kf: KalmanState): Box {
  const m = kf.mean;
  return xywhToBox(m[0]!, m[1]!, m[2]!, m[3]!);
}

/** Writes the filter's box into `box`: this runs twice per track per frame, so it does not allocate. */
function setFilterBox(box: Box, kf: KalmanState): void {
  const m = kf.mean;
  box.x1 = m[0]! - m[2]! / 2;
  box.y1 = m[1]! - m[3]! / 2;
  box.x2 = m[0]! + m[2]! / 2;
  box.y2 = m[1]! + m[3]! / 2;
}

/** Optimal gated matching of tracks to detections, separately for each class. */
function associate(tracks: readonly Track[], dets: readonly Det[], gate: number, fuse: boolean): Association {
  const byClass = new Map<number, { ts: Track[]; ds: Det[] }>();
  const group = (classId: number) => {
    let g = byClass.get(classId);
    if (!g) {
      g = { ts: [], ds: [] };
      byClass.set(classId, g);
    }
    return g;
  };
  for (const t of tracks) group(t.classId).ts.push(t);
  for (const d of dets) group(d.classId).ds.push(d);
  const out: Association = { matches: [], unmatchedTracks: [], unmatchedDets: [] };
  for (const { ts, ds } of byClass.values()) {
    if (ts.length === 0 || ds.length === 0) {
      out.unmatchedTracks.push(...ts);
      out.unmatchedDets.push(...ds);
      continue;
    }
    const cost = new Float64Array(ts.length * ds.length);
    for (let i = 0; i < ts.length; i++) {
      const box = ts[i]!.box;
      for (let j = 0; j < ds.length; j++) {
        const d = ds[j]!;
        cost[i * ds.length + j] = 1 - iou(box, d) * (fuse ? d.score : 1);
      }
    }
    const a = gatedAssignment({ rows: ts.length, cols: ds.length, cost }, gate);
    for (const [i, j] of a.matches) out.matches.push([ts[i]!, ds[j]!]);
    for (const i of a.unmatchedRows) out.unmatchedTracks.push(ts[i]!);
    for (const j of a.unmatchedCols) out.unmatchedDets.push(ds[j]!);
  }
  return out;
}

export class ByteTracker {
  readonly options: TrackerOptions;
  private tracks: Track[] = [];
  private frame = 0;
  private nextId = 1;
  private nextSeq = 0;
  private ignored = 0;

  /** Throws a RangeError naming the option when one is out of range (tracker-options.ts). */
  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = resolveTrackerOptions(options);
  }

  /** Frames given to `update` since creation or `reset()`. */
  get frameCount(): number {
    return this.frame;
  }

  /** Detections skipped because their box was empty or not finite (a detector fault; they cannot be tracked). */
  get ignoredDetections(): number {
    return this.ignored;
  }

  /** IDs given so far: the highest ID, as IDs are never reused. */
  get idsIssued(): number {
    return this.nextId - 1;
  }

  /** Forget every track; IDs start again from 1. */
  reset(): void {
    this.tracks = [];
    this.frame = 0;
    this.nextId = 1;
    this.nextSeq = 0;
    this.ignored = 0;
  }

  /**
   * One frame: its detections (after NMS, low scores included), in order of
   * frames. Returns the confirmed tracks seen in this frame, each with the
   * matched detection's box and score, in increasing trackId.
   */
  update(detections: readonly Detection[]): TrackedDetection[] {
    const o = this.options;
    const frame = ++this.frame;
    const high: Det[] = [];
    const low: Det[] = [];
    for (const given of detections) {
      const d = toDet(given);
      if (!isUsableBox(d) || !Number.isFinite(d.score)) {
        this.ignored++;
      } else if (d.score >= o.highThreshold) {
        high.push(d);
      } else if (d.score >= o.lowThreshold) {
        low.push(d);
      }
    }

    const unconfirmed: Track[] = [];
    const pool: Track[] = [];
    for (const t of this.tracks) {
      t.det = null;
      if (t.state === 'new') {
        // As ByteTrack: a track seen once has no velocity yet, so it is matched where it was.
        unconfirmed.push(t);
        continue;
      }
      // A lost track keeps moving but stops growing or shrinking (BoT-SORT zeroes its size velocities).
      if (t.state === 'lost') {
        t.kf.mean[6] = 0;
        t.kf.mean[7] = 0;
      }
      kalmanPredict(t.kf);
      setFilterBox(t.box, t.kf);
      pool.push(t);
    }

    const seen = (t: Track, d: Det) => {
      kalmanUpdate(t.kf, boxToXywh(d));
      setFilterBox(t.box, t.kf);
      t.det = d;
      t.score = d.score;
      t.lastSeen = frame;
    };
    const confirmed: Track[] = [];

    // Stage 1: high boxes, first to the tracks seen last frame, then what is left to the lost ones.
    const first = associate(
      pool.filter((t) => t.state === 'tracked'),
      high,
      o.matchThreshold,
      o.fuseScore,
    );
    for (const [t, d] of first.matches) seen(t, d);
    const revived = associate(
      pool.filter((t) => t.state === 'lost'),
      first.unmatchedDets,
      o.matchThreshold,
      o.fuseScore,
    );
    for (const [t, d] of revived.matches) {
      seen(t, d);
      t.state = 'tracked';
    }
    // Stage 2: low boxes only for tracks seen last frame: a lost track is not revived by a doubtful box.
    const second = associate(first.unmatchedTracks, low, o.lowMatchThreshold, false);
    for (const [t, d] of second.matches) seen(t, d);
    for (const t of second.unmatchedTracks) t.state = 'lost';

    // Stage 3: tracks seen once, against the high boxes left; confirmed when matched, dropped when not.
    const third = associate(unconfirmed, revived.unmatchedDets, o.unconfirmedMatchThreshold, o.fuseScore);
    const dropped = new Set<Track>(third.unmatchedTracks);
    for (const [t, d] of third.matches) {
      seen(t, d);
      t.state = 'tracked';
      confirmed.push(t);
    }

    // New tracks from the high boxes nobody took; on the very first frame they are confirmed at once.
    for (const d of third.unmatchedDets) {
      if (d.score < o.newTrackThreshold) continue;
      const kf = kalmanInitiate(boxToXywh(d));
      const t: Track = {
        seq: this.nextSeq++,
        id: 0,
        classId: d.classId,
        label: d.label,
        state: 'new',
        kf,
        box: filterBox(kf),
        det: d,
        score: d.score,
        firstFrame: frame,
        lastSeen: frame,
      };
      this.tracks.push(t);
      if (frame === 1) {
        t.state = 'tracked';
        confirmed.push(t);
      }
    }
    confirmed.sort((a, b) => a.seq - b.seq);
    for (const t of confirmed) t.id = this.nextId++;

    this.tracks = this.tracks.filter(
      (t) => !dropped.has(t) && !(t.state === 'lost' && frame - t.lastSeen > o.trackBufferFrames),
    );

    const out: TrackedDetection[] = [];
    for (const t of this.tracks) {
      const d = t.det;
      if (t.id === 0 || d === null) continue;
      out.push({
        x1: d.x1,
        y1: d.y1,
        x2: d.x2,
        y2: d.y2,
        score: d.score,
        classId: t.classId,
        label: t.label,
        trackId: t.id,
      });
    }
    return out.sort((a, b) => a.trackId - b.trackId);
  }

  /** Confirmed tracks still alive after the last `update`, seen or lost, in increasing trackId. */
  liveTracks(): LiveTrack[] {
    const out: LiveTrack[] = [];
    for (const t of this.tracks) {
      if (t.id === 0) continue;
      out.push({
        trackId: t.id,
        classId: t.classId,
        label: t.label,
        state: t.state === 'lost' ? 'lost' : 'tracked',
        box: { ...t.box },
        score: t.score,
        firstFrame: t.firstFrame,
        lastSeenFrame: t.lastSeen,
        framesUnseen: this.frame - t.lastSeen,
      });
    }
    return out.sort((a, b) => a.trackId - b.trackId);
  }
}
