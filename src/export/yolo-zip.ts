/**
 * `labels.zip`: the YOLO txt dataset (yolo-labels.ts) streamed through
 * fflate's `Zip`: each image's label file is deflated and handed out as soon
 * as its result arrives, so only the zip's directory (a few dozen bytes per
 * file) is held until the end. `classes.txt` comes first, `data.yaml` last
 * (it lists any renamed label file).
 *
 * Limits: fflate writes no ZIP64 records, so a zip holds at most 65,535
 * entries (65,533 images plus classes.txt and data.yaml) and 4 GiB; the
 * writer refuses the image past that rather than write a zip that readers
 * would cut short.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { type ExportOptions, ExportError, exportedDetections, type ImageResult } from './image-result.ts';
import type { DatasetWriter, ExportChunk } from './writer.ts';
import {
  CLASSES_FILE,
  classesText,
  DATA_YAML_FILE,
  dataYaml,
  LabelPaths,
  type RenamedLabel,
  yoloLabelText,
} from './yolo-labels.ts';

export const YOLO_ZIP_FILE_NAME = 'labels.zip';
/** Entries in a zip without ZIP64 records. */
export const MAX_ZIP_ENTRIES = 0xffff;
/** Images one labels.zip can hold: every entry but classes.txt and data.yaml. */
export const MAX_ZIP_IMAGES = MAX_ZIP_ENTRIES - 2;
const MAX_ZIP_BYTES = 0xffffffff;

export interface YoloZipOptions extends ExportOptions {
  /** Modification time of every entry; now by default. */
  mtime?: Date;
}

export interface YoloZipWriter extends DatasetWriter {
  /** Images whose labels went to another name than `<stem>.txt` (see LabelPaths), so far. */
  readonly renamed: readonly RenamedLabel[];
}

export function yoloZipWriter(opts: YoloZipOptions): YoloZipWriter {
  const mtime = opts.mtime ?? new Date();
  const paths = new LabelPaths();
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let failure: Error | null = null;
  let bytes = 0;
  let images = 0;
  let ended = false;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else {
      bytes += chunk.length;
      pending.push(chunk as Uint8Array<ArrayBuffer>);
    }
  });

  // fflate's synchronous deflate calls back before push() returns, so the file's chunks are ready here.
  // An empty label file is stored; `mem: 0` (a small hash table) makes deflating a small file 3x
  // faster with the same output, and label files are small.
  const addFile = (name: string, text: string): void => {
    const file = text === '' ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6, mem: 0 });
    file.mtime = mtime;
    zip.add(file);
    file.push(strToU8(text), true);
  };
  const drain = (): ExportChunk[] => {
    if (failure) throw new ExportError(`labels.zip could not be written: ${failure.message}`);
    if (bytes > MAX_ZIP_BYTES)
      throw new ExportError(
        'labels.zip is past 4 GiB, the most a zip without ZIP64 can hold; export the folder in parts',
      );
    const out = pending;
    pending = [];
    return out;
  };
  addFile(CLASSES_FILE, classesText(opts.labels));

  return {
    fileName: YOLO_ZIP_FILE_NAME,
    mimeType: 'application/zip',
    get renamed() {
      return paths.renamed;
    },
    add(r: ImageResult) {
      if (ended) throw new Error('the labels.zip writer has ended');
      if (images >= MAX_ZIP_IMAGES)
        throw new ExportError(
          `${r.file}: labels.zip can hold at most ${MAX_ZIP_IMAGES} images (a zip without ZIP64); export the folder in parts`,
        );
      const text = yoloLabelText(exportedDetections(r, opts), r.width, r.height);
      addFile(paths.take(r.file), text);
      images++;
      return drain();
    },
    end() {
      if (ended) throw new Error('the labels.zip writer has ended');
      ended = true;
      addFile(DATA_YAML_FILE, dataYaml(opts.labels, paths.renamed));
      zip.end();
      return drain();
    },
  };
}
