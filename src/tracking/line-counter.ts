/**
 * Counts tracks crossing a line segment, per class and direction
 * (line-geometry.ts has the convention). Feed it each frame's tracked boxes.
 *
 * The point that crosses is the box centre. Its side of the line only changes
 * once it is more than `deadZonePx` away from the line, so a box standing on
 * the line and jittering does not flip sides; and each track counts at most
 * once per direction, so even a box jittering wider than the dead zone counts
 * at most one "in" and one "out". A track that goes in and comes back out
 * counts one of each. The crossing must be on the segment: where the centre
 * last passed the line (between two frames, by interpolation) must project
 * between A and B. A track lost for a while and found again (same ID) keeps
 * its side, so crossing while hidden still counts when it reappears.
 */
import type { TrackedDetection } from './byte-tracker.ts';
import { boxCentre } from './box.ts';
import { alongLine, type CountLine, checkLine, type Direction, lineLength, signedDistance } from './line-geometry.ts';

export interface Crossing {
  trackId: number;
  classId: number;
  label: string;
  direction: Direction;
  /** The 1-based frame number given to `update` when the crossing was confirmed. */
  frame: number;
}

export interface DirectionCounts {
  in: number;
  out: number;
}

export interface ClassCounts extends DirectionCounts {
  classId: number;
  label: string;
}

export interface LineCounterOptions {
  /**
   * How far (pixels) the centre must be from the line to be on a side.
   * Default: 2% of the line's length, at least 2 px; a proxy for the scene's
   * scale, as a line is usually drawn across the road or door being counted.
   */
  deadZonePx?: number;
}

/** The default dead zone for a line: 2% of its length, at least 2 px. */
export function defaultDeadZone(line: CountLine): number {
  return Math.max(2, 0.02 * lineLength(line));
}

interface TrackState {
  /** Last side the centre was clearly on: -1 out side, 1 in side, 0 not yet known. */
  side: number;
  prevX: number;
  prevY: number;
  prevD: number;
  /** Where along AB the centre last passed the infinite line since the side was last confirmed, or NaN. */
  crossAt: number;
  countedIn: boolean;
  countedOut: boolean;
}

export class LineCounter {
  readonly line: CountLine;
  readonly deadZonePx: number;
  private states = new Map<number, TrackState>();
  private byClass = new Map<number, ClassCounts>();
  private list: Crossing[] = [];

  /** Throws a RangeError when the line has no length or a coordinate is not a number, or the dead zone is negative. */
  constructor(line: CountLine, options: LineCounterOptions = {}) {
    checkLine(line);
    this.line = { x1: line.x1, y1: line.y1, x2: line.x2, y2: line.y2 };
    this.deadZonePx = options.deadZonePx ?? defaultDeadZone(line);
    if (!(Number.isFinite(this.deadZonePx) && this.deadZonePx >= 0)) {
      throw new RangeError(`the dead zone is ${String(options.deadZonePx)} px: it must be 0 or more pixels`);
    }
  }

  /** One frame's tracked boxes; returns the crossings confirmed in it. */
  update(frame: number, tracks: readonly TrackedDetection[]): Crossing[] {
    if (!(Number.isInteger(frame) && frame >= 1)) {
      throw new RangeError(`frame ${String(frame)} is not a frame number: frames count from 1`);
    }
    const found: Crossing[] = [];
    for (const t of tracks) {
      const c = boxCentre(t);
      const d = signedDistance(this.line, c.x, c.y);
      if (!Number.isFinite(d)) continue;
      const side = d > this.deadZonePx ? 1 : d < -this.deadZonePx ? -1 : 0;
      const s = this.states.get(t.trackId);
      if (!s) {
        this.states.set(t.trackId, {
          side,
          prevX: c.x,
          prevY: c.y,
          prevD: d,
          crossAt: Number.NaN,
          countedIn: false,
          countedOut: false,
        });
        continue;
      }
      if (d === 0) {
        s.crossAt = alongLine(this.line, c.x, c.y);
      } else if (s.prevD * d < 0) {
        // The centre passed the line between the two positions: interpolate where.
        const f = s.prevD / (s.prevD - d);
        s.crossAt = alongLine(this.line, s.prevX + f * (c.x - s.prevX), s.prevY + f * (c.y - s.prevY));
      }
      if (side !== 0) {
        if (s.side !== 0 && side !== s.side && s.crossAt >= 0 && s.crossAt <= 1) {
          const direction: Direction = side > 0 ? 'in' : 'out';
          if (direction === 'in' ? !s.countedIn : !s.countedOut) {
            if (direction === 'in') s.countedIn = true;
            else s.countedOut = true;
            const crossing: Crossing = { trackId: t.trackId, classId: t.classId, label: t.label, direction, frame };
            found.push(crossing);
            this.record(crossing);
          }
        }
        s.side = side;
        s.crossAt = Number.NaN;
      }
      s.prevX = c.x;
      s.prevY = c.y;
      s.prevD = d;
    }
    return found;
  }

  private record(c: Crossing): void {
    let k = this.byClass.get(c.classId);
    if (!k) {
      k = { classId: c.classId, label: c.label, in: 0, out: 0 };
      this.byClass.set(c.classId, k);
    }
    k[c.direction]++;
    this.list.push(c);
  }

  /** Counts per class that has crossed at least once, in increasing classId. */
  counts(): ClassCounts[] {
    return [...this.byClass.values()].sort((a, b) => a.classId - b.classId).map((k) => ({ ...k }));
  }

  totals(): DirectionCounts {
    let i = 0;
    let o = 0;
    for (const k of this.byClass.values()) {
      i += k.in;
      o += k.out;
    }
    return { in: i, out: o };
  }

  /** Every counted crossing, in the order they happened. */
  crossings(): readonly Crossing[] {
    return this.list;
  }

  /** Forget all tracks and counts (same line). */
  reset(): void {
    this.states.clear();
    this.byClass.clear();
    this.list = [];
  }
}
