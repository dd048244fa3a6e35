/**
 * Walking what was dropped: folders recursively, over a small entry interface
 * (the browser's `FileSystemEntry` is adapted to it in dom-entries.ts, tests
 * give a tree of their own). Only handles are collected (a `File` holds no
 * bytes until read), so a folder of thousands of images costs little until
 * each is read, one at a time, by the batch run.
 */
export type WalkEntry =
  | { kind: 'file'; name: string; file(): Promise<File> }
  | { kind: 'dir'; name: string; children(): Promise<WalkEntry[]> };

export interface WalkedFile {
  /** Path from the dropped item's parent, '/' separators: `photos/street/bus.jpg`. */
  path: string;
  file: File;
}

export interface NotTaken {
  name: string;
  reason: string;
}

/** As the CLI walks: names starting with '.' (.git, .DS_Store, ._ resource forks) are not dataset images. */
const hidden = (name: string) => name.startsWith('.');

export async function walkEntries(roots: readonly WalkEntry[]): Promise<{ files: WalkedFile[]; skipped: NotTaken[] }> {
  const files: WalkedFile[] = [];
  const skipped: NotTaken[] = [];
  // Iterative, so a deep tree cannot overflow the stack.
  const stack: { entry: WalkEntry; path: string; top: boolean }[] = [...roots]
    .reverse()
    .map((entry) => ({ entry, path: entry.name, top: true }));
  while (stack.length) {
    const { entry, path, top } = stack.pop()!;
    // A hidden file dropped on its own was chosen; inside a folder it is not.
    if (!top && hidden(entry.name)) continue;
    try {
      if (entry.kind === 'file') files.push({ path, file: await entry.file() });
      else {
        const children = await entry.children();
        for (let i = children.length - 1; i >= 0; i--) {
          const c = children[i]!;
          stack.push({ entry: c, path: `${path}/${c.name}`, top: false });
        }
      }
    } catch (e) {
      skipped.push({
        name: path,
        reason: `cannot be read (${e instanceof Error ? e.message : String(e)}); it may have been moved or deleted`,
      });
    }
  }
  return { files, skipped };
}
