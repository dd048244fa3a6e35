import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BatchItem, BatchRunInfo } from '../store/batch-store.ts';
import { batchExport } from './exports.ts';

const run: BatchRunInfo = {
  bundleId: 'yolov5n',
  model: 'yolov5n',
  modelName: 'YOLOv5n COCO 640',
  labels: ['person', 'bicycle', 'car'],
  conf: 0.25,
  iou: 0.45,
};
const box = (classId: number, x1: number, y1: number, x2: number, y2: number, score = 0.9) => ({
  classId,
  label: run.labels[classId]!,
  x1,
  y1,
  x2,
  y2,
  score,
});
const items: BatchItem[] = [
  {
    name: 'street/cam 1/bus é.jpg',
    file: new File([], 'bus é.jpg'),
    width: 200,
    height: 100,
    detections: [box(0, 10, 20, 50, 80), box(2, 100, 0, 200, 100, 0.5)],
    thumb: null,
  },
  { name: 'empty.png', file: new File([], 'empty.png'), width: 64, height: 48, detections: [], thumb: null },
];

describe('batchExport', () => {
  it('COCO: every image listed (the empty one too), ids 1-based, boxes in pixels', async () => {
    const { fileName, blob } = await batchExport('coco', items, run, new Set());
    expect(fileName).toBe('detections.coco.json');
    const coco = JSON.parse(await blob.text());
    expect(coco.images).toEqual([
      { id: 1, file_name: 'street/cam 1/bus é.jpg', width: 200, height: 100 },
      { id: 2, file_name: 'empty.png', width: 64, height: 48 },
    ]);
    expect(coco.annotations.map((a: { category_id: number; bbox: number[] }) => [a.category_id, a.bbox])).toEqual([
      [1, [10, 20, 40, 60]],
      [3, [100, 0, 100, 100]],
    ]);
    expect(coco.info).toMatchObject({ model: 'yolov5n', confidence: 0.25, iou: 0.45 });
  });

  it('the class filter leaves hidden classes out of annotations but keeps every category', async () => {
    const coco = JSON.parse(await (await batchExport('coco', items, run, new Set([0]))).blob.text());
    expect(coco.annotations.map((a: { category_id: number }) => a.category_id)).toEqual([3]);
    expect(coco.categories).toHaveLength(3);
    expect(coco.info.classes_kept).toEqual(['bicycle', 'car']);
  });

  it('labels.zip: folders kept, an empty .txt for the empty image, classes.txt and data.yaml', async () => {
    const { fileName, blob } = await batchExport('yolo', items, run, new Set([2]));
    expect(fileName).toBe('labels.zip');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['classes.txt', 'data.yaml', 'empty.txt', 'street/cam 1/bus é.txt']);
    expect(strFromU8(files['street/cam 1/bus é.txt']!)).toBe('0 0.150000 0.500000 0.200000 0.600000\n');
    expect(strFromU8(files['empty.txt']!)).toBe('');
    expect(strFromU8(files['classes.txt']!)).toBe('person\nbicycle\ncar\n');
  });

  it('detections.csv: one row per box, the empty image a row of its own', async () => {
    const { fileName, blob } = await batchExport('csv', items, run, new Set());
    expect(fileName).toBe('detections.csv');
    expect((await blob.text()).split('\r\n')).toEqual([
      'image,width,height,class_id,label,score,x1,y1,x2,y2',
      'street/cam 1/bus é.jpg,200,100,0,person,0.9000,10.00,20.00,50.00,80.00',
      'street/cam 1/bus é.jpg,200,100,2,car,0.5000,100.00,0.00,200.00,100.00',
      'empty.png,64,48,,,,,,,',
      '',
    ]);
  });
});
