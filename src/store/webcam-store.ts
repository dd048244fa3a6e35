import { create } from 'zustand';

/** What feeds the live loop: nothing, a camera being opened, a camera, or a dropped video file. */
export type LiveMode = 'off' | 'starting' | 'camera' | 'video';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

export interface LiveDetection {
  label: string;
  classId: number;
  score: number;
  /** The live tracker's ID for this object (src/video/frame-detections.ts). */
  trackId?: number;
}

export interface WebcamState {
  mode: LiveMode;
  /** Camera label or video file name, for the panel heading. */
  sourceName: string;
  /** Paused by the user (the tab being hidden pauses too, see `hidden`). */
  paused: boolean;
  hidden: boolean;
  cameras: CameraInfo[];
  /** The camera in use; null = the browser's default (rear on phones). */
  deviceId: string | null;
  /** Smoothed over ~1 s; 0 while nothing is being processed. */
  fps: number;
  latencyMs: number;
  /** Results drawn since the source started; withPerson counts those with ≥1 person. */
  processed: number;
  withPerson: number;
  /** Bundle of the boxes now drawn, so tests and users can see a model switch take effect. */
  bundleId: string | null;
  detections: LiveDetection[];
  /** Whether a frame with boxes exists to snapshot. */
  hasFrame: boolean;
}

export const initialWebcamState: WebcamState = {
  mode: 'off',
  sourceName: '',
  paused: false,
  hidden: false,
  cameras: [],
  deviceId: null,
  fps: 0,
  latencyMs: 0,
  processed: 0,
  withPerson: 0,
  bundleId: null,
  detections: [],
  hasFrame: false,
};

export const useWebcam = create<WebcamState>()(() => initialWebcamState);
