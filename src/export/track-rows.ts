/**
 * The rows and per-track summaries the track files are written from. Boxes
 * are corners in the video's pixels, (0, 0) the top-left corner of the frame.
 */

export interface TrackRow {
  /** 1-based video frame number. */
  frame: number;
  id: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
}

export interface TrackSummary {
  id: number;
  classId: number;
  label: string;
  firstFrame: number;
  lastFrame: number;
  /** Frames the track was reported in (rows). */
  rows: number;
}

/** What the files say about the video and how it was analysed. */
export interface VideoMeta {
  /** File name of the video (no folders). */
  video: string;
  width: number;
  height: number;
  /** The video's frames per second. */
  fps: number;
  /** Frame step: every `every`-th frame was analysed (1 = all). */
  every: number;
  /** Frames in the video (or in the analysed range). */
  frames: number;
  /** Model name, e.g. "yolov5n-320". */
  model: string;
}
