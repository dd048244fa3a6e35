import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LABELS, SAMPLE_RESULTS } from './sample-results.ts';
import { collectChunks, type ExportChunk, exportChunks } from './writer.ts';
import { MAX_ZIP_IMAGES, YOLO_ZIP_FILE_NAME, yoloZipWriter } from './yolo-zip.ts';

const MTIME = new Date(2025, 2, 4, 5, 6, 8);

function bytes(chunks: readonly ExportChunk[]): Uint8Array {
  const parts = chunks.map((c) => (typeof c === 'string' ? new TextEncoder().encode(c) : c));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function unzipText(chunks: readonly ExportChunk[]): Record<string, string> {
  const files = unzipSync(bytes(chunks));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

const DATA_YAML = `# YOLO dataset: each image has a .txt of the same name (class cx cy w h, normalised) in the same folder.
# train and val are this folder (images and labels side by side); set your own split before training.
train: "."
val: "."
nc: 4
names:
  - person
  - traffic light
  - "café, \\"bar\\""
  - "yes"
`;

describe('labels.zip', () => {
  it('unzips to exactly the expected files and bytes (folders kept, empty txt for an image without boxes)', async () => {
    const files = unzipText(
      await collectChunks(yoloZipWriter({ labels: SAMPLE_LABELS, mtime: MTIME }), SAMPLE_RESULTS),
    );
    expect(files).toEqual({
      'classes.txt': 'person\ntraffic light\ncafé, "bar"\nyes\n',
      'street/cam 1/0001.txt': '0 0.500000 0.300000 0.500000 0.400000\n1 0.050630 0.060256 0.051240 0.040488\n',
      'empty.txt': '',
      'ünïcode/日本.txt': '2 0.500000 0.500000 1.000000 1.000000\n',
      'data.yaml': DATA_YAML,
    });
  });

  it('the class filter empties the lines of other classes but classes.txt and data.yaml keep every label', async () => {
    const files = unzipText(
      await collectChunks(yoloZipWriter({ labels: SAMPLE_LABELS, keep: new Set([1]) }), SAMPLE_RESULTS),
    );
    expect(files['street/cam 1/0001.txt']).toBe('1 0.050630 0.060256 0.051240 0.040488\n');
    expect(files['ünïcode/日本.txt']).toBe('');
    expect(files['classes.txt']).toBe('person\ntraffic light\ncafé, "bar"\nyes\n');
    expect(files['data.yaml']).toBe(DATA_YAML);
  });

  it('streams: each added image yields its zip entry at once, and the chunks join into the zip', async () => {
    const w = yoloZipWriter({ labels: SAMPLE_LABELS, mtime: MTIME });
    expect(w.fileName).toBe(YOLO_ZIP_FILE_NAME);
    expect(w.mimeType).toBe('application/zip');
    const perImage = SAMPLE_RESULTS.map((r) => w.add(r));
    for (const chunks of perImage) expect(bytes(chunks).length).toBeGreaterThan(30); // a local header is 30 bytes + name
    const streamed = [...perImage.flat(), ...w.end()];
    async function* later() {
      for (const r of SAMPLE_RESULTS) yield await Promise.resolve(r);
    }
    const again: ExportChunk[] = [];
    for await (const c of exportChunks(yoloZipWriter({ labels: SAMPLE_LABELS, mtime: MTIME }), later())) again.push(c);
    expect(unzipText(streamed)).toEqual(unzipText(again));
    // classes.txt went out with the first image (the writer holds nothing back but the directory).
    expect(strFromU8(bytes(perImage[0]!))).toContain('classes.txt');
  });

  it('a.jpg and a.png in one folder keep both label sets: a.txt and a.png.txt, said in data.yaml', async () => {
    const r = (file: string, classId: number) => ({
      file,
      width: 100,
      height: 100,
      detections: [{ x1: 0, y1: 0, x2: 50, y2: 50, score: 0.9, classId, label: '' }],
    });
    const w = yoloZipWriter({ labels: SAMPLE_LABELS });
    const files = unzipText(await collectChunks(w, [r('d/a.jpg', 0), r('d/a.png', 1), r('d/A.gif', 2)]));
    expect(files['d/a.txt']).toBe('0 0.250000 0.250000 0.500000 0.500000\n');
    expect(files['d/a.png.txt']).toBe('1 0.250000 0.250000 0.500000 0.500000\n');
    expect(files['d/A.gif.txt']).toBe('2 0.250000 0.250000 0.500000 0.500000\n');
    expect(Object.keys(files)).toHaveLength(5);
    expect(w.renamed.map((x) => x.labelFile)).toEqual(['d/a.png.txt', 'd/A.gif.txt']);
    expect(files['data.yaml']).toContain('#   "d/a.png": labels in "d/a.png.txt" ("d/a.txt" was taken)');
  });

  it('Python’s zipfile reads it, names in UTF-8', async () => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) return;
    const dir = mkdtempSync(join(tmpdir(), 'yolo-zip-'));
    try {
      const file = join(dir, 'labels.zip');
      writeFileSync(file, bytes(await collectChunks(yoloZipWriter({ labels: SAMPLE_LABELS }), SAMPLE_RESULTS)));
      const r = spawnSync(
        'python3',
        [
          '-c',
          'import sys, zipfile, json; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist()))',
          file,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([
        'classes.txt',
        'street/cam 1/0001.txt',
        'empty.txt',
        'ünïcode/日本.txt',
        'data.yaml',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the image past what a zip without ZIP64 holds, with the reason and what to do', () => {
    const w = yoloZipWriter({ labels: ['x'] });
    const empty = { width: 1, height: 1, detections: [] };
    for (let i = 0; i < MAX_ZIP_IMAGES; i++) w.add({ file: `${i}.jpg`, ...empty });
    expect(() => w.add({ file: 'one-too-many.jpg', ...empty })).toThrow(
      /one-too-many\.jpg: labels\.zip can hold at most 65533 images .*export the folder in parts/,
    );
  }, 60_000);
});
