/**
 * The tracker's settings, their defaults and the checks on them. Defaults are
 * ByteTrack's (Zhang et al. 2022, MOT17 settings), except where noted.
 */

export interface TrackerOptions {
  /**
   * Detections at or above this score are "high": they go first, against all
   * tracks, and may start new tracks. Pass the user's confidence slider here.
   * ByteTrack's `track_thresh` is 0.5.
   */
  highThreshold: number;
  /**
   * Detections below this are ignored. Between it and `highThreshold` they can
   * only keep an existing, currently seen track alive (the second stage), which
   * is how ByteTrack follows a person through partial occlusion. ByteTrack: 0.1.
   */
  lowThreshold: number;
  /**
   * A high detection matched by no track starts a new one only at or above
   * this. ByteTrack uses `track_thresh + 0.1` so a box just over the slider
   * does not spawn tracks; we cap it halfway from `highThreshold` to 1 so a
   * slider at 0.95 still lets tracks start.
   */
  newTrackThreshold: number;
  /**
   * Gate on the first stage's cost (1 - IoU, times the score when
   * `fuseScore`): pairs at or above it never match. ByteTrack's `match_thresh`.
   */
  matchThreshold: number;
  /** Gate of the second stage (low detections, plain 1 - IoU). ByteTrack: 0.5, stricter because low boxes are less sure. */
  lowMatchThreshold: number;
  /** Gate for a track seen once (not yet confirmed) against the next frame's high detections. ByteTrack: 0.7. */
  unconfirmedMatchThreshold: number;
  /**
   * First-stage cost 1 - IoU·score instead of 1 - IoU, so a confident box wins
   * a contested track. ByteTrack does it on MOT17, where its high threshold is
   * 0.6. Off by default: at this app's default confidence (0.25) a box scoring
   * 0.3 would need IoU > 0.67 to keep its track. Measured (docs/tracking.md):
   * at 0.25, fusing gave 20 IDs on the street video (320 model) instead of
   * 15 (640 model: 18 against 19) and IDF1 0.917 instead of 0.940 on the
   * crowd scene; at 0.5 it was a little better on the crowd (0.893 against
   * 0.884) and the same on the street.
   */
  fuseScore: boolean;
  /** Frames per second of the frames given to `update` (the video's rate divided by the frame step). */
  frameRate: number;
  /**
   * How many frames an unseen track is kept ("lost") and can take its ID back.
   * ByteTrack's `track_buffer` is 30 frames at 30 fps: one second, at any rate.
   */
  trackBufferFrames: number;
}

export const DEFAULT_HIGH_THRESHOLD = 0.5;
export const DEFAULT_LOW_THRESHOLD = 0.1;
export const DEFAULT_FRAME_RATE = 30;
/** How long a lost track may be unseen, in seconds of video. */
export const TRACK_BUFFER_SECONDS = 1;

/** `highThreshold + 0.1`, capped halfway between `highThreshold` and 1. */
export function defaultNewTrackThreshold(highThreshold: number): number {
  return Math.min(highThreshold + 0.1, (highThreshold + 1) / 2);
}

/**
 * Fills in the defaults and checks every value; a bad one throws a RangeError
 * that names the option, the value, and what it must be.
 */
export function resolveTrackerOptions(given: Partial<TrackerOptions> = {}): TrackerOptions {
  const highThreshold = given.highThreshold ?? DEFAULT_HIGH_THRESHOLD;
  const frameRate = given.frameRate ?? DEFAULT_FRAME_RATE;
  const o: TrackerOptions = {
    highThreshold,
    lowThreshold: given.lowThreshold ?? Math.min(DEFAULT_LOW_THRESHOLD, highThreshold),
    newTrackThreshold: given.newTrackThreshold ?? defaultNewTrackThreshold(highThreshold),
    matchThreshold: given.matchThreshold ?? 0.8,
    lowMatchThreshold: given.lowMatchThreshold ?? 0.5,
    unconfirmedMatchThreshold: given.unconfirmedMatchThreshold ?? 0.7,
    fuseScore: given.fuseScore ?? false,
    frameRate,
    trackBufferFrames:
      given.trackBufferFrames ??
      (Number.isFinite(frameRate) && frameRate > 0 ? Math.max(1, Math.round(frameRate * TRACK_BUFFER_SECONDS)) : 0),
  };
  const within = (name: keyof TrackerOptions, lo: number, hi: number, what: string) => {
    const v = o[name] as number;
    if (!(typeof v === 'number' && v >= lo && v <= hi)) {
      throw new RangeError(`tracker option ${name} is ${String(v)}: it must be ${what}`);
    }
  };
  within('highThreshold', 0, 1, 'a score from 0 to 1 (the confidence slider)');
  within('lowThreshold', 0, o.highThreshold, `a score from 0 to highThreshold (${o.highThreshold})`);
  within('newTrackThreshold', 0, 1, 'a score from 0 to 1');
  within('matchThreshold', 0, 1, 'a cost from 0 to 1 (1 - IoU)');
  within('lowMatchThreshold', 0, 1, 'a cost from 0 to 1 (1 - IoU)');
  within('unconfirmedMatchThreshold', 0, 1, 'a cost from 0 to 1 (1 - IoU)');
  if (!(Number.isFinite(o.frameRate) && o.frameRate > 0)) {
    throw new RangeError(
      `tracker option frameRate is ${String(o.frameRate)}: it must be the frames per second given to the tracker, above 0`,
    );
  }
  if (!(Number.isInteger(o.trackBufferFrames) && o.trackBufferFrames >= 0)) {
    throw new RangeError(
      `tracker option trackBufferFrames is ${String(o.trackBufferFrames)}: it must be a whole number of frames, 0 or more`,
    );
  }
  if (typeof o.fuseScore !== 'boolean') {
    throw new RangeError(`tracker option fuseScore is ${String(o.fuseScore)}: it must be true or false`);
  }
  return o;
}
