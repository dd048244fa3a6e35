/**
 * A polygon zone: which tracks are inside now (by box centre) and how many
 * different tracks have been inside, per class. A track counts once however
 * often it goes in and out; one first seen inside counts too (it is there).
 */
import type { TrackedDetection } from './byte-tracker.ts';
import { boxCentre } from './box.ts';

export interface Point {
  x: number;
  y: number;
}

export interface ZoneCounts {
  classId: number;
  label: string;
  /** Different tracks of this class seen inside so far. */
  entered: number;
}

/** Twice the signed area (shoelace formula). */
function doubleArea(poly: readonly Point[]): number {
  let a = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    a += p.x * q.y - q.x * p.y;
  }
  return a;
}

/** Throws a RangeError saying what is wrong with a zone and what to do. */
export function checkPolygon(poly: readonly Point[]): void {
  if (poly.length < 3) {
    throw new RangeError(`a zone needs at least 3 corners, got ${poly.length}: click at least three points`);
  }
  poly.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new RangeError(
        `zone corner ${i + 1} is (${String(p.x)}, ${String(p.y)}): corners must be numbers of pixels`,
      );
    }
  });
  if (doubleArea(poly) === 0) {
    throw new RangeError('the zone has no area (its corners are on one line): spread the corners out');
  }
}

/** Even–odd ray casting; a point exactly on an edge may fall either way. */
export function pointInPolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

export class ZoneCounter {
  readonly polygon: readonly Point[];
  private now: number[] = [];
  private seen = new Set<number>();
  private byClass = new Map<number, ZoneCounts>();

  constructor(polygon: readonly Point[]) {
    checkPolygon(polygon);
    this.polygon = polygon.map((p) => ({ x: p.x, y: p.y }));
  }

  /** One frame's tracked boxes; returns the IDs of tracks inside for the first time. */
  update(tracks: readonly TrackedDetection[]): number[] {
    const firstTime: number[] = [];
    this.now = [];
    for (const t of tracks) {
      if (!pointInPolygon(boxCentre(t), this.polygon)) continue;
      this.now.push(t.trackId);
      if (this.seen.has(t.trackId)) continue;
      this.seen.add(t.trackId);
      firstTime.push(t.trackId);
      let k = this.byClass.get(t.classId);
      if (!k) {
        k = { classId: t.classId, label: t.label, entered: 0 };
        this.byClass.set(t.classId, k);
      }
      k.entered++;
    }
    return firstTime;
  }

  /** IDs of the tracks inside in the last frame, increasing. */
  inside(): number[] {
    return [...this.now].sort((a, b) => a - b);
  }

  counts(): ZoneCounts[] {
    return [...this.byClass.values()].sort((a, b) => a.classId - b.classId).map((k) => ({ ...k }));
  }

  get totalEntered(): number {
    return this.seen.size;
  }

  reset(): void {
    this.now = [];
    this.seen.clear();
    this.byClass.clear();
  }
}
