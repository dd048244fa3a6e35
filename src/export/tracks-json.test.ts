import { describe, expect, it } from 'vitest';
import type { VideoMeta } from './track-rows.ts';
import { tracksJson } from './tracks-json.ts';

const meta: VideoMeta = {
  video: 'street.webm',
  width: 768,
  height: 576,
  fps: 10,
  every: 2,
  frames: 100,
  model: 'yolov5n-320',
};

describe('tracks.json', () => {
  it('writes the header, the tracks by id and one row per line, sorted', () => {
    const text = tracksJson(
      meta,
      [
        { id: 2, classId: 2, label: 'car', firstFrame: 3, lastFrame: 3, rows: 1 },
        { id: 1, classId: 0, label: 'person', firstFrame: 1, lastFrame: 3, rows: 2 },
      ],
      [
        { frame: 3, id: 2, x1: 100, y1: 50, x2: 180.004, y2: 110, score: 0.7 },
        { frame: 1, id: 1, x1: 10.555001, y1: 20, x2: 50, y2: 120, score: 0.812345 },
        { frame: 3, id: 1, x1: 12, y1: 20, x2: 52, y2: 121, score: 0.9 },
      ],
    );
    expect(text).toBe(
      `{
  "format": "tracks/1",
  "video": "street.webm",
  "width": 768,
  "height": 576,
  "fps": 10,
  "every": 2,
  "frames": 100,
  "model": "yolov5n-320",
  "tracks": [
    {"id":1,"classId":0,"label":"person","firstFrame":1,"lastFrame":3,"rows":2},
    {"id":2,"classId":2,"label":"car","firstFrame":3,"lastFrame":3,"rows":1}
  ],
  "rows": [
    {"frame":1,"id":1,"x":10.56,"y":20,"width":39.44,"height":100,"score":0.8123},
    {"frame":3,"id":1,"x":12,"y":20,"width":40,"height":101,"score":0.9},
    {"frame":3,"id":2,"x":100,"y":50,"width":80,"height":60,"score":0.7}
  ]
}
`,
    );
    expect(JSON.parse(text).rows).toHaveLength(3);
  });
  it('is valid JSON with empty lists', () => {
    const doc = JSON.parse(tracksJson(meta, [], []));
    expect(doc).toMatchObject({ format: 'tracks/1', tracks: [], rows: [] });
  });
});
