import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { classFilter, parseDetectArgs } from './args.ts';

const problem = (...argv: string[]) => {
  const r = parseDetectArgs(argv);
  return r.ok ? null : r.problem;
};

describe('parseDetectArgs', () => {
  it('takes paths, --out and defaults the rest: all formats, the bundle’s thresholds, one thread per core', () => {
    expect(parseDetectArgs(['photos', 'more/x.jpg', '--out', 'res'])).toEqual({
      ok: true,
      args: {
        paths: ['photos', 'more/x.jpg'],
        out: 'res',
        formats: ['coco', 'yolo', 'csv'],
        threads: os.availableParallelism(),
      },
    });
  });

  it('reads every option', () => {
    const r = parseDetectArgs([
      'p',
      '--out=o',
      '--model',
      'yolov5n-320',
      '--format',
      'csv, COCO',
      '--conf',
      '0.4',
      '--iou',
      '1',
      '--threads',
      '3',
      '--base',
      'photos',
    ]);
    expect(r).toEqual({
      ok: true,
      args: {
        paths: ['p'],
        out: 'o',
        model: 'yolov5n-320',
        formats: ['coco', 'csv'],
        conf: 0.4,
        iou: 1,
        threads: 3,
        base: 'photos',
      },
    });
    expect(parseDetectArgs(['--help'])).toEqual({ ok: true, help: true });
    expect(parseDetectArgs(['-h', 'x'])).toEqual({ ok: true, help: true });
  });

  it('refuses each bad argument with what is wrong', () => {
    expect(problem('--out', 'o')).toMatch(/^no images given/);
    expect(problem('p')).toMatch(/^--out is missing: give the folder/);
    expect(problem('p', '--out')).toBe('--out needs a value');
    expect(problem('p', '--out', 'o', '--bogus')).toBe('unknown option --bogus');
    expect(problem('p', '--out', 'o', '--help=yes')).toBe('--help takes no value');
    expect(problem('p', '--out', 'o', '--format', 'coco,voc')).toBe(
      '--format takes a list of coco, yolo, csv; "voc" is not one',
    );
    expect(problem('p', '--out', 'o', '--conf', '0')).toBe('--conf must be a number between 0 and 1, got "0"');
    expect(problem('p', '--out', 'o', '--conf', '1')).toMatch(/^--conf must be/);
    expect(problem('p', '--out', 'o', '--conf', 'high')).toMatch(/^--conf must be/);
    expect(problem('p', '--out', 'o', '--conf', '-0.5')).toBe(
      '--conf needs a value (for one that starts with "-", write --conf=VALUE)',
    );
    expect(problem('p', '--out', 'o', '--conf=-0.5')).toMatch(/^--conf must be a number between 0 and 1/);
    expect(problem('p', '--out', 'o', '--iou', '1.5')).toBe('--iou must be a number above 0 and at most 1, got "1.5"');
    expect(problem('p', '--out', 'o', '--threads', '0')).toBe(
      '--threads must be a whole number from 1 to 256, got "0"',
    );
    expect(problem('p', '--out', 'o', '--threads', '2.5')).toMatch(/^--threads must be/);
    expect(problem('p', '--out', 'o', '--model', ' ')).toMatch(/^--model is empty/);
  });
});

describe('classFilter', () => {
  const labels = ['person', 'bus', 'Traffic Light', 'traffic light', 'tie'];

  it('takes names (exact, or ignoring case when that picks one) and ids', () => {
    expect(classFilter(['bus', 'PERSON', '4'], labels)).toEqual({ ok: true, keep: new Set([1, 0, 4]) });
    expect(classFilter(['traffic light'], labels)).toEqual({ ok: true, keep: new Set([3]) });
    expect(parseDetectArgs(['p', '--out', 'o', '--classes', 'bus, person,'])).toMatchObject({
      ok: true,
      args: { classes: ['bus', 'person'] },
    });
  });

  it('refuses a name that is not a class, an ambiguous case-folded name and an id past the labels', () => {
    expect(classFilter(['car'], labels)).toEqual({
      ok: false,
      problem:
        '--classes: "car" is not a class of this model; give names such as person, bus, Traffic Light, traffic light, tie or ids 0 to 4',
    });
    expect(classFilter(['TRAFFIC LIGHT'], labels).ok).toBe(false);
    expect(classFilter(['5'], labels).ok).toBe(false);
    expect(parseDetectArgs(['p', '--out', 'o', '--classes', ' , '])).toEqual({
      ok: false,
      problem: '--classes is empty: give class names or ids, e.g. person,car',
    });
  });
});
