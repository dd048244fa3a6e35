/**
 * tracks.json: the video, the tracks (one entry per ID) and every row.
 *
 * {
 *   "format": "tracks/1",
 *   "video": "street.webm", "width": 768, "height": 576, "fps": 10, "every": 1, "frames": 100,
 *   "model": "yolov5n-320",
 *   "tracks": [{ "id": 1, "classId": 0, "label": "person", "firstFrame": 1, "lastFrame": 100, "rows": 97 }],
 *   "rows": [{ "frame": 1, "id": 1, "x": 10.5, "y": 20, "width": 40, "height": 100, "score": 0.8123 }]
 * }
 *
 * Rows as in tracks.csv: x, y the top-left corner in video pixels (2
 * decimals), score with 4 decimals, sorted by frame then id. Tracks sorted by
 * id. One row per line, so a large file stays readable and diffable.
 */
import { PIXEL_DECIMALS, round, SCORE_DECIMALS } from './numbers.ts';
import type { TrackRow, TrackSummary, VideoMeta } from './track-rows.ts';

export const TRACKS_FORMAT = 'tracks/1';

export interface JsonRow {
  frame: number;
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

export function jsonRow(r: TrackRow): JsonRow {
  const px = (v: number) => round(v, PIXEL_DECIMALS);
  return {
    frame: r.frame,
    id: r.id,
    x: px(r.x1),
    y: px(r.y1),
    width: px(r.x2 - r.x1),
    height: px(r.y2 - r.y1),
    score: round(r.score, SCORE_DECIMALS),
  };
}

function lines(items: readonly unknown[]): string {
  return items.length === 0 ? '[]' : `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
}

export function tracksJson(meta: VideoMeta, tracks: readonly TrackSummary[], rows: Iterable<TrackRow>): string {
  const sortedTracks = [...tracks]
    .sort((a, b) => a.id - b.id)
    .map(({ id, classId, label, firstFrame, lastFrame, rows }) => ({
      id,
      classId,
      label,
      firstFrame,
      lastFrame,
      rows,
    }));
  const sortedRows = [...rows].sort((a, b) => a.frame - b.frame || a.id - b.id).map(jsonRow);
  const head = {
    format: TRACKS_FORMAT,
    video: meta.video,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    every: meta.every,
    frames: meta.frames,
    model: meta.model,
  };
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headText},\n  "tracks": ${lines(sortedTracks)},\n  "rows": ${lines(sortedRows)}\n}\n`;
}
