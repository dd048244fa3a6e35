import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COCO_FILE_NAME, cocoDataset, cocoWriter } from './coco.ts';
import { ExportError } from './image-result.ts';
import { SAMPLE_LABELS, SAMPLE_RESULTS } from './sample-results.ts';
import { collectChunks } from './writer.ts';

const opts = { labels: SAMPLE_LABELS, date: new Date('2025-03-04T05:06:07Z') };

interface Coco {
  info: Record<string, unknown>;
  licenses: unknown[];
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: {
    id: number;
    image_id: number;
    category_id: number;
    bbox: number[];
    area: number;
    iscrowd: number;
    segmentation: unknown[];
    score: number;
  }[];
  categories: { id: number; name: string; supercategory: string }[];
}

const coco = (o = {}) => cocoDataset(SAMPLE_RESULTS, { ...opts, ...o }) as Coco;

describe('COCO export', () => {
  it('writes the hand-computed boxes: [x, y, w, h] from corners rounded to 2 decimals, area = w × h, score 4 decimals', () => {
    expect(coco().annotations).toEqual([
      {
        id: 1,
        image_id: 1,
        category_id: 1,
        bbox: [100, 50, 200, 200],
        area: 40000,
        iscrowd: 0,
        segmentation: [],
        score: 0.8765,
      },
      // 10.004 → 10, 20.006 → 20.01; w = 30.5 − 10 = 20.5, h = 40.25 − 20.01 = 20.24; area 414.92.
      {
        id: 2,
        image_id: 1,
        category_id: 2,
        bbox: [10, 20.01, 20.5, 20.24],
        area: 414.92,
        iscrowd: 0,
        segmentation: [],
        score: 0.5,
      },
      {
        id: 3,
        image_id: 3,
        category_id: 3,
        bbox: [0, 0, 1000, 800],
        area: 800000,
        iscrowd: 0,
        segmentation: [],
        score: 1,
      },
    ]);
  });

  it('lists every image (with or without boxes) with 1-based ids in input order and the path as given', () => {
    expect(coco().images).toEqual([
      { id: 1, file_name: 'street/cam 1/0001.jpg', width: 400, height: 500 },
      { id: 2, file_name: 'empty.png', width: 640, height: 480 },
      { id: 3, file_name: 'ünïcode/日本.jpg', width: 1000, height: 800 },
    ]);
  });

  it('has one category per label, id = class id + 1, with the names from the labels (not from the detections)', () => {
    const c = coco();
    expect(c.categories).toEqual([
      { id: 1, name: 'person', supercategory: '' },
      { id: 2, name: 'traffic light', supercategory: '' },
      { id: 3, name: 'café, "bar"', supercategory: '' },
      { id: 4, name: 'yes', supercategory: '' },
    ]);
  });

  it('keeps ids consistent: every annotation points at a listed image and category, ids unique', () => {
    const c = coco();
    const imageIds = new Set(c.images.map((i) => i.id));
    const catIds = new Set(c.categories.map((k) => k.id));
    expect(imageIds.size).toBe(c.images.length);
    expect(new Set(c.annotations.map((a) => a.id)).size).toBe(c.annotations.length);
    for (const a of c.annotations) {
      expect(imageIds.has(a.image_id)).toBe(true);
      expect(catIds.has(a.category_id)).toBe(true);
    }
  });

  it('the class filter drops annotations but keeps every category, so ids do not move', () => {
    const c = coco({ keep: new Set([1, 2]) });
    expect(c.annotations.map((a) => [a.id, a.image_id, a.category_id])).toEqual([
      [1, 1, 2],
      [2, 3, 3],
    ]);
    expect(c.categories).toHaveLength(4);
    expect(c.images).toHaveLength(3);
  });

  it('writes info with its standard fields and the caller’s extras, and an empty licenses list', () => {
    const c = coco({ info: { model: 'yolov5n', confidence: 0.25 } });
    expect(c.info).toEqual({
      description: 'Object detections',
      version: '1.0',
      year: 2025,
      date_created: '2025-03-04T05:06:07.000Z',
      model: 'yolov5n',
      confidence: 0.25,
    });
    expect(c.licenses).toEqual([]);
  });

  it('has every key pycocotools COCO(), loadRes, COCOeval and Datumaro (CVAT) read, with their types', () => {
    const c = coco();
    // COCO.createIndex: dataset['annotations'|'images'|'categories']; ann['image_id'|'id'|'category_id'], img['id'], cat['id'].
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['info', 'images', 'annotations', 'categories']));
    for (const img of c.images) {
      // Datumaro: id int, file_name str, width/height int.
      expect(Number.isInteger(img.id) && Number.isInteger(img.width) && Number.isInteger(img.height)).toBe(true);
      expect(typeof img.file_name).toBe('string');
    }
    for (const a of c.annotations) {
      // loadRes(anns): image_id, bbox (4 numbers), score, category_id. COCOeval: area, iscrowd.
      // Datumaro: id, category_id, iscrowd ints; segmentation a list (required); score a number.
      expect(Object.keys(a).sort()).toEqual(
        ['area', 'bbox', 'category_id', 'id', 'image_id', 'iscrowd', 'score', 'segmentation'].sort(),
      );
      expect([a.id, a.image_id, a.category_id, a.iscrowd].every(Number.isInteger)).toBe(true);
      expect(a.bbox).toHaveLength(4);
      expect(a.bbox.every((v) => typeof v === 'number' && v >= 0)).toBe(true);
      expect(Array.isArray(a.segmentation)).toBe(true);
      expect(typeof a.score).toBe('number');
      expect(a.category_id).toBeGreaterThan(0); // Datumaro reads category 0 as "no label"
    }
    for (const k of c.categories) expect(Number.isInteger(k.id) && typeof k.name === 'string').toBe(true);
  });

  it('streams: the annotations of each image come out when it is added; the file parses whole', async () => {
    const w = cocoWriter(opts);
    expect(w.fileName).toBe(COCO_FILE_NAME);
    const first = w.add(SAMPLE_RESULTS[0]!).join('');
    expect(first).toContain('"bbox":[100,50,200,200]');
    expect(w.add(SAMPLE_RESULTS[1]!).join('')).toBe(''); // no boxes, nothing to write yet
    const all = (await collectChunks(cocoWriter(opts), SAMPLE_RESULTS)).join('');
    expect(JSON.parse(all)).toEqual(coco());
  });

  it('an empty run is still a valid COCO file', () => {
    const c = cocoDataset([], opts) as Coco;
    expect(c.images).toEqual([]);
    expect(c.annotations).toEqual([]);
    expect(c.categories).toHaveLength(4);
  });

  it('refuses a class outside the labels and a size that is not whole pixels, naming the file', () => {
    const bad = { ...SAMPLE_RESULTS[2]!, detections: [{ ...SAMPLE_RESULTS[2]!.detections[0]!, classId: 7 }] };
    expect(() => cocoDataset([bad], opts)).toThrow(ExportError);
    expect(() => cocoDataset([bad], opts)).toThrow(/ünïcode\/日本\.jpg: a box has class 7.*ids 0 to 3/);
    expect(() => cocoDataset([{ ...SAMPLE_RESULTS[1]!, width: 0 }], opts)).toThrow(/empty\.png: its size 0x480/);
  });

  it('loads in a stdlib mirror of pycocotools COCO.createIndex + loadRes and of Datumaro’s field checks', () => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) return; // python3 absent: the key checks above still ran
    const dir = mkdtempSync(join(tmpdir(), 'coco-'));
    try {
      const file = join(dir, COCO_FILE_NAME);
      writeFileSync(file, JSON.stringify(coco()));
      const script = fileURLToPath(new URL('./coco_reads.py', import.meta.url));
      const r = spawnSync('python3', [script, file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({
        images: 3,
        annotations: 3,
        categories: 4,
        imgToAnns: { '1': [1, 2], '3': [3] },
        catToImgs: { '1': [1], '2': [1], '3': [3] },
        loadRes: { annotations: 3, areas: [40000, 414.92, 800000] },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
