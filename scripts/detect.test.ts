// `npm run detect` on a real folder: the real model (onnxruntime-node), real files, the exports read back.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareWithGolden, type ScoredBox } from '../src/detect/golden-match.ts';
import { describeShared, sharedFile } from '../src/test-support/shared.ts';
import { detectCli } from './detect.ts';
import type { RunIo } from './detect/run.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'detect-cli-'));
const input = join(tmp, 'in');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function cli(...argv: string[]): Promise<Run> {
  const err: string[] = [];
  const stdout: string[] = [];
  const io: RunIo = { stderr: { write: (t) => void err.push(t) }, stdout: (l) => void stdout.push(l) };
  const code = await detectCli(argv, io);
  return { code, stdout, stderr: err.join('').split('\n').filter(Boolean) };
}

const golden = (name: string): ScoredBox[] =>
  JSON.parse(readFileSync(sharedFile('golden/yolov5n-640', `${name}.json`), 'utf8')).detections;

/** RFC 4180 rows without quoted fields (these names have none). */
const csvRows = (text: string) =>
  text
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','));

describeShared('npm run detect', () => {
  let run: Run;
  const out = join(tmp, 'out');

  beforeAll(async () => {
    mkdirSync(join(input, 'nested'), { recursive: true });
    copyFileSync(sharedFile('images/bus.jpg'), join(input, 'bus.jpg'));
    copyFileSync(sharedFile('images/zidane.jpg'), join(input, 'zidane.jpg'));
    // Stored on its side with EXIF orientation 6 ("turn 90° clockwise to show"): shown, it is bus.jpg again.
    await sharp(sharedFile('images/bus.jpg'))
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
      .toFile(join(input, 'nested', 'rotated bus.jpg'));
    writeFileSync(join(input, 'nested', 'broken.jpg'), readFileSync(sharedFile('images/bus.jpg')).subarray(0, 20_000));
    writeFileSync(join(input, 'notes.txt'), 'not an image\n');
    run = await cli(input, '--out', out, '--model', 'yolov5n');
  }, 120_000);

  it('exits 0, lists the files written on stdout, the failed and skipped files with their reasons on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual(['detections.coco.json', 'labels.zip', 'detections.csv'].map((f) => join(out, f)));
    expect(run.stderr).toContain('skipped notes.txt: not an image (its bytes match no image format)');
    expect(run.stderr).toContain(
      'failed nested/broken.jpg: truncated (the JPEG data stops before its end); download or export it again',
    );
    expect(run.stderr.at(-1)).toMatch(/^3 images \(\d+ boxes\), 1 failed, 1 skipped in .* images\/s/);
    expect(existsSync(join(out, 'labels.zip.partial'))).toBe(false);
  });

  it('the COCO file lists the images in path order and its boxes match the golden detections (the rotated one too)', () => {
    const coco = JSON.parse(readFileSync(join(out, 'detections.coco.json'), 'utf8'));
    expect(coco.images).toEqual([
      { id: 1, file_name: 'bus.jpg', width: 810, height: 1080 },
      { id: 2, file_name: 'nested/rotated bus.jpg', width: 810, height: 1080 },
      { id: 3, file_name: 'zidane.jpg', width: 1280, height: 720 },
    ]);
    expect(coco.categories).toHaveLength(80);
    expect(coco.categories[5]).toEqual({ id: 6, name: 'bus', supercategory: '' });
    const boxes = (imageId: number): ScoredBox[] =>
      coco.annotations
        .filter((a: { image_id: number }) => a.image_id === imageId)
        .map((a: { bbox: number[]; score: number; category_id: number }) => ({
          x1: a.bbox[0]!,
          y1: a.bbox[1]!,
          x2: a.bbox[0]! + a.bbox[2]!,
          y2: a.bbox[1]! + a.bbox[3]!,
          score: a.score,
          classId: a.category_id - 1,
        }));
    expect(compareWithGolden(boxes(1), golden('bus'))).toEqual([]);
    expect(compareWithGolden(boxes(2), golden('bus'))).toEqual([]);
    expect(compareWithGolden(boxes(3), golden('zidane'))).toEqual([]);
    expect(coco.info).toMatchObject({ model: 'yolov5n', confidence: 0.25, iou: 0.45 });
  });

  it('labels.zip holds a txt per image (folders kept) whose boxes match the golden detections, classes.txt and data.yaml', () => {
    const files = Object.fromEntries(
      Object.entries(unzipSync(readFileSync(join(out, 'labels.zip')))).map(([n, d]) => [n, strFromU8(d)]),
    );
    expect(Object.keys(files).sort()).toEqual([
      'bus.txt',
      'classes.txt',
      'data.yaml',
      'nested/rotated bus.txt',
      'zidane.txt',
    ]);
    expect(files['classes.txt']!.split('\n')).toHaveLength(81);
    // A label line has no score: each takes the score of the COCO annotation in the same place (the writers
    // write an image's detections in one order), then the boxes meet the golden file at the usual tolerance.
    const coco = JSON.parse(readFileSync(join(out, 'detections.coco.json'), 'utf8'));
    const boxes = (file: string, imageId: number, w: number, h: number): ScoredBox[] => {
      const scores = coco.annotations
        .filter((a: { image_id: number }) => a.image_id === imageId)
        .map((a: { score: number }) => a.score);
      const lines = files[file]!.trim().split('\n');
      expect(lines).toHaveLength(scores.length);
      return lines.map((l, i) => {
        const [c, cx, cy, bw, bh] = l.split(' ').map(Number) as [number, number, number, number, number];
        const box = { x1: (cx - bw / 2) * w, y1: (cy - bh / 2) * h, x2: (cx + bw / 2) * w, y2: (cy + bh / 2) * h };
        return { ...box, classId: c, score: scores[i] };
      });
    };
    expect(compareWithGolden(boxes('bus.txt', 1, 810, 1080), golden('bus'))).toEqual([]);
    expect(compareWithGolden(boxes('nested/rotated bus.txt', 2, 810, 1080), golden('bus'))).toEqual([]);
    expect(compareWithGolden(boxes('zidane.txt', 3, 1280, 720), golden('zidane'))).toEqual([]);
  });

  it('the CSV has a row per COCO annotation with the same corners', () => {
    const rows = csvRows(readFileSync(join(out, 'detections.csv'), 'utf8'));
    expect(rows[0]).toEqual(['image', 'width', 'height', 'class_id', 'label', 'score', 'x1', 'y1', 'x2', 'y2']);
    const coco = JSON.parse(readFileSync(join(out, 'detections.coco.json'), 'utf8'));
    expect(rows).toHaveLength(coco.annotations.length + 1);
    const names = new Map<number, string>(
      coco.images.map((i: { id: number; file_name: string }) => [i.id, i.file_name]),
    );
    coco.annotations.forEach(
      (a: { image_id: number; category_id: number; bbox: number[]; score: number }, i: number) => {
        const r = rows[i + 1]!;
        expect(r[0]).toBe(names.get(a.image_id));
        expect(Number(r[3]) + 1).toBe(a.category_id);
        expect(Number(r[5])).toBe(a.score);
        expect([Number(r[6]), Number(r[7])]).toEqual([a.bbox[0], a.bbox[1]]);
        expect(Number(r[8])).toBeCloseTo(a.bbox[0]! + a.bbox[2]!, 9);
        expect(Number(r[9])).toBeCloseTo(a.bbox[1]! + a.bbox[3]!, 9);
      },
    );
  });

  it('--format and --conf: only the CSV, only boxes above the threshold, the same boxes as before', async () => {
    const out2 = join(tmp, 'out-csv');
    const r = await cli(
      join(input, 'bus.jpg'),
      join(input, 'zidane.jpg'),
      '--out',
      out2,
      '--format',
      'csv',
      '--conf',
      '0.5',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([join(out2, 'detections.csv')]);
    const rows = csvRows(readFileSync(join(out2, 'detections.csv'), 'utf8')).slice(1);
    const before = new Set(csvRows(readFileSync(join(out, 'detections.csv'), 'utf8')).map((x) => x.join(',')));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Number(row[5])).toBeGreaterThan(0.5);
      expect(before.has(row.join(','))).toBe(true);
    }
  }, 60_000);

  it('--classes keeps only those classes in every export; the categories still list all 80', async () => {
    const out3 = join(tmp, 'out-bus');
    const r = await cli(join(input, 'bus.jpg'), '--out', out3, '--format', 'coco,yolo', '--classes', 'Bus,27');
    expect(r.code).toBe(0);
    const coco = JSON.parse(readFileSync(join(out3, 'detections.coco.json'), 'utf8'));
    expect(coco.annotations.map((a: { category_id: number }) => a.category_id)).toEqual([6]);
    expect(coco.categories).toHaveLength(80);
    expect(coco.info.classes_kept).toEqual(['bus', 'tie']);
    const files = unzipSync(readFileSync(join(out3, 'labels.zip')));
    expect(strFromU8(files['bus.txt']!)).toMatch(/^5 [0-9. ]+\n$/);
    expect(strFromU8(files['classes.txt']!).split('\n')).toHaveLength(81);
    expect(r.stderr.at(-1)).toMatch(/^1 image \(1 box\) in /);
  }, 60_000);

  it('stopped (Ctrl-C) after the first image: exit 130, the files complete and holding that image', async () => {
    const out4 = join(tmp, 'out-stopped');
    const stderr: string[] = [];
    const io: RunIo = { stderr: { write: (t) => void stderr.push(t) }, stdout: () => {} };
    const code = await detectCli([input, '--out', out4, '--format', 'coco'], io, AbortSignal.abort());
    expect(code).toBe(130);
    expect(stderr.join('')).toContain('stopped after 1 of 4 images; the files hold those');
    const coco = JSON.parse(readFileSync(join(out4, 'detections.coco.json'), 'utf8'));
    expect(coco.images.map((i: { file_name: string }) => i.file_name)).toEqual(['bus.jpg']);
  }, 60_000);

  it('refuses bad arguments, an unknown model, an unreadable config and a folder without images with one line', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--out', out], 2, /^detect: no images given.*--help for usage\)$/],
      [[input], 2, /^detect: --out is missing/],
      [
        [input, '--out', out, '--format', 'voc'],
        2,
        /^detect: --format takes a list of coco, yolo, csv; "voc" is not one/,
      ],
      [
        [input, '--out', out, '--model', 'yolov9'],
        1,
        /^detect: unknown model "yolov9"; use one of yolov5n, .* or a path to a config\.yaml$/,
      ],
      [
        [join(tmp, 'missing'), '--out', out],
        1,
        /^detect: .*missing does not exist; give image files or folders of images$/,
      ],
    ];
    mkdirSync(join(tmp, 'texts'), { recursive: true });
    writeFileSync(join(tmp, 'texts', 'a.txt'), 'text');
    cases.push([
      [join(tmp, 'texts'), '--out', out],
      1,
      /^detect: no image found in .*texts \(1 file, none a JPEG, PNG, WebP, GIF or AVIF image\)/,
    ]);
    writeFileSync(join(tmp, 'bad.yaml'), 'schema_version: 2\nmodel: [unclosed\n');
    cases.push([[input, '--out', out, '--model', join(tmp, 'bad.yaml')], 1, /^detect: .*bad\.yaml:\d+:\d+ /]);
    cases.push([[input, '--out', out, '--model', join(tmp, 'nope.yaml')], 1, /^detect: config .*nope\.yaml not found/]);
    for (const [argv, code, line] of cases) {
      const r = await cli(...argv);
      expect([r.code, r.stderr.length, r.stdout], argv.join(' ')).toEqual([code, 1, []]);
      expect(r.stderr[0], argv.join(' ')).toMatch(line);
    }
  });

  it('as a process: exit code 2 and one line on stderr for a bad argument', async () => {
    const r = await new Promise<{ code: number; stderr: string[] }>((done) =>
      execFile(
        'npx',
        ['tsx', 'scripts/detect.ts', input, '--out', out, '--conf', '2'],
        { cwd: ROOT },
        (error, _o, stderr) =>
          done({
            code: error ? Number(error.code) : 0,
            stderr: stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn')),
          }),
      ),
    );
    expect(r).toEqual({
      code: 2,
      stderr: ['detect: --conf must be a number between 0 and 1, got "2" (npm run -s detect -- --help for usage)'],
    });
  }, 60_000);
});
