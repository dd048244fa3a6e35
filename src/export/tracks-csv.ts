/**
 * tracks.csv in the MOTChallenge result format: no header, one row per track
 * per frame, `frame,id,bb_left,bb_top,bb_width,bb_height,conf,x,y,z`, frame
 * 1-based, box in video pixels with 2 decimals (top-left corner (0, 0); the
 * MOTChallenge ground truth counts pixels from 1, so add 1 to bb_left and
 * bb_top to compare with it), conf the detection score with 4 decimals,
 * x, y, z = -1 (no 3-D position). Rows sorted by frame, then id.
 */
import { fixed, PIXEL_DECIMALS, SCORE_DECIMALS } from './numbers.ts';
import type { TrackRow } from './track-rows.ts';

export function motCsvRow(r: TrackRow): string {
  const px = (v: number) => fixed(v, PIXEL_DECIMALS);
  return `${r.frame},${r.id},${px(r.x1)},${px(r.y1)},${px(r.x2 - r.x1)},${px(r.y2 - r.y1)},${fixed(r.score, SCORE_DECIMALS)},-1,-1,-1`;
}

/** The whole file; rows are sorted here, so any order may be given. Ends with a newline when not empty. */
export function motCsv(rows: Iterable<TrackRow>): string {
  const sorted = [...rows].sort((a, b) => a.frame - b.frame || a.id - b.id);
  return sorted.map((r) => `${motCsvRow(r)}\n`).join('');
}
