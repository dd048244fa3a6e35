import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Detection } from '../detect/detections.ts';
import { ExportError } from './image-result.ts';
import { classesText, dataYaml, LabelPaths, labelPathFor, yoloLabelText, yoloLine } from './yolo-labels.ts';

const d = (classId: number, x1: number, y1: number, x2: number, y2: number): Detection => ({
  x1,
  y1,
  x2,
  y2,
  score: 0.9,
  classId,
  label: '',
});

describe('yoloLine', () => {
  it('is class, centre and size divided by the image size, 6 decimals', () => {
    // Box 100..300 x 50..250 in 400x500: centre (200, 150), size 200x200.
    expect(yoloLine(d(0, 100, 50, 300, 250), 400, 500)).toBe('0 0.500000 0.300000 0.500000 0.400000');
    // Centre (20.252, 30.128), size 20.496x20.244 in 400x500.
    expect(yoloLine(d(1, 10.004, 20.006, 30.5, 40.25), 400, 500)).toBe('1 0.050630 0.060256 0.051240 0.040488');
    expect(yoloLine(d(79, 0, 0, 1280, 720), 1280, 720)).toBe('79 0.500000 0.500000 1.000000 1.000000');
  });

  it('a label file has one line per box, each ending with a newline; empty for none', () => {
    expect(yoloLabelText([d(0, 100, 50, 300, 250), d(2, 0, 0, 400, 500)], 400, 500)).toBe(
      '0 0.500000 0.300000 0.500000 0.400000\n2 0.500000 0.500000 1.000000 1.000000\n',
    );
    expect(yoloLabelText([], 400, 500)).toBe('');
  });
});

describe('labelPathFor', () => {
  it('replaces the last extension by .txt and keeps the folders', () => {
    expect(labelPathFor('a.jpg')).toBe('a.txt');
    expect(labelPathFor('street/cam 1/0001.JPEG')).toBe('street/cam 1/0001.txt');
    expect(labelPathFor('x.tar.png')).toBe('x.tar.txt');
    expect(labelPathFor('noext')).toBe('noext.txt');
    expect(labelPathFor('.hidden')).toBe('.hidden.txt');
    expect(labelPathFor('v1.2/photo')).toBe('v1.2/photo.txt');
    expect(labelPathFor('ünïcode/日本.jpg')).toBe('ünïcode/日本.txt');
  });

  it('drops empty and "." segments and refuses ".." (it would unzip outside the folder)', () => {
    expect(labelPathFor('/abs//./a.jpg')).toBe('abs/a.txt');
    expect(() => labelPathFor('../escape.jpg')).toThrow(ExportError);
    expect(() => labelPathFor('a/../../b.jpg')).toThrow(/"\.\." segment/);
    expect(() => labelPathFor('/')).toThrow(/not a file path/);
  });
});

describe('LabelPaths', () => {
  it('never gives one label file to two images: the first keeps stem.txt, a later one its full name', () => {
    const p = new LabelPaths();
    expect(p.take('a.jpg')).toBe('a.txt');
    expect(p.take('a.png')).toBe('a.png.txt');
    expect(p.take('a.png.jpg')).toBe('a.png.jpg.txt'); // a.png.txt is taken by a.png
    expect(p.take('sub/a.png')).toBe('sub/a.txt'); // another folder: no clash
    expect(p.take('A.JPG')).toBe('A.JPG.txt'); // A.txt and a.txt are one file on macOS and Windows
    expect(p.take('classes.jpg')).toBe('classes.jpg.txt'); // classes.txt is the class list
    expect(p.take('Cafe\u0301.jpg')).toBe('Cafe\u0301.txt');
    expect(p.take('Caf\u00e9.png')).toBe('Caf\u00e9.png.txt'); // the same name in NFC
    expect(p.renamed.map((r) => [r.file, r.labelFile, r.wanted])).toEqual([
      ['a.png', 'a.png.txt', 'a.txt'],
      ['a.png.jpg', 'a.png.jpg.txt', 'a.png.txt'],
      ['A.JPG', 'A.JPG.txt', 'A.txt'],
      ['classes.jpg', 'classes.jpg.txt', 'classes.txt'],
      ['Caf\u00e9.png', 'Caf\u00e9.png.txt', 'Caf\u00e9.txt'],
    ]);
  });

  it('counts on when even the full name is taken', () => {
    const p = new LabelPaths();
    expect(p.take('a.png.txt.jpg')).toBe('a.png.txt.txt');
    expect(p.take('a.jpg')).toBe('a.txt');
    expect(p.take('a.png')).toBe('a.png.txt');
    expect(p.take('a.png.txt')).toBe('a.png.txt~2.txt'); // wants a.png.txt, then a.png.txt.txt: both taken
    expect(p.take('a.png.txt.png')).toBe('a.png.txt.png.txt');
  });
});

describe('classes.txt and data.yaml', () => {
  const labels = ['person', 'traffic light', 'yes', 'a: b', 'line\nbreak', '日本'];

  it('classes.txt has one label per line; a line break in a label becomes a space so line n stays class n', () => {
    expect(classesText(labels)).toBe('person\ntraffic light\nyes\na: b\nline break\n日本\n');
  });

  it('data.yaml reads back (YAML 1.1 and 1.2) as nc and the exact names in class order, with train/val', () => {
    const text = dataYaml(labels);
    for (const version of ['1.1', '1.2'] as const) {
      expect(parse(text, { version })).toEqual({ train: '.', val: '.', nc: 6, names: labels });
    }
  });

  it('data.yaml lists renamed label files in comments that cannot break out of the comment', () => {
    const text = dataYaml(labels, [{ file: 'x\ny: 1.png', labelFile: 'x\ny: 1.png.txt', wanted: 'x\ny: 1.txt' }]);
    expect(text).toContain('#   "x\\u000ay: 1.png": labels in "x\\u000ay: 1.png.txt" ("x\\u000ay: 1.txt" was taken)');
    expect(parse(text)).toEqual({ train: '.', val: '.', nc: 6, names: labels });
  });
});
