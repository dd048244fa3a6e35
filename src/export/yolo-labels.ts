/**
 * The YOLO txt dataset, file by file (the zip around it is yolo-zip.ts):
 * one `<image path with its extension replaced by .txt>` per image, lines
 * `class cx cy w h` with the box centre and size divided by the image size
 * (6 decimals) and 0-based class ids; an image without detections gets an
 * empty file. `classes.txt` and `data.yaml` list every label in class order.
 */
import type { Detection } from '../detect/detections.ts';
import { fixed } from './decimals.ts';
import { ExportError } from './image-result.ts';
import { yamlQuoted, yamlScalar } from './yaml-scalar.ts';

export const CLASSES_FILE = 'classes.txt';
export const DATA_YAML_FILE = 'data.yaml';

/** One label line: `class cx cy w h`, normalised to the image size. */
export function yoloLine(d: Detection, width: number, height: number): string {
  const cx = (d.x1 + d.x2) / 2 / width;
  const cy = (d.y1 + d.y2) / 2 / height;
  const w = (d.x2 - d.x1) / width;
  const h = (d.y2 - d.y1) / height;
  return `${d.classId} ${fixed(cx, 6)} ${fixed(cy, 6)} ${fixed(w, 6)} ${fixed(h, 6)}`;
}

/** The text of one label file: a line per box, each ending with a newline; '' for none. */
export function yoloLabelText(detections: readonly Detection[], width: number, height: number): string {
  return detections.map((d) => `${yoloLine(d, width, height)}\n`).join('');
}

/**
 * The image path as folder segments: '/' separators, no empty or `.`
 * segments. A `..` segment is refused: unzipped, it would write outside the
 * folder the user unzips into.
 */
export function pathSegments(file: string): string[] {
  const segments = file.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..'))
    throw new ExportError(`${file}: the path has a ".." segment; give paths inside the folder, e.g. cats/001.jpg`);
  if (segments.length === 0) throw new ExportError(`"${file}" is not a file path`);
  return segments;
}

/** `a/b/photo.jpg` → `a/b/photo.txt`; only the last extension goes (`x.tar.png` → `x.tar.txt`), a dotfile keeps its name. */
export function labelPathFor(file: string): string {
  const segments = pathSegments(file);
  const name = segments.pop()!;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return [...segments, `${stem}.txt`].join('/');
}

export interface RenamedLabel {
  /** The image, as given. */
  file: string;
  /** Where its labels went instead of the usual name. */
  labelFile: string;
  /** The usual name, taken by an earlier image (or by classes.txt). */
  wanted: string;
}

/**
 * Gives each image its label file name, never the same one twice. Two images
 * with the same stem in one folder (a.jpg, a.png) would both want a.txt: the
 * first in input order keeps it, a later one gets its full name plus .txt
 * (a.png.txt, then a.png~2.txt if that is taken too), so no labels are lost.
 * Names are compared as a case-insensitive file system would (Unicode NFC,
 * lower case): A.txt and a.txt would overwrite each other when unzipped on
 * macOS or Windows.
 */
export class LabelPaths {
  private readonly taken = new Set<string>([CLASSES_FILE]);
  readonly renamed: RenamedLabel[] = [];

  take(file: string): string {
    const wanted = labelPathFor(file);
    const segments = pathSegments(file);
    const name = segments.pop()!;
    const dir = segments.length ? `${segments.join('/')}/` : '';
    let path = wanted;
    for (let n = 1; this.taken.has(key(path)); n++) path = `${dir}${name}${n === 1 ? '' : `~${n}`}.txt`;
    this.taken.add(key(path));
    if (path !== wanted) this.renamed.push({ file, labelFile: path, wanted });
    return path;
  }
}

const key = (path: string) => path.normalize('NFC').toLowerCase();

/** classes.txt: one label per line. A line break inside a label becomes a space, so line n stays class n. */
export function classesText(labels: readonly string[]): string {
  return labels.map((l) => `${l.replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, ' ')}\n`).join('');
}

/**
 * data.yaml for Ultralytics: `nc`, `names` in class order, and `train`/`val`
 * pointing at the folder the file is in (a starting point: set your split).
 * Renamed label files are listed in comments, so the reason travels with the zip.
 */
export function dataYaml(labels: readonly string[], renamed: readonly RenamedLabel[] = []): string {
  const lines = [
    '# YOLO dataset: each image has a .txt of the same name (class cx cy w h, normalised) in the same folder.',
    '# train and val are this folder (images and labels side by side); set your own split before training.',
    'train: "."',
    'val: "."',
    `nc: ${labels.length}`,
    'names:',
    ...labels.map((l) => `  - ${yamlScalar(l)}`),
  ];
  if (renamed.length) {
    lines.push(
      '# Images whose label file could not have the usual name (another image in the folder has the same name',
      '# without extension); tools that pair labels with images by that name need one of them renamed:',
      ...renamed.map(
        (r) => `#   ${yamlQuoted(r.file)}: labels in ${yamlQuoted(r.labelFile)} (${yamlQuoted(r.wanted)} was taken)`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
