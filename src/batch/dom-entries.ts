import type { WalkEntry } from './walk.ts';

/**
 * The browser's drop entries (`DataTransferItem.webkitGetAsEntry()`) as walk
 * entries. `readEntries` hands a folder's children in batches (Chromium: 100)
 * and an empty batch at the end, so it is called until one comes back empty.
 */
export function fromFileSystemEntry(entry: FileSystemEntry): WalkEntry | null {
  if (entry.isFile) {
    const fileEntry = entry as FileSystemFileEntry;
    return { kind: 'file', name: entry.name, file: () => new Promise((res, rej) => fileEntry.file(res, rej)) };
  }
  if (entry.isDirectory) {
    const dir = entry as FileSystemDirectoryEntry;
    return {
      kind: 'dir',
      name: entry.name,
      children: async () => {
        const reader = dir.createReader();
        const all: WalkEntry[] = [];
        for (;;) {
          const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
          if (batch.length === 0) return all;
          for (const e of batch) {
            const w = fromFileSystemEntry(e);
            if (w) all.push(w);
          }
        }
      },
    };
  }
  return null;
}

/** The entries of a drop, or null when the browser gives none (then its `files` are all there is). */
export function dropEntries(dt: DataTransfer): WalkEntry[] | null {
  if (!dt.items || typeof DataTransferItem === 'undefined' || !('webkitGetAsEntry' in DataTransferItem.prototype))
    return null;
  const entries: WalkEntry[] = [];
  // Entries must be taken synchronously, in the drop event: the list is emptied when it returns.
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const e = item.webkitGetAsEntry();
    const w = e ? fromFileSystemEntry(e) : null;
    if (w) entries.push(w);
  }
  return entries.length ? entries : null;
}
