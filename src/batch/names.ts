import type { WalkedFile } from './walk.ts';

export interface BatchFile {
  /** The name every export uses: the path inside the dropped folder, '/' separators. */
  name: string;
  file: File;
}

/**
 * Names files as the CLI does: relative to the deepest folder holding them
 * all (one folder dropped: the folder itself, so `photos/street/bus.jpg` is
 * `street/bus.jpg`; two folders: their parent, so names never clash), then
 * sorted by name in character-code order, so a run over a folder gives the
 * ids `npm run detect` gives over it.
 */
export function batchFiles(walked: readonly WalkedFile[]): BatchFile[] {
  const folders = walked.map((w) => w.path.split('/').slice(0, -1));
  let common = folders[0] ?? [];
  for (const f of folders.slice(1)) {
    let n = 0;
    while (n < common.length && n < f.length && common[n] === f[n]) n++;
    common = common.slice(0, n);
  }
  const cut = common.length;
  return walked
    .map((w) => ({ name: w.path.split('/').slice(cut).join('/'), file: w.file }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Files from a file input: `webkitRelativePath` when a folder was picked, else the name alone. */
export function walkedFromInput(files: readonly File[]): WalkedFile[] {
  return files.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
