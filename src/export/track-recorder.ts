/**
 * Collects a video's tracked boxes frame by frame, counts line crossings when
 * given a line, and writes tracks.csv, tracks.json and counts.json at the end.
 *
 * Memory: the rows only, 7 numbers each in one growing Float64Array (56
 * bytes a row: 10 minutes at 30 fps with 20 boxes a frame is 360 000 rows,
 * 20 MB; the CSV text written from them is about as big again), plus one
 * small summary per track ID. Nothing else is kept per frame.
 */
import type { TrackedDetection } from '../tracking/byte-tracker.ts';
import { type Crossing, LineCounter, type LineCounterOptions } from '../tracking/line-counter.ts';
import type { CountLine } from '../tracking/line-geometry.ts';
import { countsJson } from './counts-json.ts';
import type { TrackRow, TrackSummary, VideoMeta } from './track-rows.ts';
import { motCsv } from './tracks-csv.ts';
import { tracksJson } from './tracks-json.ts';

const FIELDS = 7; // frame, id, x1, y1, x2, y2, score

function checkMeta(m: VideoMeta): void {
  const positive = (name: keyof VideoMeta, v: number, what: string) => {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`video ${name} is ${String(v)}: it must be ${what}`);
  };
  positive('width', m.width, 'the width in pixels, above 0');
  positive('height', m.height, 'the height in pixels, above 0');
  positive('fps', m.fps, 'the frames per second, above 0');
  if (!(Number.isInteger(m.every) && m.every >= 1)) {
    throw new RangeError(`video every is ${String(m.every)}: it must be the frame step, a whole number from 1`);
  }
  if (!(Number.isInteger(m.frames) && m.frames >= 0)) {
    throw new RangeError(`video frames is ${String(m.frames)}: it must be a whole number of frames`);
  }
}

export class TrackRecorder {
  readonly meta: VideoMeta;
  /** Counts crossings as frames are added; null without a line. Read it for live counts. */
  readonly counter: LineCounter | null;
  private data = new Float64Array(FIELDS * 1024);
  private n = 0;
  private last = 0;
  private added = 0;
  private summaries = new Map<number, TrackSummary>();

  /** Throws a RangeError naming what is wrong in `meta` or the line. */
  constructor(meta: VideoMeta, line?: CountLine | null, lineOptions?: LineCounterOptions) {
    checkMeta(meta);
    this.meta = { ...meta };
    this.counter = line ? new LineCounter(line, lineOptions) : null;
  }

  /** Rows recorded so far. */
  get rowCount(): number {
    return this.n;
  }

  /** Frames given to `add` so far. */
  get framesAdded(): number {
    return this.added;
  }

  /** Whether counts.json can be written (a line was given). */
  get hasCounts(): boolean {
    return this.counter !== null;
  }

  /**
   * One analysed frame (1-based video frame number, increasing) and its
   * tracked boxes. Returns the line crossings confirmed in it (none without a line).
   */
  add(frame: number, tracked: readonly TrackedDetection[]): Crossing[] {
    if (!(Number.isInteger(frame) && frame >= 1)) {
      throw new RangeError(`frame ${String(frame)} is not a frame number: frames count from 1`);
    }
    if (frame <= this.last) {
      throw new RangeError(
        `frame ${frame} was added after frame ${this.last}: add frames in increasing order, once each`,
      );
    }
    this.last = frame;
    this.added++;
    const sorted = [...tracked].sort((a, b) => a.trackId - b.trackId);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.trackId === sorted[k - 1]!.trackId) {
        throw new RangeError(`frame ${frame} has track ${sorted[k]!.trackId} twice: a track has one box a frame`);
      }
    }
    if ((this.n + sorted.length) * FIELDS > this.data.length) {
      const grown = new Float64Array(Math.max(this.data.length * 2, (this.n + sorted.length) * FIELDS));
      grown.set(this.data.subarray(0, this.n * FIELDS));
      this.data = grown;
    }
    for (const t of sorted) {
      const d = this.data;
      const k = this.n * FIELDS;
      d[k] = frame;
      d[k + 1] = t.trackId;
      d[k + 2] = t.x1;
      d[k + 3] = t.y1;
      d[k + 4] = t.x2;
      d[k + 5] = t.y2;
      d[k + 6] = t.score;
      this.n++;
      const s = this.summaries.get(t.trackId);
      if (s) {
        s.lastFrame = frame;
        s.rows++;
      } else {
        this.summaries.set(t.trackId, {
          id: t.trackId,
          classId: t.classId,
          label: t.label,
          firstFrame: frame,
          lastFrame: frame,
          rows: 1,
        });
      }
    }
    return this.counter ? this.counter.update(frame, sorted) : [];
  }

  /** Rows in the order added: by frame, then id. */
  *rows(): Generator<TrackRow> {
    const d = this.data;
    for (let i = 0; i < this.n; i++) {
      const k = i * FIELDS;
      yield {
        frame: d[k]!,
        id: d[k + 1]!,
        x1: d[k + 2]!,
        y1: d[k + 3]!,
        x2: d[k + 4]!,
        y2: d[k + 5]!,
        score: d[k + 6]!,
      };
    }
  }

  /** One summary per track ID, increasing. */
  tracks(): TrackSummary[] {
    return [...this.summaries.values()].sort((a, b) => a.id - b.id).map((s) => ({ ...s }));
  }

  /** tracks.csv (MOTChallenge). */
  csv(): string {
    return motCsv(this.rows());
  }

  /** tracks.json. */
  json(): string {
    return tracksJson(this.meta, this.tracks(), this.rows());
  }

  /** counts.json; throws when no line was given (check `hasCounts`). */
  counts(): string {
    const c = this.counter;
    if (!c) {
      throw new Error('no counting line was set for this analysis: draw a line before analysing to get counts.json');
    }
    return countsJson(this.meta, {
      line: c.line,
      deadZonePx: c.deadZonePx,
      counts: c.counts(),
      totals: c.totals(),
      crossings: c.crossings(),
    });
  }
}
